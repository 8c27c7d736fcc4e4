// The built CLI rolls the fixture provinces up: every unit's own and total counts equal the truth
// written beside the fixtures, the Tổng cộng row of each workbook equals them, and LibreOffice opens
// every workbook.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { get } from '../helpers/at.js';
import { tiendo } from '../helpers/cli.js';
import { hasSoffice, toPdf } from '../helpers/soffice.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

interface Truth {
  asOf: string;
  period: { label: string; start: string; end: string };
  units: Record<string, { own: Record<string, number | null>; total: Record<string, number | null> }>;
  tasks: { file: string; row: number; unit: string; class: string }[];
}

describe.each(['province', 'two-tier'])('rollup fixtures/%s', (set) => {
  const dir = FIXTURES + set;
  const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8')) as Truth;
  const out = mkdtempSync(join(tmpdir(), `tiendo-rollup-${set}-`));
  const r = tiendo(['rollup', 'registers', '--out', out, '--period', truth.period.label, '--as-of', truth.asOf, '--format', 'json'], {
    cwd: dir,
  });
  const json = r.stdout ? JSON.parse(r.stdout) : null;

  it('exits 1 (the fixtures hold errors) and still writes the workbooks', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(json.files.length).toBeGreaterThan(0);
    for (const f of json.files) expect(existsSync(f.path)).toBe(true);
  });

  it('counts every unit in force exactly as the truth, once, in code order', () => {
    expect(json.asOf).toBe(truth.asOf);
    expect(json.period).toEqual(truth.period);
    const got = Object.fromEntries(
      json.units.map((u: { code: string; own: unknown; total: unknown }) => [u.code, { own: u.own, total: u.total }]),
    );
    const want = Object.fromEntries(Object.entries(truth.units).map(([code, u]) => [code, { own: u.own, total: u.total }]));
    expect(got).toEqual(want);
    expect(json.units.length).toBe(new Set(json.units.map((u: { code: string }) => u.code)).size);
  });

  it("writes a Tổng cộng row equal to each unit's total", async () => {
    for (const f of json.files as { unit: string; path: string }[]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f.path);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Tổng hợp',
        'Theo lĩnh vực',
        'Theo cán bộ',
        'Quá hạn',
        'Chi tiết',
        'Lỗi dữ liệu',
        'Chưa nộp',
      ]);
      const ws = wb.getWorksheet('Tổng hợp')!;
      let totalRow: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.values && (row.values as unknown[]).includes('Tổng cộng')) totalRow = row;
      });
      expect(totalRow, f.path).toBeDefined();
      const numbers = (totalRow!.values as unknown[]).filter((v): v is number => typeof v === 'number');
      const t = get(truth.units, f.unit, 'unit in truth.json').total;
      // registered, doneOnTime, doneLate, (doneInPeriod), pendingOnTime, pendingOverdue, cancelled, unclassified
      for (const k of ['registered', 'doneOnTime', 'doneLate', 'pendingOnTime', 'pendingOverdue', 'cancelled', 'unclassified']) {
        expect(numbers, `${f.path} ${k}`).toContain(t[k]);
      }
      expect(numbers[0], `${f.path} registered`).toBe(t.registered);
    }
  });

  it("writes a Theo cán bộ sheet whose cadres add up to each unit's total (SPEC §7.2)", async () => {
    const classes = [
      'registered',
      'doneOnTime',
      'doneLate',
      'doneInPeriod',
      'pendingOnTime',
      'pendingOverdue',
      'cancelled',
      'unclassified',
    ];
    for (const f of json.files as { unit: string; path: string }[]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f.path);
      const ws = wb.getWorksheet('Theo cán bộ')!;
      expect((ws.getRow(4).values as unknown[]).slice(1, 6)).toEqual(['STT', 'Đơn vị', 'Họ và tên', 'Chức vụ', 'Số việc đăng ký']);
      const rows: unknown[][] = [];
      for (let r = 5; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
      const total = rows.findIndex((row) => row[1] === 'Tổng cộng');
      expect(total, f.path).toBeGreaterThan(0);
      const cadres = rows.slice(0, total);
      expect(
        cadres.map((row) => row[0]),
        f.path,
      ).toEqual(cadres.map((_, i) => i + 1));
      const t = get(truth.units, f.unit, 'unit in truth.json').total;
      classes.forEach((k, i) => {
        expect(
          cadres.reduce((sum, row) => sum + (row[4 + i] as number), 0),
          `${f.path} ${k}`,
        ).toBe(t[k]);
        expect(rows[total]?.[4 + i], `${f.path} Tổng cộng ${k}`).toBe(t[k]);
      });
      // the cadres JSON lists under the units of this workbook, as many
      const codes = new Set<string>();
      const walk = (code: string): void => {
        codes.add(code);
        for (const u of json.units as { code: string; parent: string | null }[]) if (u.parent === code) walk(u.code);
      };
      walk(f.unit);
      expect(cadres.length, f.path).toBe((json.owners as { unit: string }[]).filter((o) => codes.has(o.unit)).length);
    }
  });

  it('gives the same cell contents when run again (dates from the as-of date, not the clock)', async () => {
    const again = mkdtempSync(join(tmpdir(), `tiendo-rollup-${set}-again-`));
    tiendo(['rollup', 'registers', '--out', again, '--period', truth.period.label, '--as-of', truth.asOf, '--format', 'json'], {
      cwd: dir,
      env: { TZ: 'Asia/Tokyo' },
    });
    const cells = async (path: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const out: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row, n) => row.eachCell((c) => out.push(`${ws.name}!${c.address}=${JSON.stringify(c.value)}`))));
      return out;
    };
    for (const f of json.files as { path: string }[]) {
      const name = f.path.split('/').pop()!;
      expect(await cells(join(again, name)), name).toEqual(await cells(f.path));
    }
  });

  it.skipIf(!hasSoffice)('LibreOffice opens every workbook and prints it to PDF', () => {
    const pdfDir = mkdtempSync(join(tmpdir(), 'tiendo-pdf-'));
    const pdfs = toPdf(
      (json.files as { path: string }[]).map((f) => f.path),
      pdfDir,
    );
    for (const p of pdfs) expect(statSync(p).size, p).toBeGreaterThan(5000);
  });
});

// Issue 12, items 3 and 6: --period as a clerk writes it, and a district's rollup from the province's units.csv.
describe('rollup fixtures/province --unit 215 --period "Quý III/2024"', () => {
  const dir = FIXTURES + 'province';
  const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8')) as Truth;
  const out = mkdtempSync(join(tmpdir(), 'tiendo-rollup-unit-'));
  const r = tiendo(['rollup', 'registers', '--out', out, '--unit', '215', '--period', 'Quý III/2024', '--format', 'json'], { cwd: dir });
  const json = r.stdout ? JSON.parse(r.stdout) : null;

  it('reads the period as 2024-Q3, its last day the as-of date', () => {
    expect(json.period).toEqual(truth.period);
    expect(json.asOf).toBe(truth.asOf);
  });

  it('rolls up Huyện Lạng Giang and its communes only, as the province rollup counts them', () => {
    expect(r.status).toBe(1);
    expect(json.units.map((u: { code: string }) => u.code)).toEqual(['215', '07660', '07666', '07669', '07672']);
    for (const u of json.units as { code: string; own: unknown; total: unknown }[]) {
      const want = get(truth.units, u.code, 'unit in truth.json');
      expect({ own: u.own, total: u.total }, u.code).toEqual({ own: want.own, total: want.total });
    }
    expect(json.files).toEqual([{ unit: '215', path: join(out, '215-lang-giang.xlsx') }]);
    expect(json.summary.tasks).toBe(28);
  });

  it('names on stderr each register of another unit it did not count', () => {
    const lines = r.stderr.split('\n').filter((l) => l.includes('ngoài phạm vi --unit 215'));
    expect(lines.length).toBe(11);
    expect(lines.some((l) => l.includes('registers/yen-son.xlsx thuộc Xã Yên Sơn (07651)'))).toBe(true);
    expect(lines.some((l) => l.includes('07672'))).toBe(false);
  });

  it.each([
    ['Giai đoạn 2021-2025', /Kỳ báo cáo "Giai đoạn 2021-2025" là cả giai đoạn 2021–2025/],
    ['Quý 5/2024', /Kỳ báo cáo "Quý 5\/2024" không hợp lệ — ghi theo dạng 2024-03 hoặc Tháng 3\/2024/],
  ])('refuses --period %j: exit 2, one line', (period, message) => {
    const bad = tiendo(['rollup', 'registers', '--out', out, '--period', period], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(message);
  });

  it('refuses a --unit that is no unit in force: exit 2, one line with the unit meant', () => {
    const bad = tiendo(['rollup', 'registers', '--out', out, '--unit', '7672', '--as-of', '2024-09-30'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(
      /--unit 7672: không có đơn vị mã này trong units.csv vào ngày 30\/09\/2024 — có phải 07672 \(Xã Tân Dĩnh\)\?/,
    );
  });
});
