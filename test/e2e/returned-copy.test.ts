// The loop clerks live in: tiendo hands a unit its annotated copy, the unit sends it back (renamed
// to the register's own name, or not), and the copy is read as the register it annotates — the
// totals of a signed report must not move. Only the summary workbooks tiendo wrote are skipped, and
// every skipped file is named.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { at, first } from '../helpers/at.js';
import { tiendo } from '../helpers/cli.js';

const PROVINCE = fileURLToPath(new URL('../../fixtures/province/', import.meta.url));
const PERIOD = ['--period', '2024-Q3'];

interface RollupJson {
  units: { code: string; own: Record<string, unknown>; total: Record<string, unknown> }[];
  summary: { files: number; tasks: number; errors: number; warnings: number };
  skipped: { path: string; reason: string }[];
}

/** A province folder with units.csv and roster.csv, and each register replaced by what `place` puts there. */
function provinceOf(place: (copy: string, original: string, registers: string) => void, copies: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-returned-'));
  for (const f of ['units.csv', 'roster.csv']) copyFileSync(join(PROVINCE, f), join(dir, f));
  const registers = join(dir, 'registers');
  mkdirSync(registers);
  for (const [original, copy] of copies) place(copy, original, registers);
  return dir;
}

function rollupJson(dir: string): RollupJson {
  const out = mkdtempSync(join(tmpdir(), 'tiendo-returned-out-'));
  const r = tiendo(['rollup', 'registers', '--out', out, ...PERIOD, '--format', 'json'], { cwd: dir });
  expect(r.status, r.stderr).toBe(1);
  return JSON.parse(r.stdout) as RollupJson;
}

describe('a returned annotated copy is the register it annotates', () => {
  // Every register of the province annotated: input path (relative to registers/) → its copy.
  const annotateDir = mkdtempSync(join(tmpdir(), 'tiendo-annotated-'));
  const v = tiendo(['validate', 'registers', '--as-of', '2024-09-30', '--annotate', annotateDir, '--format', 'json'], { cwd: PROVINCE });
  const validated = JSON.parse(v.stdout) as { files: { path: string }[]; annotated: string[] };
  const copies = new Map(
    validated.files.flatMap((f, i) => {
      const copy = validated.annotated[i];
      return copy === undefined ? [] : [[f.path.replace(/^registers\//, ''), copy] as const];
    }),
  );

  const original = rollupJson(PROVINCE);

  it('lists the copies it wrote, one per register read, in the JSON', () => {
    expect(v.status).toBe(1);
    expect(validated.annotated.length).toBe(validated.files.length);
    expect(validated.annotated.length).toBeGreaterThan(10);
    for (const path of validated.annotated) expect(existsSync(path), path).toBe(true);
  });

  /** Each copy put where its register was, under the name `nameOf` gives it; the rollup of that province. */
  function rollupOfCopies(nameOf: (copy: string, original: string) => string): RollupJson {
    const dir = provinceOf((copy, orig, registers) => {
      const target = join(registers, dirname(orig), nameOf(copy, orig));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(copy, target);
    }, copies);
    const got = rollupJson(dir);
    expect(got.units).toEqual(original.units);
    expect(got.summary.tasks).toBe(original.summary.tasks);
    expect(got.summary.files).toBe(original.summary.files);
    return got;
  }

  it('renamed back to the register’s own name (as .xlsx), rolls up to exactly the same figures', () => {
    expect(rollupOfCopies((_, orig) => `${basename(orig, extname(orig))}.xlsx`).skipped).toEqual([]);
  });

  it('under its .checked.xlsx name, rolls up to exactly the same figures', () => {
    rollupOfCopies((copy) => basename(copy));
  });

  it('annotated again, carries the new marks only: no old note line, no stale result sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-reannotate-'));
    const copy = copies.get('lang-giang/07672_thang9.csv')!;
    const back = join(dir, basename(copy));
    copyFileSync(copy, back);
    const again = join(dir, 'again');
    const r = tiendo([
      'validate',
      back,
      '--units',
      join(PROVINCE, 'units.csv'),
      '--roster',
      join(PROVINCE, 'roster.csv'),
      '--as-of',
      '2024-09-30',
      '--annotate',
      again,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    // The copy of a copy keeps the register's name, not x.checked.checked.xlsx.
    expect(readdirSync(again)).toEqual(['07672_thang9.checked.xlsx']);
    const once = new ExcelJS.Workbook();
    await once.xlsx.readFile(copy);
    const twice = new ExcelJS.Workbook();
    await twice.xlsx.readFile(join(again, '07672_thang9.checked.xlsx'));
    expect(twice.worksheets.map((w) => w.name)).toEqual(once.worksheets.map((w) => w.name));
    const notes = (wb: ExcelJS.Workbook) => {
      const out: Record<string, string> = {};
      at(wb.worksheets, 1, 'register sheet').eachRow((row) =>
        row.eachCell((c) => {
          if (c.note) out[c.address] = typeof c.note === 'string' ? c.note : c.note.texts!.map((t) => t.text).join('');
        }),
      );
      return out;
    };
    expect(Object.keys(notes(once)).length).toBeGreaterThan(0);
    expect(notes(twice)).toEqual(notes(once));
    // The result sheet lists each diagnostic once, as the first copy did.
    expect(twice.worksheets[0]?.rowCount).toBe(first(once.worksheets, 'result sheet').rowCount);
  });

  it('a corrected copy sent back loses the marks of the errors it fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-corrected-'));
    const copy = copies.get('lang-giang/07672_thang9.csv')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    const ws = at(wb.worksheets, 1, 'register sheet');
    // Row 11 had no responsible person: the unit writes one in.
    expect(ws.getCell('D11').note).toBeTruthy();
    ws.getCell('D11').value = 'Thân Văn Phúc';
    const back = join(dir, '07672_thang9.xlsx');
    await wb.xlsx.writeFile(back);
    const again = join(dir, 'again');
    const r = tiendo([
      'validate',
      back,
      '--units',
      join(PROVINCE, 'units.csv'),
      '--roster',
      join(PROVINCE, 'roster.csv'),
      '--as-of',
      '2024-09-30',
      '--annotate',
      again,
      '--format',
      'json',
    ]);
    const json = JSON.parse(r.stdout) as { diagnostics: { rule: string; row: number }[] };
    expect(json.diagnostics.some((d) => d.rule === 'owner-missing')).toBe(false);
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.readFile(join(again, '07672_thang9.checked.xlsx'));
    const d11 = at(fresh.worksheets, 1, 'register sheet').getCell('D11');
    expect(d11.note).toBeFalsy();
    expect(d11.fill?.type === 'pattern' ? d11.fill.fgColor?.argb : undefined).toBeUndefined();
    expect(fresh.worksheets[1]?.getCell('G13').note).toBeTruthy();
  });
});

describe('a summary workbook tiendo wrote is skipped, and named', () => {
  const out = mkdtempSync(join(tmpdir(), 'tiendo-summary-back-'));
  tiendo(['rollup', 'registers/lang-giang', '--out', out, ...PERIOD], { cwd: PROVINCE });
  const summaries = readdirSync(out).filter((f) => f.endsWith('.xlsx'));

  it('validate of only summaries: exit 2, no tick, each named on stderr and in the JSON', () => {
    expect(summaries.length).toBeGreaterThan(0);
    const text = tiendo(['validate', out, '--units', join(PROVINCE, 'units.csv')]);
    expect(text.status).toBe(2);
    expect(text.stdout).not.toContain('✔');
    expect(text.stdout).toContain('Không đọc được tệp đăng ký nào');
    for (const s of summaries) expect(text.stderr).toContain(`bỏ qua ${join(out, s)}: bảng tổng hợp do tiendo ghi`);
    const json = JSON.parse(tiendo(['validate', out, '--units', join(PROVINCE, 'units.csv'), '--format', 'json']).stdout);
    expect(json.skipped.map((s: { path: string }) => basename(s.path)).sort()).toEqual([...summaries].sort());
    expect(json.summary.files).toBe(0);
  });

  it('beside the registers, in a rollup: skipped and named, the totals unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-with-summary-'));
    cpSync(PROVINCE, dir, { recursive: true });
    for (const s of summaries) copyFileSync(join(out, s), join(dir, 'registers', s));
    const got = rollupJson(dir);
    expect(got.units).toEqual(rollupJson(PROVINCE).units);
    expect(got.skipped.map((s) => basename(s.path)).sort()).toEqual([...summaries].sort());
  });

  it('is recognised by its sheets even when re-saved without tiendo’s mark', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, first(summaries, 'summary workbook')));
    wb.keywords = '';
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-resaved-'));
    await wb.xlsx.writeFile(join(dir, 'bao-cao.xlsx'));
    const r = tiendo(['validate', dir, '--units', join(PROVINCE, 'units.csv'), '--format', 'json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).skipped).toHaveLength(1);
  });
});
