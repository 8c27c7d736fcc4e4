// `rollup()` scoped to one unit (issue 12, item 6: `rollup --unit CODE`) on the fixture province: the
// district of Lạng Giang rolled up from the province's units.csv and the whole province's registers.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { rollupJson } from '../src/report/rollup.js';
import { rollup, rollupExitCode, type Rollup, type RollupOptions } from '../src/rollup.js';
import { first, get } from './helpers/at.js';

const DIR = fileURLToPath(new URL('../fixtures/province/', import.meta.url));
const UNITS = join(DIR, 'units.csv');
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as {
  asOf: string;
  period: { label: string };
  units: Record<string, { total: Record<string, number | null> }>;
};
/** Huyện Lạng Giang, and its communes in fixtures/province/units.csv */
const LANG_GIANG = '215';
const SUBTREE = ['215', '07660', '07666', '07669', '07672'];

const run = (extra: Partial<RollupOptions> = {}): Promise<Rollup> =>
  rollup({
    paths: ['registers'],
    units: UNITS,
    cwd: DIR,
    asOf: truth.asOf,
    period: truth.period.label,
    out: mkdtempSync(join(tmpdir(), 'tiendo-scope-')),
    ...extra,
  });

type Json = {
  units: { code: string; parent: string | null; own: unknown; total: unknown }[];
  files: { unit: string; path: string }[];
  summary: { files: number; tasks: number; errors: number; warnings: number };
};

async function cells(path: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[] = [];
  wb.getWorksheet(sheet)!.eachRow((row, n) => out.push(`${n}:${JSON.stringify(row.values)}`));
  return out;
}

describe('rollup scoped to Huyện Lạng Giang (215) over the whole province', () => {
  let whole: Rollup;
  let scoped: Rollup;
  let wholeJson: Json;
  let json: Json;
  let out: string;
  beforeAll(async () => {
    whole = await run();
    out = mkdtempSync(join(tmpdir(), 'tiendo-scope-215-'));
    scoped = await run({ scope: LANG_GIANG, out });
    wholeJson = JSON.parse(rollupJson(whole.result));
    json = JSON.parse(rollupJson(scoped.result));
  }, 60_000);

  it('lists only the subtree, the district first as the root with its parent as in units.csv', () => {
    expect(json.units.map((u) => u.code)).toEqual(SUBTREE);
    expect(json.units[0]?.parent).toBe('24');
    expect(scoped.result.roots).toEqual([LANG_GIANG]);
  });

  it('counts each unit of the subtree exactly as the unscoped province rollup does, and as the truth', () => {
    for (const u of json.units) {
      const same = wholeJson.units.find((w) => w.code === u.code)!;
      expect({ own: u.own, total: u.total }, u.code).toEqual({ own: same.own, total: same.total });
    }
    const root = first(json.units, 'unit');
    expect(root.total).toEqual(get(truth.units, LANG_GIANG, 'unit in truth.json').total);
    expect((root.total as { registered: number }).registered).toBe(28);
  });

  it("writes only the district's own workbook", () => {
    expect(json.files).toEqual([{ unit: LANG_GIANG, path: join(out, '215-lang-giang.xlsx') }]);
    expect(readdirSync(out)).toEqual(['215-lang-giang.xlsx']);
    expect(wholeJson.files.length).toBeGreaterThan(1);
  });

  it('counts in the summary only the registers of the subtree (and those of no unit, whose errors must be seen)', () => {
    const files = whole.result.files.filter((f) => f.unit === null || SUBTREE.includes(f.unit));
    expect(files.some((f) => f.unit === null)).toBe(true);
    expect(scoped.result.files.map((f) => f.displayPath)).toEqual(files.map((f) => f.displayPath));
    expect(json.summary).toEqual({
      files: files.length,
      tasks: 28,
      errors: files.reduce((n, f) => n + f.errors, 0),
      warnings: files.reduce((n, f) => n + f.warnings, 0),
    });
    expect(json.summary.files).toBeLessThan(wholeJson.summary.files);
    expect(rollupExitCode(scoped)).toBe(1);
  });

  it('names each register of another district on stderr (run.notices): not counted, never silently', () => {
    const others = whole.result.files.filter((f) => f.unit !== null && !SUBTREE.includes(f.unit));
    expect(others.length).toBeGreaterThan(5);
    expect(scoped.run.notices).toEqual(
      others.map((f) => {
        const u = whole.result.byCode.get(f.unit!)!.unit;
        return `tệp ${f.displayPath} thuộc ${u.name} (${u.code}), ngoài phạm vi --unit 215 (Huyện Lạng Giang): không tính`;
      }),
    );
    expect(scoped.result.outOfScope.map((r) => r.displayPath)).toEqual(others.map((f) => f.displayPath));
    expect(whole.run.notices).toEqual([]);
    // their diagnostics are not the district's
    const outside = new Set(others.map((f) => f.displayPath));
    expect(scoped.result.diagnostics.filter((d) => outside.has(d.file))).toEqual([]);
  });

  it("writes the district's workbook as the unscoped rollup does, its Chưa nộp listing only its own communes", async () => {
    const mine = join(out, '215-lang-giang.xlsx');
    const theirs = wholeJson.files.find((f) => f.unit === LANG_GIANG)!.path;
    for (const sheet of ['Tổng hợp', 'Theo lĩnh vực', 'Quá hạn', 'Chi tiết', 'Chưa nộp']) {
      expect(await cells(mine, sheet), sheet).toEqual(await cells(theirs, sheet));
    }
    // every commune of Lạng Giang sent its register; the province's list names units of other districts
    const missing = (await cells(mine, 'Chưa nộp')).join('\n');
    expect(missing).toContain('Tất cả các đơn vị đã nộp báo cáo.');
    const province = (await cells(wholeJson.files.find((f) => f.unit === '24')!.path, 'Chưa nộp')).join('\n');
    for (const code of ['217', '07663', '07681']) {
      expect(province).toContain(`"${code}"`);
      expect(missing).not.toContain(`"${code}"`);
    }
  });

  it('lists in Chưa nộp only the units of the subtree (Lục Nam: Thị trấn Đồi Ngô)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-scope-213-'));
    const r = await run({ scope: '213', out });
    expect(readdirSync(out)).toEqual(['213-luc-nam.xlsx']);
    const rows = (await cells(join(out, '213-luc-nam.xlsx'), 'Chưa nộp')).filter((l) => /^\d+:\[null,1,/.test(l) || /"0\d{4}"/.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('"07663","Thị trấn Đồi Ngô","Huyện Lục Nam"');
    expect(r.result.byCode.get('213')!.total).toEqual(get(truth.units, '213', 'unit in truth.json').total);
  });

  it('is the unscoped rollup when the scope is the province itself', async () => {
    const r = await run({ scope: '24' });
    expect(JSON.parse(rollupJson(r.result)).units).toEqual(wholeJson.units);
    expect(r.result.summary).toEqual(whole.result.summary);
    expect(r.run.notices).toEqual([]);
  });
});

describe('rollup scoped to a commune', () => {
  it('gives the one unit, writes no workbook, and says why', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-scope-07672-'));
    const r = await run({ scope: '07672', out });
    const json = JSON.parse(rollupJson(r.result)) as Json;
    expect(json.units.map((u) => [u.code, u.parent])).toEqual([['07672', '215']]);
    expect(json.units[0]?.total).toEqual(get(truth.units, '07672', 'unit in truth.json').total);
    expect(json.files).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
    expect(r.run.notices.at(-1)).toBe(
      '--unit 07672: Xã Tân Dĩnh không có đơn vị trực thuộc — không ghi bảng tổng hợp; kiểm tra sổ đăng ký của đơn vị bằng "tiendo validate"',
    );
  }, 60_000);
});

describe('a scope that is no unit in force', () => {
  const refused = async (scope: string, extra: Partial<RollupOptions> = {}): Promise<UsageError> => {
    // nothing is read before the scope is checked: the paths need not even exist
    const e = await run({ scope, paths: ['nowhere'], ...extra }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  };

  it('is a usage error naming units.csv and the day', async () => {
    expect((await refused('999')).message).toBe(`--unit 999: không có đơn vị mã này trong units.csv vào ngày 30/09/2024`);
    expect((await refused('999', { lang: 'en' })).message).toBe(`--unit 999: no unit has this code in units.csv on 30/09/2024`);
  });

  it('suggests the unit meant when the code lost its leading zero or is a name', async () => {
    expect((await refused('7672')).message).toMatch(/ — có phải 07672 \(Xã Tân Dĩnh\)\?$/);
    expect((await refused('Lạng Giang')).message).toMatch(/ — có phải 215 \(Huyện Lạng Giang\)\?$/);
  });

  it('says when the unit exists in units.csv but not on the as-of date', async () => {
    const units = fileURLToPath(new URL('../fixtures/two-tier/units.csv', import.meta.url));
    const e = await refused('215', { units, asOf: '2025-09-30', period: undefined });
    expect(e.message).toBe(`--unit 215: Huyện Lạng Giang không có hiệu lực vào ngày 30/09/2025 theo ${units} (cột from, to)`);
  });
});
