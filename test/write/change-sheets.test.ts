// The summary workbook of a month compared with the previous one (SPEC §7.3), read back with exceljs:
// fixtures/compare, September's registers of Huyện Lục Nam against August's. Tổng hợp gains the three
// columns of the change, Biến động lists the five changed tasks, Chưa nộp marks Xã Tân Sơn, which sent
// in August only; without --compare the same registers give the seven sheets and no change anywhere.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRollups, type ChangeCounts } from '../../src/aggregate/compare.js';
import { aggregate, type RollupResult } from '../../src/aggregate/index.js';
import { ownerCounts } from '../../src/aggregate/owners.js';
import { parsePeriod } from '../../src/classify/period.js';
import { rollup } from '../../src/rollup.js';
import { CHANGE_SHEET, SHEET_NAMES, sheetNames, writeSummaryWorkbooks } from '../../src/write/summary.js';
import { SENT_BEFORE } from '../../src/write/sheets-progress.js';
import { kinds, province, register } from '../aggregate/make.js';
import { hasSoffice, toPdf } from '../helpers/soffice.js';

const DIR = fileURLToPath(new URL('../../fixtures/compare/', import.meta.url));
const common = { cwd: DIR, units: join(DIR, 'units.csv'), period: '2024-09' };

const rowValues = (ws: ExcelJS.Worksheet, r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);

/** The three figures a row of Tổng hợp shows for a change; `-` where there is none. */
const shown = (c: ChangeCounts | null | undefined): unknown[] =>
  c ? [c.completedSince, c.newlyOverdue, c.completionRateChange ?? '-'] : ['-', '-', '-'];

describe('the summary workbook with --compare', () => {
  let out: string;
  let result: RollupResult;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'tiendo-change-sheets-'));
    ({ result } = await rollup({ ...common, paths: ['thang-9'], compare: ['thang-8'], out }));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '213-luc-nam.xlsx'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has its sheets in the order of SPEC §7.3, Biến động after Quá hạn', () => {
    const names = ['Tổng hợp', 'Theo lĩnh vực', 'Theo cán bộ', 'Quá hạn', 'Biến động', 'Chi tiết', 'Lỗi dữ liệu', 'Chưa nộp'];
    expect(wb.worksheets.map((w) => w.name)).toEqual(names);
    expect(sheetNames(true)).toEqual(names);
    expect(sheetNames(false)).toEqual([...SHEET_NAMES]);
    expect(CHANGE_SHEET).toBe('Biến động');
  });

  it('gives Tổng hợp the three columns of the change after the rates', () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(rowValues(ws, 9).slice(10)).toEqual([
      'Tỷ lệ hoàn thành (%)',
      'Tỷ lệ đúng hạn (%)',
      'Hoàn thành thêm',
      'Mới quá hạn',
      'Tỷ lệ HT so kỳ trước (điểm)',
      'Ghi chú',
    ]);
    expect(ws.autoFilter).toBe('A9:P13');
  });

  it("shows on each row the figures of result.comparison: the own change, each commune's total, the district's total", () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    const change = result.comparison!.byUnit;
    const rows = [10, 11, 12, 13, 14].map((r) => rowValues(ws, r));
    expect(rows.map((r) => r[1])).toEqual(['Cơ quan Huyện ủy (đăng ký riêng)', 'Xã Yên Sơn', 'Xã Tân Sơn', 'Xã Lan Mẫu', 'Tổng cộng']);
    expect(rows[0]?.slice(12, 15)).toEqual(shown(change.get('213')!.own));
    expect(rows[1]?.slice(12, 15)).toEqual(shown(change.get('07651')!.total));
    expect(rows[2]?.slice(12, 15)).toEqual(shown(change.get('07654')!.total));
    expect(rows[3]?.slice(12, 15)).toEqual(shown(change.get('07657')!.total));
    expect(rows[4]?.slice(12, 15)).toEqual(shown(change.get('213')!.total));
    // as the fixture has it: Yên Sơn one task done since, one newly overdue, 5 points up; Lan Mẫu had no rate then
    expect(rows[1]?.slice(12, 15)).toEqual([1, 1, 5]);
    expect(rows[3]?.slice(12, 15)).toEqual([0, 0, '-']);
    expect(rows[4]?.slice(12, 15)).toEqual([1, 1, change.get('213')!.total.completionRateChange]);
    // the rates stay where they were, the notes after the change
    expect(rows[2]?.[15]).toBe('chưa nộp báo cáo');
    expect(ws.getCell('O11').numFmt).toBe('+0.0;-0.0;0.0');
    expect(ws.getCell('O11').alignment).toMatchObject({ horizontal: 'right' });
    expect(ws.getCell('M14').font.bold).toBe(true);
  });

  it('says under Tổng hợp, in words, what changed since the previous as-of date', () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
    const note = texts.find((t) => t.startsWith('So với kỳ trước'));
    expect(note).toBe(
      'So với kỳ trước (số liệu tính đến ngày 31/08/2024): hoàn thành thêm 1 việc, 1 việc mới quá hạn, 2 việc mới đăng ký, ' +
        '1 việc chưa hoàn thành không còn trong danh mục; tỷ lệ hoàn thành tăng 3,3 điểm (xem trang "Biến động").',
    );
  });

  it('lists on Biến động the five changed tasks, then and now', () => {
    const ws = wb.getWorksheet('Biến động')!;
    expect(ws.getCell('A1').value).toBe('DANH SÁCH VIỆC CÓ BIẾN ĐỘNG SO VỚI KỲ TRƯỚC');
    expect(rowValues(ws, 4)).toEqual([
      'STT',
      'Đơn vị',
      'Nội dung công việc',
      'Người chịu trách nhiệm',
      'Biến động',
      'Phân loại kỳ trước',
      'Phân loại kỳ này',
      'Tiến độ kỳ trước (%)',
      'Tiến độ kỳ này (%)',
    ]);
    const rows = [5, 6, 7, 8, 9].map((r) => rowValues(ws, r));
    expect(rows).toEqual([
      [
        1,
        'Xã Yên Sơn',
        'Bê tông hóa đường trục thôn Hạ',
        'Nguyễn Văn An',
        'Hoàn thành thêm',
        'Chưa hoàn thành, trong hạn',
        'Hoàn thành quá hạn',
        80,
        100,
      ],
      [
        2,
        'Xã Yên Sơn',
        'Nạo vét kênh mương nội đồng',
        'Vũ Thị Hoa',
        'Mới quá hạn',
        'Chưa hoàn thành, trong hạn',
        'Chưa hoàn thành, quá hạn',
        50,
        70,
      ],
      [3, 'Xã Yên Sơn', 'Xây dựng mô hình thôn kiểu mẫu', 'Phùng Văn Đảng', 'Mới đăng ký', '-', 'Chưa hoàn thành, trong hạn', '-', 10],
      [
        4,
        'Xã Yên Sơn',
        'Trồng cây xanh tuyến đường liên xã',
        'Phùng Văn Đảng',
        'Không còn trong danh mục',
        'Chưa hoàn thành, trong hạn',
        '-',
        0,
        '-',
      ],
      [5, 'Xã Lan Mẫu', 'Giải quyết đơn thư tồn đọng', 'Lê Văn Cường', 'Mới đăng ký', '-', 'Chưa hoàn thành, trong hạn', '-', 20],
    ]);
    expect(ws.getCell('A10').value).toBeNull();
    expect(rows.length).toBe(result.comparison!.changes.length);
    expect(ws.autoFilter).toBe('A4:I9');
    expect(ws.getCell('H5').numFmt).toBe('0.##');
  });

  it('marks in Chưa nộp the commune that sent last time and nothing now', () => {
    const ws = wb.getWorksheet('Chưa nộp')!;
    expect(rowValues(ws, 4)).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Trực thuộc', 'Ghi chú']);
    expect(rowValues(ws, 5)).toEqual([1, '07654', 'Xã Tân Sơn', 'Huyện Lục Nam', SENT_BEFORE]);
    expect(SENT_BEFORE).toBe('kỳ trước có nộp');
    expect(ws.getCell('A6').value).toBeNull();
  });

  it("counts per cadre as without --compare, adding up to the district's total", () => {
    const ws = wb.getWorksheet('Theo cán bộ')!;
    const rows = [5, 6, 7, 8, 9, 10].map((r) => rowValues(ws, r));
    expect(rows.map((r) => r[2])).toEqual(['Nguyễn Văn An', 'Phùng Văn Đảng', 'Trần Thị Hà', 'Vũ Thị Hoa', 'Lê Văn Cường', undefined]);
    expect(rows[5]?.[1]).toBe('Tổng cộng');
    const t = result.byCode.get('213')!.total;
    expect(rows.slice(0, 5).reduce((sum, r) => sum + (r[4] as number), 0)).toBe(t.registered);
    expect(rows[5]?.slice(4)).toEqual([
      t.registered,
      t.doneOnTime,
      t.doneLate,
      t.doneInPeriod,
      t.pendingOnTime,
      t.pendingOverdue,
      t.cancelled,
      t.unclassified,
      t.completionRate,
      t.onTimeRate,
    ]);
  });

  it('prints every sheet as the others: A4 landscape, the header row repeated and frozen, Times New Roman', () => {
    for (const ws of wb.worksheets) {
      const h = ws.name === 'Tổng hợp' ? 9 : 4;
      expect(ws.pageSetup, ws.name).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        printTitlesRow: `${h}:${h}`,
      });
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: h });
      expect(ws.getCell(h, 1).font, ws.name).toMatchObject({ name: 'Times New Roman', bold: true });
    }
    const ws = wb.getWorksheet('Biến động')!;
    expect(ws.getCell('A2').value).toBe('Huyện Lục Nam — Tháng 9 năm 2024 (số liệu tính đến ngày 30/09/2024)');
  });

  it.skipIf(!hasSoffice)(`converts to a PDF with LibreOffice${hasSoffice ? '' : ' — skipped: soffice is not on the PATH'}`, () => {
    const pdfDir = mkdtempSync(join(tmpdir(), 'tiendo-change-pdf-'));
    try {
      const [pdf] = toPdf([join(out, '213-luc-nam.xlsx')], pdfDir);
      if (!pdf) throw new Error('LibreOffice wrote no PDF');
      expect(existsSync(pdf)).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(5000);
    } finally {
      rmSync(pdfDir, { recursive: true, force: true });
    }
  });
});

describe('the same registers without --compare', () => {
  let out: string;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'tiendo-change-sheets-plain-'));
    await rollup({ ...common, paths: ['thang-9'], out });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '213-luc-nam.xlsx'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has the seven sheets, no Biến động', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo cán bộ',
      'Quá hạn',
      'Chi tiết',
      'Lỗi dữ liệu',
      'Chưa nộp',
    ]);
  });

  it('has no change on Tổng hợp and no note on Chưa nộp', () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(rowValues(ws, 9).slice(10)).toEqual(['Tỷ lệ hoàn thành (%)', 'Tỷ lệ đúng hạn (%)', 'Ghi chú']);
    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
    expect(texts.some((t) => t.startsWith('So với kỳ trước'))).toBe(false);
    const missing = wb.getWorksheet('Chưa nộp')!;
    expect(rowValues(missing, 4)).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Trực thuộc']);
    expect(rowValues(missing, 5)).toEqual([1, '07654', 'Xã Tân Sơn', 'Huyện Lục Nam']);
  });
});

describe('a commune whose previous register could not be read', () => {
  it('has no change on Tổng hợp ("-"), while the others and the total keep theirs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-change-sheets-uncompared-'));
    try {
      const t = province();
      const u = (code: string) => t.byCode.get(code)!;
      const period = parsePeriod('2024-Q3');
      const now = aggregate({
        tree: t,
        asOf: '2024-09-30',
        period,
        diagnostics: [],
        registers: [
          register(u('07651'), 'yen-son-q3.xlsx', [{ ...kinds.doneOnTime(), title: 'Kiện toàn chi bộ thôn' }]),
          register(u('07660'), 'lan-mau-q3.xlsx', [{ ...kinds.pendingOverdue(), title: 'Bê tông hóa đường thôn' }]),
        ],
      });
      const then = aggregate({
        tree: t,
        asOf: '2024-06-30',
        period: parsePeriod('2024-Q2'),
        diagnostics: [],
        registers: [
          register(u('07651'), 'yen-son-q2.xlsx', [{ ...kinds.pendingOnTime(), title: 'Kiện toàn chi bộ thôn' }]),
          register(u('07660'), 'lan-mau-q2.xlsx', [{ ...kinds.pendingOnTime(), title: 'Bê tông hóa đường thôn' }]),
        ],
      });
      now.owners = ownerCounts(now.tasks, null, now.asOf, period);
      now.comparison = compareRollups(now, then, new Set(['07660']));
      expect(now.comparison.byUnit.get('07660')!.own).toBeNull();
      await writeSummaryWorkbooks(now, { outDir: out, header: {}, asOf: now.asOf, period, lang: 'vi', inputs: [] });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, '213-luc-nam.xlsx'));
      const ws = wb.getWorksheet('Tổng hợp')!;
      const rows = [10, 11, 12, 13, 14].map((r) => rowValues(ws, r));
      expect(rows.map((r) => r[1])).toEqual([
        'Cơ quan Huyện ủy (đăng ký riêng)',
        'Xã Yên Sơn',
        'Xã Lan Mẫu',
        'Thị trấn Đồi Ngô',
        'Tổng cộng',
      ]);
      expect(rows[1]?.slice(12, 15)).toEqual([1, 0, 100]);
      expect(rows[2]?.slice(12, 15)).toEqual(['-', '-', '-']);
      expect(rows[4]?.slice(12, 15)).toEqual(shown(now.comparison.byUnit.get('213')!.total));
      expect(wb.getWorksheet('Biến động')!.getCell('C5').value).toBe('Kiện toàn chi bộ thôn');
      expect(wb.getWorksheet('Biến động')!.getCell('C6').value).toBeNull();
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
