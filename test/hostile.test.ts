// Issue 7: broken and hostile input. Each case is a register in fixtures/hostile/ (written by
// scripts/make-hostile.js, its expected answer in expected.json) or, for the big ones, made here
// at test time; each is read beside good registers by the built CLI, and must answer with a clear
// diagnostic while the good ones are still read and counted — no stack trace, within 60 s and 1 GiB.
// Also: what tiendo writes is never a formula, and is skipped when a later run reads it back.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import { findSoffice } from '../src/read/convert.js';
import { inflateEntry, zipEntries } from '../src/zip/read.js';
import { get } from './helpers/at.js';
import { BIN } from './helpers/cli.js';
import { bigRegister, honestBomb, lyingBomb, registerRows } from '../scripts/make-hostile.js';

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const EXPECTED = JSON.parse(readFileSync(join(HOSTILE, 'expected.json'), 'utf8')) as {
  asOf: string;
  files: Record<string, Expectation>;
};
const AS_OF = EXPECTED.asOf;
const GOOD = ['good-yen-son.xlsx', 'good-lan-mau.csv'];
const MB = 1024 * 1024;

interface Expected {
  unit: string | null;
  tasks: number;
  diagnostics: { rule: string; messageId?: string; row?: number; column?: string; text?: string; line?: number }[];
}
interface Expectation extends Expected {
  converted?: Expected;
  titles?: Record<string, string>;
  titleLength?: Record<string, number>;
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}
interface ValidateJson {
  files: { path: string; unit: { code: string } | null; tasks: number; errors: number; warnings: number }[];
  diagnostics: JsonDiagnostic[];
  summary: { files: number; tasks: number; errors: number; warnings: number };
}

// ───────────────────────────── running the CLI, measured ─────────────────────────────

const scratch = mkdtempSync(join(tmpdir(), 'tiendo-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** Loaded before the CLI in the child: writes its peak resident memory (KB) when it exits. */
const RSS_HOOK = join(scratch, 'rss-hook.mjs');
writeFileSync(
  RSS_HOOK,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { if (process.env.TIENDO_RSS_FILE) writeFileSync(process.env.TIENDO_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n",
);

interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  /** peak resident memory of the whole process (worker threads included), in MB */
  rssMb: number;
  seconds: number;
}

let runs = 0;
function tiendo(args: string[], opts: { cwd: string; env?: Record<string, string> }): Measured {
  const rssFile = join(scratch, `rss-${++runs}`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(RSS_HOOK).href, BIN, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TIENDO_RSS_FILE: rssFile, ...opts.env },
    maxBuffer: 256 * MB,
    timeout: 110_000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rssMb, seconds };
}

/** Nothing a clerk sees may be a stack trace or a crash. */
function expectNoCrash(r: Measured): void {
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|lỗi không mong đợi|unexpected error|FATAL ERROR|heap out of memory/);
  expect(r.status === 1 || r.status === 0 || r.status === 2, `exit ${r.status}: ${r.stderr}`).toBe(true);
}

/** A folder with units.csv, the good registers and `extra` (fixture names or [name, bytes]). */
function folder(name: string, extra: (string | [string, Buffer])[] = []): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(HOSTILE, 'units.csv'), join(dir, 'units.csv'));
  for (const f of [...GOOD, ...extra]) {
    if (typeof f === 'string') copyFileSync(join(HOSTILE, f), join(dir, f));
    else writeFileSync(join(dir, f[0]), f[1]);
  }
  return dir;
}

function validateJson(dir: string, extraArgs: string[] = [], env?: Record<string, string>): { r: Measured; json: ValidateJson } {
  const r = tiendo(['validate', '.', '--as-of', AS_OF, '--format', 'json', ...extraArgs], { cwd: dir, env });
  expectNoCrash(r);
  return { r, json: JSON.parse(r.stdout) as ValidateJson };
}

/** The good registers beside a bad one: read, resolved, counted, nothing wrong. */
function expectGoodCounted(json: ValidateJson): void {
  for (const [name, code] of [
    ['good-yen-son.xlsx', '07651'],
    ['good-lan-mau.csv', '07652'],
  ]) {
    const f = json.files.find((x) => x.path === name);
    expect(f, name).toMatchObject({ unit: { code }, tasks: 3, errors: 0 });
  }
}

function fileDiagnostics(json: ValidateJson, name: string): JsonDiagnostic[] {
  return json.diagnostics.filter((d) => d.file === name);
}

// ───────────────────────────── the committed cases ─────────────────────────────

describe('every committed hostile register answers with a diagnostic, the others still count', () => {
  let json: ValidateJson;
  let run: Measured;
  const names = Object.keys(EXPECTED.files);

  beforeAll(() => {
    const dir = folder(
      'all',
      names.filter((n) => !GOOD.includes(n)),
    );
    ({ r: run, json } = validateJson(dir));
  });

  it('exits 1 (errors found) within the bounds, without a stack trace', () => {
    expect(run.status).toBe(1);
    expect(run.seconds).toBeLessThan(60);
    expect(run.rssMb).toBeLessThan(1024);
    expect(json.files.map((f) => f.path).sort()).toEqual(names.sort());
  });

  for (const [name, want] of Object.entries(EXPECTED.files)) {
    it(`${name}: ${want.diagnostics.map((d) => d.rule).join(', ') || 'clean'}`, () => {
      const f = json.files.find((x) => x.path === name)!;
      expect(f.unit?.code ?? null).toBe(want.unit);
      expect(f.tasks).toBe(want.tasks);
      const got = fileDiagnostics(json, name).filter((d) => d.rule !== 'overdue' && d.rule !== 'at-risk');
      expect(got.map((d) => [d.rule, d.row, d.column]).sort()).toEqual(
        want.diagnostics.map((d) => [d.rule, d.row ?? null, d.column ?? null]).sort(),
      );
      for (const d of want.diagnostics) {
        const match = got.find((g) => g.rule === d.rule && g.row === (d.row ?? null))!;
        if (d.text) expect(match.message).toContain(`"${d.text}"`);
        if (d.line) expect(match.message).toMatch(new RegExp(`dòng ${d.line}\\b`));
        if (d.row == null) expect([match.sheet, match.column]).toEqual([null, null]);
      }
    });
  }

  it('says why a file cannot be read, and what to do (message ids, through the library)', async () => {
    const dir = folder(
      'ids',
      names.filter((n) => !GOOD.includes(n)),
    );
    const r = await runPipeline({ paths: [dir], asOf: AS_OF, cwd: dir });
    for (const [name, want] of Object.entries(EXPECTED.files)) {
      for (const d of want.diagnostics.filter((x) => x.messageId)) {
        const got = r.diagnostics.find((x) => x.file === name && x.rule === d.rule);
        expect(got?.messageId, name).toBe(d.messageId);
      }
    }
    const laughs = r.diagnostics.find((d) => d.file === 'laughs-strings.xlsx')!;
    expect(laughs.message).toContain('DOCTYPE');
    expect(laughs.message).toContain('xl/sharedStrings.xml');
  });

  it('reads formulas: the cached result, else the formula itself, shown where the value is wrong', async () => {
    const dir = folder('formulas', ['formulas.xlsx', 'tcvn3.xlsx', 'long-cells.xlsx', 'many-sheets.xlsx']);
    const r = await runPipeline({ paths: [dir], asOf: AS_OF, cwd: dir });
    const tasks = (file: string) => r.registers.find((g) => g.displayPath === file)!.tasks;
    const f = tasks('formulas.xlsx');
    expect(f[0]).toMatchObject({
      title: 'Nâng cấp đường trục xã',
      deadline: { kind: 'date', date: '2024-12-31' },
      progress: { kind: 'number', value: 50 },
    });
    for (const [file, titles] of [
      ['formulas.xlsx', get(EXPECTED.files, 'formulas.xlsx').titles],
      ['tcvn3.xlsx', get(EXPECTED.files, 'tcvn3.xlsx').titles],
    ] as const) {
      for (const [row, title] of Object.entries(titles ?? {})) expect(tasks(file).find((t) => t.row === Number(row))?.title).toBe(title);
    }
    expect(tasks('long-cells.xlsx')[0]?.title?.length).toBe(32000);
    expect(r.registers.find((g) => g.displayPath === 'many-sheets.xlsx')?.sheet).toBe('Danh mục');
  });
});

// ───────────────────────────── --convert ─────────────────────────────

describe('--convert: .xls and .ods through LibreOffice', () => {
  const soffice = findSoffice();

  it.skipIf(!soffice)(
    'converts them into a temporary folder and reads them, naming the original files',
    () => {
      const dir = folder('convert', ['legacy.xls', 'legacy.ods']);
      const { r, json } = validateJson(dir, ['--convert']);
      expectGoodCounted(json);
      for (const name of ['legacy.xls', 'legacy.ods']) {
        const want = get(EXPECTED.files, name).converted!;
        expect(
          json.files.find((f) => f.path === name),
          name,
        ).toMatchObject({ unit: { code: want.unit }, tasks: want.tasks, errors: 0 });
      }
      expect(r.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([...GOOD, 'legacy.ods', 'legacy.xls', 'units.csv'].sort());
    },
    120_000,
  );

  it('without LibreOffice says so, and reports the files as before', () => {
    const dir = folder('no-soffice', ['legacy.xls', 'legacy.ods']);
    const empty = join(scratch, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const { r, json } = validateJson(dir, ['--convert'], { PATH: empty });
    expect(r.stderr).toContain('không tìm thấy LibreOffice (soffice)');
    expectGoodCounted(json);
    expect(fileDiagnostics(json, 'legacy.xls').map((d) => d.rule)).toEqual(['file-unreadable']);
    expect(fileDiagnostics(json, 'legacy.ods')[0]?.message).toContain('.ods');
  });

  it('leaves .xls and .ods alone without --convert', () => {
    const dir = folder('no-convert', ['legacy.xls']);
    const { r, json } = validateJson(dir);
    expect(r.stderr).toBe('');
    expect(fileDiagnostics(json, 'legacy.xls')[0]?.message).toContain('.xls');
  });
});

// ───────────────────────────── made at test time ─────────────────────────────

describe('the big ones, made at test time', () => {
  it('refuses a zip bomb whose directory declares more than the limit (config maxFileBytes), before inflating', async () => {
    const dir = folder('bomb', [['bom.xlsx', await honestBomb('Xã Chu Điện', 40 * MB)]]);
    writeFileSync(join(dir, 'tiendo.config.json'), JSON.stringify({ maxFileBytes: 8 * MB }));
    const { r, json } = validateJson(dir);
    expectGoodCounted(json);
    expect(fileDiagnostics(json, 'bom.xlsx').map((d) => d.message)).toEqual([
      expect.stringMatching(/quá lớn \(40\.0 MB, tối đa 8\.0 MB\)/),
    ]);
    expect(r.rssMb).toBeLessThan(200);
  });

  it('refuses a zip bomb that lies (declares 4 KB, inflates to 256 MB), inflating one byte past the lie', async () => {
    const dir = folder('lying', [['noi-doi.xlsx', await lyingBomb('Xã Phương Sơn', 256 * MB)]]);
    const { r, json } = validateJson(dir);
    expectGoodCounted(json);
    const [d] = fileDiagnostics(json, 'noi-doi.xlsx');
    expect(d?.rule).toBe('file-unreadable');
    expect(d?.message).toContain('zip bomb');
    // The whole run, node included, stays far below what the bomb would take.
    expect(r.rssMb).toBeLessThan(200);
  }, 60_000);

  it('refuses a file over the size limit without reading it', () => {
    const dir = folder('over');
    // A sparse file one byte over the default 200 MB: nothing is written to disk, nothing read.
    const fd = openSync(join(dir, 'qua-lon.xlsx'), 'w');
    ftruncateSync(fd, 200 * MB + 1);
    closeSync(fd);
    const { r, json } = validateJson(dir);
    expectGoodCounted(json);
    expect(fileDiagnostics(json, 'qua-lon.xlsx')[0]?.message).toContain('quá lớn (200.0 MB, tối đa 200.0 MB)');
    expect(r.rssMb).toBeLessThan(200);
  });

  it('refuses a sheet with more cells than the limit allows (one per 100 bytes of maxFileBytes)', () => {
    const dir = folder('cells', [['nhieu-o.xlsx', bigRegister('Xã Tam Dị', 20_000)]]);
    writeFileSync(join(dir, 'tiendo.config.json'), JSON.stringify({ maxFileBytes: 10 * MB }));
    const { json } = validateJson(dir);
    expectGoodCounted(json);
    expect(fileDiagnostics(json, 'nhieu-o.xlsx')[0]?.message).toContain('hơn 104.857 ô');
  });

  it('reads a 100,000-row sheet beside the others, within 60 s and 1 GiB', () => {
    const dir = folder('big', [['100k.xlsx', bigRegister('Xã Tam Dị', 100_000)]]);
    const { r, json } = validateJson(dir);
    expectGoodCounted(json);
    expect(json.files.find((f) => f.path === '100k.xlsx')).toMatchObject({ unit: { code: '07667' }, tasks: 100_000, errors: 0 });
    expect(r.seconds).toBeLessThan(60);
    expect(r.rssMb).toBeLessThan(1024);
  }, 110_000);

  it('annotates a 100,000-row sheet beside the others, within 60 s and 1 GiB (streamed: exceljs would take 1.4 GB)', () => {
    const dir = folder('big-annotate', [['100k.xlsx', bigRegister('Xã Tam Dị', 100_000)]]);
    const out = join(scratch, 'big-annotated');
    const { r, json } = validateJson(dir, ['--annotate', out]);
    expectGoodCounted(json);
    expect(r.seconds).toBeLessThan(60);
    expect(r.rssMb).toBeLessThan(1024);
    expect(readdirSync(out).sort()).toEqual(['100k.checked.xlsx', 'good-lan-mau.checked.xlsx', 'good-yen-son.checked.xlsx']);
    const buf = readFileSync(join(out, '100k.checked.xlsx'));
    const part = (name: string) =>
      inflateEntry(
        buf,
        zipEntries(buf)!.find((e) => e.name === name)!,
      ).toString('utf8');
    expect(part('xl/worksheets/sheet1.xml')).toContain('quá lớn để chép nguyên định dạng');
    // every row of the register is in the copy, at its own row
    expect(part('xl/worksheets/sheet2.xml')).toContain('<row r="100005"');
  }, 110_000);
});

// ───────────────────────────── safe output ─────────────────────────────

const PAYLOADS = ['=HYPERLINK("http://evil.example","bấm vào")', '+84 912 345 678', '-1+1', '@SUM(1,2)', '=1+1'];

/** A register whose title, owner and note cells begin with formula characters. */
function injectionCsv(): Buffer {
  const rows = registerRows('Xã Đông Phú', [
    [1, PAYLOADS[0], PAYLOADS[1], '15/01/2024', '31/12/2024', 50, 'Đang thực hiện', '', PAYLOADS[2]],
    [2, PAYLOADS[3], 'Trần Thị Bình', '01/02/2024', '31/12/2023', 10, 'Đang thực hiện', '', PAYLOADS[4]],
  ]) as (string | number | null)[][];
  const q = (v: string | number | null) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(rows.map((r) => r.map(q).join(',')).join('\n'), 'utf8');
}

/** Every cell of every workbook in `dir`: formulas must not carry input text, payloads must be strings. */
async function expectNoInjectedFormula(files: string[]): Promise<number> {
  let found = 0;
  for (const path of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          const v = c.value as unknown;
          if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
            const f = String((v as { formula?: string }).formula ?? '');
            for (const p of PAYLOADS) expect(f, `${path} ${ws.name}!${c.address}`).not.toContain(p.slice(1));
          }
          if (typeof v === 'string' && PAYLOADS.some((p) => v.includes(p))) found++;
        }),
      ),
    );
    // and in the file itself: no <f> element holds input text
    const buf = readFileSync(path);
    for (const e of zipEntries(buf) ?? []) {
      if (!/^xl\/worksheets\/.*\.xml$/.test(e.name)) continue;
      const xml = inflateEntry(buf, e).toString('utf8');
      for (const m of xml.matchAll(/<f[^>]*>([^<]*)<\/f>/g)) {
        expect(m[1]).not.toMatch(/HYPERLINK|evil|84 912|SUM\(1,2\)/);
      }
    }
  }
  return found;
}

describe('what tiendo writes is never a formula made of input text', () => {
  it('summary workbooks, annotated copies and templates keep =, +, - and @ text as text', async () => {
    const dir = folder('inject', [['dong-phu.csv', injectionCsv()]]);
    writeFileSync(
      join(dir, 'roster.csv'),
      `name,position,unit,from,to\n"${PAYLOADS[1]}",Bí thư,07668,2020-01-01,\n"=cmd|' /C calc'!A0",Phó Bí thư,07668,2020-01-01,\nNguyễn Văn An,Chủ tịch,07651,2020-01-01,\n`,
    );
    const out = join(scratch, 'inject-out');
    const roll = tiendo(['rollup', '.', '--as-of', AS_OF, '--out', out, '--format', 'json'], { cwd: dir });
    expectNoCrash(roll);
    const checked = join(scratch, 'inject-checked');
    const ann = tiendo(['validate', '.', '--as-of', AS_OF, '--annotate', checked], { cwd: dir });
    expectNoCrash(ann);
    const template = join(scratch, 'inject-template.xlsx');
    const tpl = tiendo(
      ['template', '--unit', '07668', '--units', 'units.csv', '--roster', 'roster.csv', '--as-of', AS_OF, '--out', template],
      { cwd: dir },
    );
    expectNoCrash(tpl);
    const written = [
      ...readdirSync(out).map((f) => join(out, f)),
      ...readdirSync(checked).map((f) => join(checked, f)),
      ...(existsSync(template) ? [template] : []),
    ].filter((f) => f.endsWith('.xlsx'));
    expect(written.length).toBeGreaterThanOrEqual(4);
    // the payloads were written, as text
    expect(await expectNoInjectedFormula(written)).toBeGreaterThan(0);
  }, 60_000);
});

describe("tiendo's summaries are skipped and named when a later run reads the same folder; annotated copies are registers", () => {
  it('summary workbooks written into the input folder are skipped and named, annotated copies are read as their registers', async () => {
    const dir = folder('again');
    const first = validateJson(dir).json;
    const roll = tiendo(['rollup', '.', '--as-of', AS_OF, '--out', 'bao-cao', '--format', 'json'], { cwd: dir });
    expectNoCrash(roll);
    const reports = readdirSync(join(dir, 'bao-cao')).filter((f) => f.endsWith('.xlsx'));
    expect(reports.length).toBeGreaterThan(0);

    const again = validateJson(dir).json;
    expect(again.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
    expect(again.summary).toEqual(first.summary);
    const run = await runPipeline({ paths: [dir], asOf: AS_OF, cwd: dir });
    expect(run.skipped.map((s) => s.path.split(/[\\/]/).pop()).sort()).toEqual([...reports].sort());
    expect(run.notices.filter((n) => n.startsWith('bỏ qua '))).toHaveLength(reports.length);

    // A checked copy left beside its register is a second register of the same unit: both are
    // named as unit-duplicate errors rather than one silently read.
    expectNoCrash(tiendo(['validate', '.', '--as-of', AS_OF, '--annotate', 'da-kiem-tra'], { cwd: dir }));
    copyFileSync(join(dir, 'da-kiem-tra', 'good-yen-son.checked.xlsx'), join(dir, 'good-yen-son.checked.xlsx'));
    const third = validateJson(dir).json;
    expect(third.files.map((f) => f.path)).toContain('good-yen-son.checked.xlsx');
    expect(third.diagnostics.filter((d) => d.rule === 'unit-duplicate').map((d) => d.file)).toEqual(
      expect.arrayContaining(['good-yen-son.checked.xlsx']),
    );
  }, 60_000);
});
