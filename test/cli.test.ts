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
const CLEAN = 'ĐẢNG ỦY XÃ YÊN SƠN\nSTT;Nội dung công việc;Người chịu trách nhiệm;Thời hạn hoàn thành;Tình trạng;Ngày hoàn thành\n1;Xóa nhà tạm;Nguyễn Văn An;31/12/2024;Đang thực hiện;\n';

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
    expect(Object.keys(json)).toEqual(['asOf', 'files', 'diagnostics', 'summary']);
    expect(json.files).toEqual([{ path: 'clean/yen-son.csv', unit: { code: '07651', name: 'Xã Yên Sơn' }, tasks: 1, errors: 0, warnings: 0 }]);
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
    writeFileSync(join(dir, 'clean', 'late.csv'), 'ĐẢNG ỦY XÃ YÊN SƠN\nSTT;Nội dung;Người phụ trách;Thời hạn\n1;Việc trễ;Nguyễn Văn An;30/06/2024\n');
    try {
      expect(tiendo(['validate', 'clean/late.csv', '--as-of', '2024-09-30', '--unit', '07651'], { cwd: dir }).status).toBe(0);
      expect(tiendo(['validate', 'clean/late.csv', '--as-of', '2024-09-30', '--unit', '07651', '--max-warnings', '0'], { cwd: dir }).status).toBe(1);
    } finally {
      rmSync(join(dir, 'clean', 'late.csv'));
    }
  });
  it('exits 2 on usage errors with one line and no stack trace', () => {
    for (const args of [['validate', 'no-such-dir'], ['validate', 'clean', '--as-of', '31/02/2024'], ['validate', 'clean', '--format', 'xml'], ['frobnicate'], ['validate']]) {
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
      const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} validate clean --as-of 2024-09-30 > /dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
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
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import(process.argv[1]); m.tuneV8(); console.log('tuned')", new URL('../dist/v8-tuning.js', import.meta.url).href], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('tuned');
  });
});
