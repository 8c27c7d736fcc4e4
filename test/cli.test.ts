import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, tiendo } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-cli-'));

const UNITS = 'code,name,level,parent\n24,Tỉnh Bắc Giang,tinh,\n213,Huyện Lục Nam,huyen,24\n07651,Xã Yên Sơn,xa,213\n';
const ROSTER = 'name,position,unit,from,to\nNguyễn Văn An,Chủ tịch UBND xã,07651,2020-01-01,\n';
const CLEAN =
  'ĐẢNG ỦY XÃ YÊN SƠN\nSTT;Nội dung công việc;Người chịu trách nhiệm;Thời hạn hoàn thành;Tình trạng;Ngày hoàn thành\n1;Xóa nhà tạm;Nguyễn Văn An;31/12/2024;Đang thực hiện;\n';

beforeAll(async () => {
  for (const d of ['clean', 'bad', 'xlsx']) {
    mkdirSync(join(dir, d));
    writeFileSync(join(dir, d, 'units.csv'), UNITS);
    writeFileSync(join(dir, d, 'roster.csv'), ROSTER);
  }
  writeFileSync(join(dir, 'clean', 'yen-son.csv'), CLEAN);
  writeFileSync(join(dir, 'bad', 'yen-son.csv'), CLEAN + '2;Việc không người;;30/06/2024;;\n');
  writeFileSync(join(dir, 'bad', 'old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(600)]));
  writeFileSync(join(dir, 'bad', '~$yen-son.xlsx'), 'lock');
  writeFileSync(join(dir, 'bad', '.hidden.csv'), 'junk');
  // An xlsx with a date cell: read under a negative time zone it must stay the same day.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  ws.addRow(['ĐẢNG ỦY XÃ YÊN SƠN']);
  ws.addRow(['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành', 'Tình trạng', 'Ngày hoàn thành']);
  ws.addRow([1, 'Việc đã xong', 'Nguyễn Văn An', new Date(Date.UTC(2024, 8, 30)), 'Hoàn thành', new Date(Date.UTC(2024, 9, 1))]);
  await wb.xlsx.writeFile(join(dir, 'xlsx', 'yen-son.xlsx'));
});

describe('tiendo, the binary', () => {
  it('prints help and version, exit 0', () => {
    const help = tiendo(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/validate/);
    expect(help.stdout).toMatch(/rollup/);
    const v = tiendo(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('exits 0 on a clean register, and prints JSON exactly as SPEC §5.1', () => {
    const r = tiendo(['validate', 'clean', '--as-of', '2024-09-30', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // SPEC §5.1's keys, then the list of files skipped (summary workbooks tiendo wrote)
    expect(Object.keys(json)).toEqual(['asOf', 'files', 'diagnostics', 'summary', 'skipped']);
    expect(json.skipped).toEqual([]);
    expect(json.files).toEqual([
      { path: 'clean/yen-son.csv', unit: { code: '07651', name: 'Xã Yên Sơn' }, tasks: 1, errors: 0, warnings: 0 },
    ]);
    expect(json.summary).toEqual({ files: 1, tasks: 1, errors: 0, warnings: 0 });
  });
  it('exits 1 with errors, names file, row, column and rule; skips lock and hidden files; an .xls does not stop the others', () => {
    const r = tiendo(['validate', 'bad', '--as-of', '2024-09-30', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['bad/old.xls', 'bad/yen-son.csv']);
    const got = json.diagnostics.map((d: Record<string, unknown>) => [d.file, d.row, d.column, d.rule, d.severity]);
    expect(got).toContainEqual(['bad/old.xls', null, null, 'file-unreadable', 'error']);
    expect(got).toContainEqual(['bad/yen-son.csv', 4, 'C', 'owner-missing', 'error']);
    expect(got).toContainEqual(['bad/yen-son.csv', 4, 'D', 'overdue', 'warning']);
    const xls = json.diagnostics.find((d: { rule: string }) => d.rule === 'file-unreadable');
    expect(xls.message).toMatch(/xlsx/);
    expect(xls).toMatchObject({ sheet: null, row: null, column: null, taskId: null });
  });
  it('prints text grouped by file, as a linter does, in Vietnamese or English', () => {
    const vi = tiendo(['validate', 'bad/yen-son.csv', '--as-of', '2024-09-30'], { cwd: dir });
    expect(vi.stdout).toMatch(/bad\/yen-son\.csv:4:C {2}lỗi {2}.* {2}owner-missing/);
    expect(vi.stdout).toMatch(/1 lỗi, 1 cảnh báo trong 1 tệp, 2 việc/);
    expect(vi.stdout).not.toMatch(/\x1b\[/); // no colour when not a terminal
    const en = tiendo(['validate', 'bad/yen-son.csv', '--as-of', '2024-09-30', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toMatch(/bad\/yen-son\.csv:4:C {2}error {2}.* {2}owner-missing/);
    expect(en.stdout).toMatch(/1 error, 1 warning in 1 file, 2 tasks/);
  });
  it('--max-warnings turns too many warnings into exit 1', () => {
    writeFileSync(
      join(dir, 'clean', 'late.csv'),
      'ĐẢNG ỦY XÃ YÊN SƠN\nSTT;Nội dung;Người phụ trách;Thời hạn\n1;Việc trễ;Nguyễn Văn An;30/06/2024\n',
    );
    try {
      expect(tiendo(['validate', 'clean/late.csv', '--as-of', '2024-09-30', '--unit', '07651'], { cwd: dir }).status).toBe(0);
      expect(
        tiendo(['validate', 'clean/late.csv', '--as-of', '2024-09-30', '--unit', '07651', '--max-warnings', '0'], { cwd: dir }).status,
      ).toBe(1);
    } finally {
      rmSync(join(dir, 'clean', 'late.csv'));
    }
  });
  it('exits 2 on usage errors with one line and no stack trace', () => {
    for (const args of [
      ['validate', 'no-such-dir'],
      ['validate', 'clean', '--as-of', '31/02/2024'],
      ['validate', 'clean', '--format', 'xml'],
      ['frobnicate'],
      ['validate'],
    ]) {
      const r = tiendo(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
  it('finds units.csv in a folder above the inputs, and says so on stderr when there is none', () => {
    mkdirSync(join(dir, 'clean', 'huyen', 'xa'), { recursive: true });
    writeFileSync(join(dir, 'clean', 'huyen', 'xa', '07651_thang9.csv'), CLEAN);
    const r = tiendo(['validate', 'clean/huyen', '--as-of', '2024-09-30', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).files[0].unit).toEqual({ code: '07651', name: 'Xã Yên Sơn' });
    const lone = mkdtempSync(join(tmpdir(), 'tiendo-lone-'));
    writeFileSync(join(lone, 'yen-son.csv'), CLEAN);
    const r2 = tiendo(['validate', 'yen-son.csv', '--as-of', '2024-09-30', '--format', 'json'], { cwd: lone });
    expect(r2.stderr).toMatch(/không tìm thấy units\.csv/);
    expect(JSON.parse(r2.stdout).files[0].unit).toBeNull();
    rmSync(join(dir, 'clean', 'huyen'), { recursive: true });
  });
  it('exits 2 when nothing could be read', () => {
    const r = tiendo(['validate', 'bad/old.xls', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(2);
  });
  it('reads date cells as the same calendar day under TZ=America/New_York', () => {
    const r = tiendo(['validate', 'xlsx', '--as-of', '2024-09-30', '--format', 'json'], { cwd: dir, env: { TZ: 'America/New_York' } });
    const json = JSON.parse(r.stdout);
    // completed 01/10/2024 is after the as-of date 30/09/2024: completion-in-future — a day early would hide it
    expect(json.diagnostics.map((d: { rule: string; row: number }) => [d.rule, d.row])).toEqual([['completion-in-future', 3]]);
    const r2 = tiendo(['validate', 'xlsx', '--as-of', '2024-10-01', '--format', 'json'], { cwd: dir, env: { TZ: 'America/New_York' } });
    expect(r2.status).toBe(0);
  });
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('draws a progress bar on stderr only when it is a terminal', () => {
    for (let i = 0; i < 7; i++) writeFileSync(join(dir, 'clean', `0765${i}_copy.csv`), CLEAN.replace('ĐẢNG ỦY XÃ YÊN SƠN', ''));
    try {
      // `script` gives the command a terminal; stdout goes to a file so only stderr reaches it.
      const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} validate clean --as-of 2024-09-30 > /dev/null`, '/dev/null'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.stdout).toMatch(/\[#+ *\] 8\/8/);
      const plain = tiendo(['validate', 'clean', '--as-of', '2024-09-30'], { cwd: dir });
      expect(plain.stderr).not.toMatch(/#/);
    } finally {
      for (let i = 0; i < 7; i++) rmSync(join(dir, 'clean', `0765${i}_copy.csv`));
    }
  });
  it('lists the rules as text and JSON', () => {
    const text = tiendo(['rules']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^owner-inactive\s+lỗi\s+/m);
    const json = JSON.parse(tiendo(['rules', '--format', 'json']).stdout);
    expect(json.find((r: { id: string }) => r.id === 'at-risk')).toMatchObject({ severity: 'warning' });
  });
});

describe('the V8 flags the command line sets', () => {
  it('are known to this Node (V8 says "unrecognized flag" on stderr otherwise)', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import(process.argv[1]); m.tuneV8(); m.tuneHeapFor(m.LARGE_RUN_FILES); console.log('tuned')",
        new URL('../dist/v8-tuning.js', import.meta.url).href,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('tuned');
  });
});

// Every mistake a clerk makes is one line in Vietnamese (English with --lang en), exit 2,
// no stack trace, no screenful of help.
describe('a mistake on the command line', () => {
  /** exit 2, nothing on stdout, exactly one line on stderr with each of `words`; returns the line. */
  function oneLine(r: { status: number | null; stdout: string; stderr: string }, ...words: string[]): string {
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^tiendo: /);
    for (const w of words) expect(lines[0]).toContain(w);
    return lines[0] ?? '';
  }
  const VI = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

  it('a misspelt option names the closest one', () => {
    const vi = oneLine(
      tiendo(['validate', 'clean', '--as-off', '2024-09-30'], { cwd: dir }),
      'không có tùy chọn --as-off',
      'có phải --as-of?',
      '"tiendo validate --help"',
    );
    expect(vi).toBe('tiendo: không có tùy chọn --as-off — có phải --as-of? Xem "tiendo validate --help"');
    const en = oneLine(
      tiendo(['validate', 'clean', '--as-off', '2024-09-30', '--lang', 'en'], { cwd: dir }),
      'no option --as-off',
      'did you mean --as-of?',
    );
    expect(en).not.toMatch(VI);
  });
  it('a misspelt command names the closest one; an unknown one lists them', () => {
    oneLine(tiendo(['valdate', 'clean'], { cwd: dir }), 'không có lệnh valdate', 'có phải validate?');
    oneLine(tiendo(['help', 'valdate'], { cwd: dir }), 'không có lệnh valdate', 'có phải validate?');
    oneLine(tiendo(['frobnicate'], { cwd: dir }), 'không có lệnh frobnicate', 'validate, rollup, template, rules');
    expect(oneLine(tiendo(['valdate', '--lang', 'en'], { cwd: dir }), 'no command valdate', 'did you mean validate?')).not.toMatch(VI);
  });
  it('a value not among the choices lists them', () => {
    oneLine(tiendo(['validate', 'clean', '--format', 'xml'], { cwd: dir }), '--format không nhận "xml"', 'chọn một trong: text, json');
    oneLine(tiendo(['validate', 'clean', '--format', 'jsno'], { cwd: dir }), 'có phải json?');
    oneLine(tiendo(['rules', '--lang', 'fr'], { cwd: dir }), '--lang không nhận "fr"', 'vi, en');
    expect(
      oneLine(
        tiendo(['validate', 'clean', '--format', 'xml', '--lang', 'en'], { cwd: dir }),
        '--format does not take "xml"',
        'one of: text, json',
      ),
    ).not.toMatch(VI);
  });
  it('a missing argument, a missing required option, an option without its value', () => {
    oneLine(tiendo(['validate'], { cwd: dir }), 'lệnh validate cần <paths...>');
    oneLine(tiendo(['rollup', 'clean'], { cwd: dir }), 'lệnh rollup cần --out <dir>');
    oneLine(tiendo(['template', '--unit', '07651'], { cwd: dir }), 'lệnh template cần --out <file>');
    oneLine(tiendo(['rollup', 'clean', '--out'], { cwd: dir }), 'tùy chọn --out cần một giá trị');
    expect(oneLine(tiendo(['rollup', 'clean', '--lang', 'en'], { cwd: dir }), 'the command rollup needs --out <dir>')).not.toMatch(VI);
  });
  it('too many arguments, and an option of a command put before it', () => {
    oneLine(tiendo(['rules', 'extra'], { cwd: dir }), 'lệnh rules không nhận thêm đối số "extra"');
    oneLine(tiendo(['template', 'extra', '--unit', '07651', '--out', 'x.xlsx'], { cwd: dir }), 'không nhận thêm đối số "extra"');
    oneLine(tiendo(['--as-of', '2024-09-30', 'validate', 'clean'], { cwd: dir }), 'tùy chọn --as-of thuộc lệnh validate');
  });
  it('a number that is not one', () => {
    oneLine(tiendo(['validate', 'clean', '--max-warnings', 'ten'], { cwd: dir }), '--max-warnings phải là một số nguyên không âm', '"ten"');
    expect(
      oneLine(
        tiendo(['validate', 'clean', '--max-warnings', 'ten', '--lang', 'en'], { cwd: dir }),
        '--max-warnings must be a whole number',
      ),
    ).not.toMatch(VI);
  });
});

describe('help and version', () => {
  it('no arguments: the help on stderr, exit 2', () => {
    const r = tiendo([], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Cách dùng: tiendo \[tùy chọn\] \[lệnh\]/);
  });
  it('--help and -h: the help in Vietnamese on stdout, exit 0', () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ['help'],
      ['validate', '--help'],
      ['help', 'rollup'],
      ['template', '-h'],
      ['rules', '--help'],
    ]) {
      const r = tiendo(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Cách dùng: tiendo/);
      expect(r.stdout).toContain('Tùy chọn:');
      expect(r.stdout).toContain('hiện trợ giúp');
      expect(r.stdout).not.toMatch(
        /Usage|Options:|Arguments:|Commands:|\[options\]|\[command\]|display help|output the version|default:|choices:/,
      );
    }
    const main = tiendo(['--help']).stdout;
    expect(main).toContain('Lệnh:');
    expect(main).toMatch(/validate \[tùy chọn\] <paths\.\.\.>/);
    expect(tiendo(['validate', '--help']).stdout).toMatch(
      /Đối số:[\s\S]*--format <format>\s+định dạng kết quả\s+\(một\s+trong:\s+text,\s+json;\s+mặc\s+định:\s+text\)/,
    );
  });
  it('--help --lang en: in English', () => {
    const r = tiendo(['validate', '--help', '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tiendo validate <paths\.\.\.> \[options\]/);
    expect(r.stdout).toContain('show this help');
    // commander's words and tiendo's own descriptions in English (column names such as Mã việc may appear)
    expect(r.stdout).not.toMatch(/Cách dùng|Tùy chọn|Đối số|hiện trợ giúp|một trong|mặc định|tệp|thư mục/);
    expect(r.stdout).not.toMatch(/\(default: \)/);
  });
  it('--version, -V: exit 0', () => {
    for (const flag of ['--version', '-V']) {
      const r = tiendo([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
const VI_TEXT = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('an output path that cannot be used, checked before any register is read', () => {
  function oneLine(r: { status: number | null; stdout: string; stderr: string; error?: Error }, ...words: string[]): string {
    expect(r.error, 'timed out').toBeUndefined();
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at |lỗi không mong đợi/);
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    for (const w of words) expect(lines[0]).toContain(w);
    return lines[0] ?? '';
  }
  /** The binary with a timeout: a run that spins fails the test instead of hanging it. */
  function timed(args: string[], opts: { cwd?: string; user?: string } = {}) {
    const cmd = opts.user
      ? (['runuser', ['-u', opts.user, '--', process.execPath, BIN, ...args]] as const)
      : ([process.execPath, [BIN, ...args]] as const);
    const r = spawnSync(cmd[0], [...cmd[1]], {
      cwd: opts.cwd ?? dir,
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
  }

  it('--out /proc/x: one line within seconds, not a spin at 100 % CPU', () => {
    const started = Date.now();
    const line = oneLine(timed(['rollup', 'clean', '--out', '/proc/x']), '/proc/x', '/proc là thư mục của hệ điều hành', '--out');
    expect(line).toBe('tiendo: không ghi vào /proc/x: /proc là thư mục của hệ điều hành — chọn thư mục khác bằng --out');
    expect(Date.now() - started).toBeLessThan(10_000);
    oneLine(timed(['rollup', 'clean', '--out', '/sys/tiendo']), '/sys là thư mục của hệ điều hành');
    oneLine(timed(['validate', 'clean', '--annotate', '/dev/shm/tiendo']), '/dev là thư mục của hệ điều hành', '--annotate');
    expect(
      oneLine(timed(['rollup', 'clean', '--out', '/proc/x', '--lang', 'en']), '/proc is a folder of the operating system'),
    ).not.toMatch(VI_TEXT);
  });
  it('--out that is a file, or under a file', () => {
    const file = join(dir, 'a-file.txt');
    writeFileSync(file, 'not a folder');
    oneLine(timed(['rollup', 'clean', '--out', 'a-file.txt']), 'a-file.txt là một tệp, không phải thư mục', '--out');
    oneLine(timed(['rollup', 'clean', '--out', 'a-file.txt/sub']), 'không tạo được thư mục', 'a-file.txt là một tệp, không phải thư mục');
    oneLine(timed(['validate', 'clean', '--annotate', 'a-file.txt']), 'a-file.txt là một tệp, không phải thư mục', '--annotate');
    expect(oneLine(timed(['rollup', 'clean', '--out', 'a-file.txt', '--lang', 'en']), 'is a file, not a folder')).not.toMatch(VI_TEXT);
  });
  it('is checked before the registers are read: a missing input is not what is reported', () => {
    oneLine(timed(['rollup', 'no-such-folder', '--out', '/proc/x']), '/proc là thư mục của hệ điều hành');
  });
  it('a write that fails mid-run (a folder where a workbook goes) is one line, not a stack trace', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-midrun-'));
    mkdirSync(join(out, '24-bac-giang.xlsx'));
    const line = oneLine(
      timed(['rollup', 'clean', '--as-of', '2024-09-30', '--out', out]),
      `không ghi được tệp ${join(out, '24-bac-giang.xlsx')}: đã có một thư mục trùng tên (EISDIR)`,
    );
    expect(line).toMatch(/^tiendo: /);
    expect(
      oneLine(
        timed(['rollup', 'clean', '--as-of', '2024-09-30', '--out', out, '--lang', 'en']),
        'cannot write the file',
        'a folder of that name exists (EISDIR)',
      ),
    ).not.toMatch(VI_TEXT);
  });
  // As root chmod does not stop a write: then the check runs as `nobody` through runuser, or is skipped.
  const root = process.getuid?.() === 0;
  const runuser = root && spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--version']).status === 0;
  it.skipIf(root && !runuser)('--out a folder that cannot be written (chmod 555; as root: run as nobody, skipped without runuser)', () => {
    const ro = mkdtempSync(join(tmpdir(), 'tiendo-ro-'));
    spawnSync('chmod', ['555', ro]);
    const user = root ? 'nobody' : undefined;
    // as nobody, the registers are not readable at all: the output is refused before they are looked at
    oneLine(timed(['rollup', 'clean', '--out', ro], { user }), `không ghi được vào thư mục ${ro}: không có quyền ghi (EACCES)`, '--out');
    oneLine(timed(['rollup', 'clean', '--out', join(ro, 'sub')], { user }), 'không có quyền ghi (EACCES)');
    oneLine(timed(['validate', 'clean', '--annotate', join(ro, 'sub')], { user }), 'không có quyền ghi (EACCES)', '--annotate');
    expect(oneLine(timed(['rollup', 'clean', '--out', ro, '--lang', 'en'], { user }), 'permission denied (EACCES)')).not.toMatch(VI_TEXT);
  });
});

describe('small truths', () => {
  it('--no-color is accepted by every command', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-nc-'));
    expect(tiendo(['validate', 'clean', '--as-of', '2024-09-30', '--no-color'], { cwd: dir }).status).toBe(0);
    expect(tiendo(['rollup', 'clean', '--as-of', '2024-09-30', '--out', out, '--no-color'], { cwd: dir }).status).toBe(0);
    expect(
      tiendo(['template', '--unit', '07651', '--units', 'clean/units.csv', '--out', join(out, 't.xlsx'), '--no-color'], { cwd: dir })
        .status,
    ).toBe(0);
    expect(tiendo(['rules', '--no-color'], { cwd: dir }).status).toBe(0);
    expect(tiendo(['--no-color', '--version']).status).toBe(0);
  });
  it("--no-color and NO_COLOR: no colour even when chalk is forced to see a terminal's colours", () => {
    // FORCE_COLOR is what tells chalk "a terminal"; --no-color must still win.
    const forced = tiendo(['validate', 'bad/yen-son.csv', '--as-of', '2024-09-30'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const off = tiendo(['validate', 'bad/yen-son.csv', '--as-of', '2024-09-30', '--no-color'], {
      cwd: dir,
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(off.stdout).not.toMatch(/\x1b\[/);
  });
  it('--max-warnings: a line on stderr says why the exit is 1', () => {
    writeFileSync(
      join(dir, 'clean', 'late2.csv'),
      'ĐẢNG ỦY XÃ YÊN SƠN\nSTT;Nội dung;Người phụ trách;Thời hạn\n1;Việc trễ;Nguyễn Văn An;30/06/2024\n',
    );
    try {
      const args = ['validate', 'clean/late2.csv', '--as-of', '2024-09-30', '--unit', '07651', '--max-warnings', '0'];
      const r = tiendo(args, { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('tiendo: 1 cảnh báo, vượt mức --max-warnings 0 → mã thoát 1\n');
      expect(tiendo([...args, '--lang', 'en'], { cwd: dir }).stderr).toBe('tiendo: 1 warning, more than --max-warnings 0 → exit code 1\n');
      expect(tiendo([...args.slice(0, -1), '1'], { cwd: dir }).stderr).toBe('');
    } finally {
      rmSync(join(dir, 'clean', 'late2.csv'));
    }
  });
  it('rules: the severities of tiendo.config.json in the working folder, or of --config, the changed ones marked', () => {
    const cfg = mkdtempSync(join(tmpdir(), 'tiendo-cfg-'));
    writeFileSync(join(cfg, 'tiendo.config.json'), JSON.stringify({ rules: { overdue: 'error', 'at-risk': 'off' } }));
    const text = tiendo(['rules'], { cwd: cfg });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^overdue\s+lỗi\s+.*\(theo cấu hình; mặc định: cảnh báo\)$/m);
    expect(text.stdout).toMatch(/^at-risk\s+tắt\s+.*\(theo cấu hình; mặc định: cảnh báo\)$/m);
    expect(text.stdout).toMatch(/^owner-inactive\s+lỗi\s+[^(]*$/m);
    expect(tiendo(['rules', '--lang', 'en'], { cwd: cfg }).stdout).toMatch(/^overdue\s+error\s+.*\(configured; default: warning\)$/m);
    const json = JSON.parse(tiendo(['rules', '--format', 'json', '--config', join(cfg, 'tiendo.config.json')], { cwd: dir }).stdout);
    expect(json.find((r: { id: string }) => r.id === 'overdue')).toMatchObject({ severity: 'error', defaultSeverity: 'warning' });
    expect(
      JSON.parse(tiendo(['rules', '--format', 'json'], { cwd: dir }).stdout).find((r: { id: string }) => r.id === 'overdue'),
    ).toMatchObject({ severity: 'warning' });
    writeFileSync(join(cfg, 'bad.json'), JSON.stringify({ rules: { overdu: 'error' } }));
    const bad = tiendo(['rules', '--config', 'bad.json'], { cwd: cfg });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toMatch(/^overdue/m); // the list, to fix the config from
    expect(bad.stderr).toBe(
      'tiendo: tệp cấu hình nêu quy tắc không có: overdu — có phải overdue? (các quy tắc là những quy tắc liệt kê ở trên)\n',
    );
  });
});

describe('the library’s usage errors in English too', () => {
  it.each([
    [['validate', 'no-such-folder', '--lang', 'en'], 'tiendo: Not found: no-such-folder\n'],
    [['validate', 'no-such-folder'], 'tiendo: Không tìm thấy no-such-folder\n'],
    [
      ['validate', '.', '--as-of', '31/02/2024', '--lang', 'en'],
      'tiendo: The --as-of date "31/02/2024" is not valid — write yyyy-mm-dd or dd/mm/yyyy\n',
    ],
    [['validate', '.', '--config', 'no-such.json', '--lang', 'en'], 'tiendo: The configuration file no-such.json is not there\n'],
    [
      ['validate', '.', '--compare', '.', '--compare-as-of', '31/02/2024'],
      'tiendo: Ngày --compare-as-of "31/02/2024" không hợp lệ — ghi dạng yyyy-mm-dd hoặc dd/mm/yyyy\n',
    ],
  ])('tiendo %j', (args, line) => {
    const r = tiendo(args, { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(line);
  });
});
