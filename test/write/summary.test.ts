import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, first } from '../helpers/at.js';
import { hasSoffice, toPdf } from '../helpers/soffice.js';
import { aggregate, type RollupResult } from '../../src/aggregate/index.js';
import { NO_OWNER, ownerCounts } from '../../src/aggregate/owners.js';
import { parsePeriod } from '../../src/classify/period.js';
import { UsageError } from '../../src/errors.js';
import {
  NOT_SUBMITTED,
  PDF_SHEETS,
  REPORT_TITLE,
  SHEET_NAMES,
  ownRowLabel,
  summaryFileName,
  writeSummaryWorkbooks,
} from '../../src/write/summary.js';
import type { Diagnostic, Register } from '../../src/types.js';
import { date, diag, diagAt, kinds, province, register, tree, unit } from '../aggregate/make.js';

const asOf = '2024-09-30';
const period = parsePeriod('2024-Q3');

/** One part of a zip (an .xlsx), read through its central directory. */
function zipPart(file: string, name: string): string {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + skip;
  }
  throw new Error(`${name} not in ${file}`);
}

/** Bắc Giang in Q3 2024: Lục Nam with its own register and three communes (one silent), Yên Thế with one. */
function sample(): RollupResult {
  const t = province();
  const u = (code: string) => t.byCode.get(code)!;
  const registers: Register[] = [
    register(u('24'), 'tinh-uy.xlsx', [
      {
        ...kinds.doneOnTime(),
        title: 'Sắp xếp tổ chức bộ máy các cơ quan đảng theo Kết luận 121-KL/TW',
        field: 'I. LĨNH VỰC XÂY DỰNG ĐẢNG',
        category: 'hard',
        owner: 'Nguyễn Văn Thành',
        position: 'Trưởng Ban Tổ chức Tỉnh ủy',
      },
      {
        ...kinds.pendingOnTime(),
        title: 'Giải phóng mặt bằng khu công nghiệp Việt Hàn giai đoạn 2',
        field: 'II. Kinh tế',
        category: 'breakthrough',
        owner: 'Lê Thị Hà',
      },
    ]),
    register(u('213'), 'luc-nam.xlsx', [
      { ...kinds.doneLate(), title: 'Hoàn thành 9/13 nhà văn hóa thôn xuống cấp', field: 'Văn hóa - xã hội', owner: 'Trần Văn Bình' },
      { ...kinds.pendingOverdue(), title: '=SUM(A1)', field: 'Kinh tế', owner: 'Phạm Thị Dung', progress: { kind: 'number', value: 60 } },
    ]),
    register(u('07651'), 'yen-son.xlsx', [
      {
        ...kinds.doneInQ3(),
        title: 'Đấu nối nước sạch cho 705/1.686 hộ (41,8%, chỉ tiêu 35%)',
        field: 'Kinh tế',
        category: 'key',
        owner: 'Hoàng Văn Em',
      },
      {
        ...kinds.pendingOverdue(),
        deadline: date('2024-03-31'),
        title: '+ Giải quyết dứt điểm đơn thư tồn đọng về đất đai tại thôn Chính Lộc',
        field: 'Vấn đề bức xúc',
        category: 'pressing',
        owner: 'Ngô Văn Phong',
        progress: { kind: 'number', value: 30 },
      },
      { ...kinds.cancelled(), title: '@ Xây dựng chợ nông thôn (dừng do điều chỉnh quy hoạch)', owner: 'Đỗ Thị Giang' },
      { status: null, title: '- Kiện toàn chi bộ thôn', owner: 'Vũ Văn Hải', text: { status: 'Sắp xong' } },
    ]),
    register(u('07660'), 'lan-mau.xlsx', [
      { ...kinds.doneInQ3(), title: 'Bê tông hóa 2,5 km đường trục thôn', field: 'II. KINH TẾ', owner: 'Mẫn Văn Lâm' },
      {
        ...kinds.pendingOnTime(),
        title: 'Thành lập 2 hợp tác xã nông nghiệp',
        field: 'Kinh tế',
        category: 'breakthrough',
        owner: 'Mẫn Văn Lâm',
      },
    ]),
    register(u('07330'), 'dong-tam.csv', [
      {
        ...kinds.pendingOverdue(),
        deadline: { kind: 'date', date: '2024-06-30', period: 'Quý II/2024' },
        title: 'Xóa nhà tạm cho hộ nghèo',
        field: 'Văn hóa – xã hội',
        owner: 'Lý Văn Khoa, Lê Văn Tám',
        owners: ['Lý Văn Khoa', 'Lê Văn Tám'],
      },
    ]),
    register(null, 'khong-ro-don-vi.xlsx', [kinds.doneOnTime()]),
  ];
  // each task's cadre as its owner column names them (the builders' default is one cadre for all)
  for (const r of registers) for (const t of r.tasks) if (t.owner && !t.owner.includes(',')) t.owners = [t.owner];
  const ys = at(registers, 2).tasks;
  const diagnostics: Diagnostic[] = [
    { ...diagAt('invalid-status', at(ys, 3), 'status'), message: 'Tình trạng "Sắp xong" không có trong danh mục — chọn "Đang thực hiện"' },
    { ...diagAt('overdue', at(ys, 1), 'deadline', 'warning'), message: 'Việc đã quá hạn 183 ngày — báo cáo lý do và thời hạn mới' },
    {
      ...diag('unit-unknown', { file: 'khong-ro-don-vi.xlsx' }),
      message: 'Không xác định được đơn vị của tệp — ghi "Mã đơn vị" hoặc tên đơn vị ở đầu biểu',
    },
  ];
  const result = aggregate({ tree: t, registers, diagnostics, asOf, period });
  // as src/rollup.ts fills it in (SPEC §7.2)
  result.owners = ownerCounts(result.tasks, null, asOf, period);
  return result;
}

const header = { issuer: 'Ban Tổ chức', signer: 'Nguyễn Văn Thành', signerTitle: 'K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN' };

describe('summary workbook names', () => {
  it('is <code>-<slug>.xlsx without the level word', () => {
    expect(summaryFileName(unit('24', 'Tỉnh Bắc Giang', 'tinh', null))).toBe('24-bac-giang.xlsx');
    expect(summaryFileName(unit('213', 'Huyện Lục Nam', 'huyen', '24'))).toBe('213-luc-nam.xlsx');
    expect(summaryFileName(unit('213', 'Thành phố Bắc Giang', 'huyen', '24'))).toBe('213-bac-giang.xlsx');
    expect(summaryFileName(unit('07663', 'Thị trấn Đồi Ngô', 'xa', '213'))).toBe('07663-doi-ngo.xlsx');
    expect(summaryFileName(unit('CQ/01', 'Đảng bộ Khối các cơ quan: tỉnh?', 'co-quan', '24'))).toBe(
      'CQ-01-dang-bo-khoi-cac-co-quan-tinh.xlsx',
    );
    expect(summaryFileName(unit('CON', '***', 'xa', '24'))).toBe('CON_.xlsx');
  });

  it('names the own register row after the committee', () => {
    expect(ownRowLabel(unit('213', 'Huyện Lục Nam', 'huyen', '24'))).toBe('Cơ quan Huyện ủy (đăng ký riêng)');
    expect(ownRowLabel(unit('24', 'Tỉnh Bắc Giang', 'tinh', null))).toBe('Cơ quan Tỉnh ủy (đăng ký riêng)');
    expect(ownRowLabel(unit('CQ', 'Đảng bộ Khối cơ quan tỉnh', 'co-quan', '24'))).toBe('Đảng bộ Khối cơ quan tỉnh (việc tự đăng ký)');
  });
});

describe('writeSummaryWorkbooks', () => {
  let dir: string;
  let result: RollupResult;
  let written: { unit: string; path: string }[];
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiendo-summary-'));
    result = sample();
    written = await writeSummaryWorkbooks(result, { outDir: dir, header, asOf, period, lang: 'vi', inputs: [] });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '24-bac-giang.xlsx'));
  });
  afterAll(() => {
    if (process.env.TIENDO_KEEP) {
      mkdirSync(process.env.TIENDO_KEEP, { recursive: true });
      for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(process.env.TIENDO_KEEP, f));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one workbook per unit with units under it, in code order', () => {
    expect(written).toEqual([
      { unit: '24', path: join(dir, '24-bac-giang.xlsx') },
      { unit: '213', path: join(dir, '213-luc-nam.xlsx') },
      { unit: '215', path: join(dir, '215-yen-the.xlsx') },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['213-luc-nam.xlsx', '215-yen-the.xlsx', '24-bac-giang.xlsx']);
  });

  it('has the seven sheets in order, Theo cán bộ after Theo lĩnh vực (no Biến động without --compare)', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo cán bộ',
      'Quá hạn',
      'Chi tiết',
      'Lỗi dữ liệu',
      'Chưa nộp',
    ]);
    expect([...SHEET_NAMES]).toEqual(wb.worksheets.map((w) => w.name));
  });

  it('opens with the 36-HD/VPTW header block in Times New Roman', () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    const c = (a: string) => ws.getCell(a);
    expect(c('A1').value).toBe('ĐẢNG BỘ TỈNH BẮC GIANG');
    expect(c('A1').font).toMatchObject({ name: 'Times New Roman', size: 14 });
    expect(c('A1').font.bold).toBeFalsy();
    expect(c('A2').value).toBe('BAN TỔ CHỨC');
    expect(c('A2').font).toMatchObject({ name: 'Times New Roman', size: 14, bold: true });
    expect(c('A3').value).toBe('*');
    const right = ws.getRow(1).values as unknown[];
    const rightCol = right.lastIndexOf('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(rightCol).toBeGreaterThan(1);
    expect(ws.getCell(1, rightCol).font).toMatchObject({ name: 'Times New Roman', size: 15, bold: true, underline: true });
    expect(ws.getCell(3, rightCol).value).toBe('Bắc Giang, ngày 30 tháng 9 năm 2024');
    expect(ws.getCell(3, rightCol).font).toMatchObject({ italic: true, size: 14 });
    expect(c('A5').value).toBe(REPORT_TITLE);
    expect(c('A5').font).toMatchObject({ bold: true, name: 'Times New Roman' });
    expect(c('A5').alignment).toMatchObject({ horizontal: 'center' });
    expect(c('A6').value).toBe('Quý III năm 2024');
    expect(c('A7').value).toBe('(Số liệu tính đến ngày 30/09/2024)');
  });

  it("uses the unit's own Party body and place in a district's workbook", async () => {
    const d = new ExcelJS.Workbook();
    await d.xlsx.readFile(join(dir, '213-luc-nam.xlsx'));
    const ws = d.getWorksheet('Tổng hợp')!;
    expect(ws.getCell('A1').value).toBe('ĐẢNG BỘ HUYỆN LỤC NAM');
    expect(ws.getRow(3).values as unknown[]).toContain('Lục Nam, ngày 30 tháng 9 năm 2024');
    const names = ws.getColumn(2).values.slice(10) as unknown[];
    expect(names.slice(0, 5)).toEqual(['Cơ quan Huyện ủy (đăng ký riêng)', 'Xã Yên Sơn', 'Xã Lan Mẫu', 'Thị trấn Đồi Ngô', 'Tổng cộng']);
  });

  it('lists the children and the own register, with a Tổng cộng row equal to the total', () => {
    const ws = wb.getWorksheet('Tổng hợp')!;
    const header = (ws.getRow(9).values as unknown[]).slice(1);
    expect(header).toEqual([
      'STT',
      'Đơn vị',
      'Số việc đăng ký',
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Trong đó: hoàn thành trong kỳ',
      'Chưa hoàn thành, trong hạn',
      'Chưa hoàn thành, quá hạn',
      'Dừng, hủy',
      'Chưa xác định',
      'Tỷ lệ hoàn thành (%)',
      'Tỷ lệ đúng hạn (%)',
      'Ghi chú',
    ]);
    const rows = [10, 11, 12, 13].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => r[1])).toEqual(['Cơ quan Tỉnh ủy (đăng ký riêng)', 'Huyện Lục Nam', 'Huyện Yên Thế', 'Tổng cộng']);
    const t = result.byCode.get('24')!.total;
    expect(rows[3]?.slice(2, 12)).toEqual([
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
    expect(t.registered).toBe(11);
    expect(ws.getCell('C13').font.bold).toBe(true);
    expect(ws.getCell('K13').numFmt).toBe('0.0');
    // Lục Nam: one commune of three submitted nothing
    expect(rows[1]?.[12]).toBe('1/4 đơn vị chưa nộp');
    expect(rows[2]?.[12]).toBe('1/2 đơn vị chưa nộp');
    for (let i = 0; i < 3; i++) for (const v of at(rows, i, 'row').slice(2, 10)) expect(typeof v).toBe('number');
  });

  it('marks a child that submitted nothing', async () => {
    const d = new ExcelJS.Workbook();
    await d.xlsx.readFile(join(dir, '213-luc-nam.xlsx'));
    const ws = d.getWorksheet('Tổng hợp')!;
    const row = ws.getRow(13);
    expect(row.getCell(2).value).toBe('Thị trấn Đồi Ngô');
    expect(row.getCell(13).value).toBe(NOT_SUBMITTED);
    expect(row.getCell(2).font.italic).toBe(true);
    expect(row.getCell(11).value).toBe('-');
  });

  it('draws data bars on the two rate columns', () => {
    const ws = wb.getWorksheet('Tổng hợp')! as ExcelJS.Worksheet & { conditionalFormattings: { ref: string; rules: { type: string }[] }[] };
    const bars = ws.conditionalFormattings.filter((cf) => cf.rules.some((r) => r.type === 'dataBar'));
    expect(bars.map((b) => b.ref)).toEqual(['K10:K13', 'L10:L13']);
  });

  it('writes the bars as Excel 2010 does: every x14 reference has its rule', () => {
    const xml = zipPart(join(dir, '24-bac-giang.xlsx'), 'xl/worksheets/sheet1.xml');
    const refs = [...xml.matchAll(/<x14:id>([^<]*)<\/x14:id>/g)].map(([, id = '']) => id);
    const rules = [...xml.matchAll(/<x14:cfRule type="dataBar" id="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toHaveLength(2);
    expect(refs.every((r) => /^\{[0-9A-F-]{36}\}$/.test(r))).toBe(true);
    expect(rules).toEqual(refs);
    expect(xml).not.toContain('<x14:id/>');
    expect(xml).toMatch(/<x14:dataBar minLength="0" maxLength="100"/);
  });

  it('prints on A4 landscape, one page wide, the table header repeated', () => {
    for (const ws of wb.worksheets) {
      // the header under the letterhead on Tổng hợp, under a plain title elsewhere
      const h = ws.name === 'Tổng hợp' ? 9 : 4;
      expect(ws.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        printTitlesRow: `${h}:${h}`,
      });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
    }
  });

  it('filters the tables', () => {
    expect(wb.getWorksheet('Tổng hợp')!.autoFilter).toBe('A9:M12');
    expect(wb.getWorksheet('Chi tiết')!.autoFilter).toBe('A4:N15');
    expect(wb.getWorksheet('Theo lĩnh vực')!.autoFilter).toBeFalsy();
  });

  it('fits the widths to the text', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    expect(ws.getColumn(1).width).toBeLessThanOrEqual(6);
    expect(ws.getColumn(4).width).toBeGreaterThan(ws.getColumn(3).width!);
    for (let i = 1; i <= 14; i++) expect(ws.getColumn(i).width).toBeGreaterThan(4);
  });

  it('lists overdue tasks, most overdue first, with date cells and numbers', () => {
    const ws = wb.getWorksheet('Quá hạn')!;
    const rows = [5, 6, 7].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => r[3])).toEqual([
      '+ Giải quyết dứt điểm đơn thư tồn đọng về đất đai tại thôn Chính Lộc',
      'Xóa nhà tạm cho hộ nghèo',
      '=SUM(A1)',
    ]);
    expect(rows.map((r) => r[6])).toEqual([183, 92, 30]);
    expect(rows[0]?.[5]).toEqual(new Date(Date.UTC(2024, 2, 31)));
    expect(ws.getCell('F5').numFmt).toBe('dd/mm/yyyy');
    expect(rows[0]?.[7]).toBe(30);
    expect(ws.getRow(8).getCell(2).value).toBeNull();
  });

  it('keeps text that looks like a formula as text', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    const titles = ws.getColumn(4).values.slice(5) as unknown[];
    expect(titles).toContain('=SUM(A1)');
    expect(titles).toContain('@ Xây dựng chợ nông thôn (dừng do điều chỉnh quy hoạch)');
    expect(titles).toContain('- Kiện toàn chi bộ thôn');
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const cell = [...Array(20).keys()].map((i) => ws.getCell(5 + i, 4)).find((c) => c.value === '=SUM(A1)')!;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it('details every counted task with its class and source', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Đơn vị',
      'Mã việc',
      'Nội dung công việc',
      'Loại việc',
      'Lĩnh vực',
      'Người chịu trách nhiệm',
      'Thời hạn hoàn thành',
      'Tình trạng',
      'Tiến độ (%)',
      'Ngày hoàn thành',
      'Phân loại',
      'Tệp nguồn',
      'Dòng',
    ]);
    const rows = Array.from({ length: 11 }, (_, i) => (ws.getRow(5 + i).values as unknown[]).slice(1));
    expect(rows[0]?.slice(0, 3)).toEqual([1, 'Tỉnh Bắc Giang', '24-1']);
    expect(rows.map((r) => r[11])).toEqual([
      'Hoàn thành đúng hạn',
      'Chưa hoàn thành, trong hạn',
      'Hoàn thành quá hạn',
      'Chưa hoàn thành, quá hạn',
      'Chưa hoàn thành, quá hạn',
      'Hoàn thành đúng hạn',
      'Chưa hoàn thành, quá hạn',
      'Dừng, hủy',
      'Chưa xác định',
      'Hoàn thành đúng hạn',
      'Chưa hoàn thành, trong hạn',
    ]);
    expect(rows.map((r) => r[2]).slice(-2)).toEqual(['07660-1', '07660-2']);
    // fields as grouped on "Theo lĩnh vực", not as typed
    expect(rows[0]?.[5]).toBe('Xây dựng Đảng');
    expect(rows[9]?.[5]).toBe('Kinh tế');
    expect(rows[0]?.[10]).toEqual(new Date(Date.UTC(2024, 5, 15)));
    expect(rows[0]?.[12]).toBe('tinh-uy.xlsx');
    expect(rows[0]?.[13]).toBe(8);
    expect(rows[8]?.[8]).toBe('Sắp xong');
    expect(rows[4]?.[4]).toBe('Nhiệm vụ trọng tâm');
  });

  it("lists the data errors, with the files matched to no unit in the root's workbook", async () => {
    const ws = wb.getWorksheet('Lỗi dữ liệu')!;
    const rows = [5, 6, 7].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => r[6])).toEqual(['overdue', 'invalid-status', 'unit-unknown']);
    expect(rows[1]?.slice(1, 6)).toEqual(['yen-son.xlsx', 'Danh mục', 11, 'J11', 'Lỗi']);
    expect(rows[0]?.[5]).toBe('Cảnh báo');
    expect([rows[2]?.[1], rows[2]?.[5]]).toEqual(['khong-ro-don-vi.xlsx', 'Lỗi']);
    expect(['C7', 'D7', 'E7'].map((a) => ws.getCell(a).value)).toEqual([null, null, null]);
    const d = new ExcelJS.Workbook();
    await d.xlsx.readFile(join(dir, '215-yen-the.xlsx'));
    expect(d.getWorksheet('Lỗi dữ liệu')!.getCell('A5').value).toBe('Không có lỗi dữ liệu.');
  });

  it('lists the units that submitted nothing, at any depth', () => {
    const ws = wb.getWorksheet('Chưa nộp')!;
    const rows = [5, 6].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows).toEqual([
      [1, '215', 'Huyện Yên Thế', 'Tỉnh Bắc Giang'],
      [2, '07663', 'Thị trấn Đồi Ngô', 'Huyện Lục Nam'],
    ]);
  });

  it('counts by field and by category, each block summing to the total', () => {
    const ws = wb.getWorksheet('Theo lĩnh vực')!;
    const col2 = ws.getColumn(2).values.slice(5) as unknown[];
    const col3 = ws.getColumn(3).values.slice(5) as unknown[];
    expect(ws.getCell('A5').value).toBe('I. THEO LĨNH VỰC');
    const fields = col2.slice(1, col2.indexOf('Cộng'));
    expect(fields).toEqual(['Kinh tế', 'Văn hóa - xã hội', 'Vấn đề bức xúc', 'Xây dựng Đảng', 'Chưa phân loại']);
    const cộng = col2.map((v, i) => (v === 'Cộng' ? col3[i] : null)).filter((v) => v != null);
    expect(cộng).toEqual([11, 11]);
  });

  it("counts per cadre on Theo cán bộ: every cadre of the workbook's units, by unit code then name (SPEC §7.2)", () => {
    const ws = wb.getWorksheet('Theo cán bộ')!;
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Đơn vị',
      'Họ và tên',
      'Chức vụ',
      'Số việc đăng ký',
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Trong đó: hoàn thành trong kỳ',
      'Chưa hoàn thành, trong hạn',
      'Chưa hoàn thành, quá hạn',
      'Dừng, hủy',
      'Chưa xác định',
      'Tỷ lệ hoàn thành (%)',
      'Tỷ lệ đúng hạn (%)',
    ]);
    const rows = Array.from({ length: 11 }, (_, i) => (ws.getRow(5 + i).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['Tỉnh Bắc Giang', 'Lê Thị Hà'],
      ['Tỉnh Bắc Giang', 'Nguyễn Văn Thành'],
      ['Huyện Lục Nam', 'Phạm Thị Dung'],
      ['Huyện Lục Nam', 'Trần Văn Bình'],
      ['Xã Đồng Tâm', NO_OWNER],
      ['Xã Yên Sơn', 'Đỗ Thị Giang'],
      ['Xã Yên Sơn', 'Hoàng Văn Em'],
      ['Xã Yên Sơn', 'Ngô Văn Phong'],
      ['Xã Yên Sơn', 'Vũ Văn Hải'],
      ['Xã Lan Mẫu', 'Mẫn Văn Lâm'],
      ['Tổng cộng', undefined],
    ]);
    expect(rows.slice(0, 10).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows[1]?.[3]).toBe('Trưởng Ban Tổ chức Tỉnh ủy');
    expect(rows[9]?.slice(4)).toEqual([2, 1, 0, 1, 1, 0, 0, 0, 50, 100]);
    // the cadres add up to the unit's counts, and the Tổng cộng row is the unit's total
    const t = result.byCode.get('24')!.total;
    const classes = [
      t.registered,
      t.doneOnTime,
      t.doneLate,
      t.doneInPeriod,
      t.pendingOnTime,
      t.pendingOverdue,
      t.cancelled,
      t.unclassified,
    ];
    classes.forEach((want, i) =>
      expect(
        rows.slice(0, 10).reduce((sum, r) => sum + (r[4 + i] as number), 0),
        `column ${5 + i}`,
      ).toBe(want),
    );
    expect(rows[10]?.slice(4)).toEqual([...classes, t.completionRate, t.onTimeRate]);
    expect(ws.getCell('E15').font.bold).toBe(true);
    // the tasks of no one cadre in italics; numbers as numbers, rates under 0.0
    expect(ws.getCell('C9').font.italic).toBe(true);
    expect(ws.getCell('C10').font.italic).toBeFalsy();
    for (const r of rows.slice(0, 10)) for (const v of r.slice(4, 12)) expect(typeof v).toBe('number');
    expect(ws.getCell('M14').numFmt).toBe('0.0');
    expect(ws.autoFilter).toBe('A4:N14');
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Times New Roman', size: 14, bold: true });
    expect(ws.getCell('C5').font).toMatchObject({ name: 'Times New Roman' });
  });

  it("lists on a district's Theo cán bộ the cadres of the district and its communes only", async () => {
    const d = new ExcelJS.Workbook();
    await d.xlsx.readFile(join(dir, '213-luc-nam.xlsx'));
    const ws = d.getWorksheet('Theo cán bộ')!;
    const names = (ws.getColumn(3).values as unknown[]).slice(5);
    expect(names.slice(0, 7)).toEqual([
      'Phạm Thị Dung',
      'Trần Văn Bình',
      'Đỗ Thị Giang',
      'Hoàng Văn Em',
      'Ngô Văn Phong',
      'Vũ Văn Hải',
      'Mẫn Văn Lâm',
    ]);
    expect(ws.getCell('B12').value).toBe('Tổng cộng');
    expect(ws.getCell('E12').value).toBe(result.byCode.get('213')!.total.registered);
    expect(result.byCode.get('213')!.total.registered).toBe(8);
  });

  it('refuses to overwrite an input, before writing anything', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-summary-'));
    try {
      await expect(
        writeSummaryWorkbooks(result, {
          outDir: out,
          header,
          asOf,
          period,
          lang: 'vi',
          inputs: [join(out, '215-yen-the.xlsx')],
        }),
      ).rejects.toThrow(UsageError);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes every task of a sheet longer than the rows it fits its widths to (made again while written)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-summary-long-'));
    try {
      const t = province();
      const many = Array.from({ length: 6_200 }, (_, i) => ({
        ...(i % 2 ? kinds.doneOnTime() : kinds.pendingOverdue()),
        title: `Việc số ${i + 1}`,
        owner: 'Nguyễn Văn An',
      }));
      const long = aggregate({
        tree: t,
        registers: [register(t.byCode.get('07651')!, 'yen-son.xlsx', many)],
        diagnostics: [],
        asOf,
        period,
      });
      await writeSummaryWorkbooks(long, { outDir: out, header, asOf, period, lang: 'vi', inputs: [] });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(out, '24-bac-giang.xlsx'));
      const detail = book.getWorksheet('Chi tiết')!;
      const titles = (detail.getColumn(4).values as unknown[]).slice(5);
      expect(titles).toHaveLength(6_200);
      expect(titles.filter((v) => typeof v === 'string' && v.startsWith('Việc số '))).toHaveLength(6_200);
      expect(detail.getCell(5 + 6_199, 1).value).toBe(6_200);
      expect(detail.autoFilter).toBe(`A4:N${4 + 6_200}`);
      const overdue = book.getWorksheet('Quá hạn')!;
      expect(overdue.getCell(5 + 3_099, 1).value).toBe(3_100);
      expect(overdue.getCell(5 + 3_100, 1).value).toBeNull();
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('puts the Party letterhead on Tổng hợp only, a plain bold title with the unit and period on the others', () => {
    const letterhead = ['ĐẢNG BỘ TỈNH BẮC GIANG', 'BAN TỔ CHỨC', '*', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Bắc Giang, ngày 30 tháng 9 năm 2024'];
    const texts = (ws: ExcelJS.Worksheet): unknown[] => {
      const out: unknown[] = [];
      for (let r = 1; r <= 8; r++)
        ws.getRow(r).eachCell((c) => {
          if (c.master === c) out.push(c.value);
        });
      return out;
    };
    expect(texts(wb.getWorksheet('Tổng hợp')!)).toEqual(expect.arrayContaining(letterhead));
    const titles: Record<string, string> = {
      'Theo lĩnh vực': 'KẾT QUẢ THỰC HIỆN THEO LĨNH VỰC VÀ LOẠI VIỆC',
      'Theo cán bộ': 'KẾT QUẢ THỰC HIỆN THEO CÁN BỘ CHỊU TRÁCH NHIỆM',
      'Quá hạn': 'DANH SÁCH VIỆC CHƯA HOÀN THÀNH, QUÁ HẠN',
      'Chi tiết': 'DANH MỤC VIỆC ĐĂNG KÝ VÀ KẾT QUẢ THỰC HIỆN',
      'Lỗi dữ liệu': 'DANH SÁCH LỖI DỮ LIỆU TRONG CÁC TỆP BÁO CÁO',
      'Chưa nộp': 'DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO',
    };
    for (const [name, title] of Object.entries(titles)) {
      const ws = wb.getWorksheet(name)!;
      for (const line of letterhead) expect(texts(ws), `${name}: ${line}`).not.toContain(line);
      expect(ws.getCell('A1').value, name).toBe(title);
      expect(ws.getCell('A1').font, name).toMatchObject({ bold: true, name: 'Times New Roman' });
      expect(ws.getCell('A2').value, name).toBe('Tỉnh Bắc Giang — Quý III năm 2024 (số liệu tính đến ngày 30/09/2024)');
      expect(ws.getCell('A4').value, name).toBe('STT');
    }
  });

  it("gives each data error the rule's Vietnamese description beside its id", () => {
    const ws = wb.getWorksheet('Lỗi dữ liệu')!;
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    expect(header.slice(6, 9)).toEqual(['Mã lỗi', 'Loại lỗi', 'Nội dung']);
    const rows = [5, 6, 7].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => r[7])).toEqual([
      'Chưa hoàn thành mà đã quá thời hạn',
      'Tình trạng không thuộc danh mục (gợi ý tình trạng gần nhất)',
      'Không xác định được đơn vị của tệp, hoặc đơn vị không có trong danh mục đơn vị',
    ]);
    expect(rows[1]?.[8]).toBe('Tình trạng "Sắp xong" không có trong danh mục — chọn "Đang thực hiện"');
  });

  it('prints Chi tiết legibly on A4 landscape: 11 pt, a width the page scales to no less than ~85 %', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    for (let c = 1; c <= 14; c++) {
      expect(ws.getCell(5, c).font.size, `column ${c}`).toBeGreaterThanOrEqual(9);
      expect(ws.getCell(5, c).font.name).toBe('Times New Roman');
    }
    expect(ws.getCell(4, 4).font.size).toBeGreaterThanOrEqual(9);
    expect(ws.getCell(5, 4).alignment).toMatchObject({ wrapText: true });
    // about 145 units fill A4 landscape at 100 %: 170 prints at ~85 %, so 11 pt at about 9.4 pt
    const width = Array.from({ length: 14 }, (_, i) => ws.getColumn(i + 1).width ?? 0).reduce((a, b) => a + b, 0);
    expect(width).toBeLessThanOrEqual(170);
    expect(ws.getCell(5, 8).value).toBeInstanceOf(Date);
    expect(typeof ws.getCell(5, 14).value).toBe('number');
  });

  it('draws the rate bars light and fading, the figures right-aligned over their light end', () => {
    const xml = zipPart(join(dir, '24-bac-giang.xlsx'), 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<x14:dataBar minLength="0" maxLength="100" gradient="1">/);
    expect(xml).not.toContain('FF9DC3E6');
    expect(xml).toContain('<color rgb="FFBDD7EE"/>');
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(ws.getCell('K11').alignment).toMatchObject({ horizontal: 'right' });
    expect(ws.getCell('K11').numFmt).toBe('0.0');
    expect(typeof ws.getCell('K11').value).toBe('number');
  });

  it("gives every sheet a print area, Tổng hợp's and Theo lĩnh vực's taking in the chart on the page after the table", () => {
    const book = zipPart(join(dir, '24-bac-giang.xlsx'), 'xl/workbook.xml');
    const areas = [
      ...book.matchAll(/<definedName name="_xlnm.Print_Area" localSheetId="(\d)">'([^']+)'!\$A\$1:\$([A-Z]+)\$(\d+)<\/definedName>/g),
    ].map((m) => [Number(m[1]), m[2], m[3], Number(m[4])] as const);
    expect(areas.map(([i, name]) => [i, name])).toEqual(SHEET_NAMES.map((name, i) => [i, name]));
    for (const [i, name, last, lastRow] of areas) {
      const ws = wb.getWorksheet(name)!;
      expect(last, name).toBe(String.fromCharCode(64 + ws.columnCount));
      const sheet = zipPart(join(dir, '24-bac-giang.xlsx'), `xl/worksheets/sheet${i + 1}.xml`);
      const written = Math.max(...[...sheet.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
      const chart = /<rowBreaks count="1" manualBreakCount="1"><brk id="(\d+)"/.exec(sheet);
      if (i < 2) {
        // the chart's page starts a row or two after the last row written, and the print area ends with the chart
        const top = Number(chart![1]) + 1;
        expect(top - written, name).toBeGreaterThanOrEqual(1);
        expect(top - written, name).toBeLessThanOrEqual(3);
        const drawing = zipPart(join(dir, '24-bac-giang.xlsx'), `xl/drawings/drawing${i + 1}.xml`);
        expect(drawing).toContain(`<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${top - 1}</xdr:row>`);
        // the chart ends at the top of its `to` row (0-based), the row after the print area's last
        const to = Number(/<xdr:to><xdr:col>\d+<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>/.exec(drawing)![1]);
        expect(lastRow, name).toBe(to);
        expect(to - top, name).toBeGreaterThanOrEqual(20);
      } else {
        expect(chart, name).toBeNull();
        expect(lastRow - written, name).toBeGreaterThanOrEqual(0);
        expect(lastRow - written, name).toBeLessThanOrEqual(1);
      }
    }
    // opens on Tổng hợp, so printing the active sheet prints the report
    expect(book).toContain('<workbookView activeTab="0"/>');
    expect(zipPart(join(dir, '24-bac-giang.xlsx'), 'xl/worksheets/sheet1.xml')).toContain('<sheetView workbookViewId="0" tabSelected="1">');
    expect(zipPart(join(dir, '24-bac-giang.xlsx'), 'xl/worksheets/sheet2.xml')).not.toContain('tabSelected');
  });

  it("draws the rates of each row's unit on Tổng hợp and the classes by field on Theo lĩnh vực, nowhere else", () => {
    const file = join(dir, '24-bac-giang.xlsx');
    const types = zipPart(file, '[Content_Types].xml');
    expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(2);
    expect(zipPart(file, 'xl/worksheets/_rels/sheet1.xml.rels')).toContain('Target="../drawings/drawing1.xml"');
    expect(zipPart(file, 'xl/worksheets/_rels/sheet2.xml.rels')).toContain('Target="../drawings/drawing2.xml"');
    const rates = zipPart(file, 'xl/charts/chart1.xml');
    // own register, Lục Nam, Yên Thế: rows 10–12, Tổng cộng on 13 left out
    expect(rates).toContain("<c:f>'Tổng hợp'!$B$10:$B$12</c:f>");
    expect(rates).toContain("<c:f>'Tổng hợp'!$K$10:$K$12</c:f>");
    expect(rates).toContain("<c:f>'Tổng hợp'!$L$9</c:f>");
    expect(rates).toContain('<c:grouping val="clustered"/>');
    expect(rates).toContain('<a:t>Tỷ lệ hoàn thành và tỷ lệ đúng hạn của các đơn vị — Quý III năm 2024</a:t>');
    expect(rates).toContain('<a:latin typeface="Times New Roman"/>');
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(ws.getCell('B13').value).toBe('Tổng cộng');
    const classes = zipPart(file, 'xl/charts/chart2.xml');
    expect(classes).toContain('<c:grouping val="stacked"/>');
    expect([...classes.matchAll(/<c:tx><c:strRef><c:f>'Theo lĩnh vực'!\$([A-Z])\$4<\/c:f>/g)].map((m) => m[1])).toEqual([
      'D',
      'E',
      'G',
      'H',
      'I',
      'J',
    ]);
    const fields = wb.getWorksheet('Theo lĩnh vực')!;
    const firstTotal = Array.from({ length: fields.rowCount }, (_, i) => i + 1).find((r) => fields.getCell(r, 2).value === 'Cộng')!;
    expect(classes).toContain(`<c:f>'Theo lĩnh vực'!$B$6:$B$${firstTotal - 1}</c:f>`);
  });

  it('writes only the signed sheets when asked (the copy rollup --pdf prints), their charts with them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-summary-pdf-'));
    try {
      await writeSummaryWorkbooks(result, { outDir: out, header, asOf, period, lang: 'vi', inputs: [], sheets: PDF_SHEETS });
      const copy = new ExcelJS.Workbook();
      await copy.xlsx.readFile(join(out, '24-bac-giang.xlsx'));
      expect(copy.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo lĩnh vực', 'Quá hạn']);
      expect(zipPart(join(out, '24-bac-giang.xlsx'), 'xl/charts/chart2.xml')).toContain("'Theo lĩnh vực'!$D$4");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasSoffice)(
    `converts to a non-empty PDF with LibreOffice${hasSoffice ? '' : ' — skipped: soffice is not on the PATH'}`,
    () => {
      const out = mkdtempSync(join(tmpdir(), 'tiendo-pdf-'));
      try {
        const file = join(dir, '24-bac-giang.xlsx');
        const pdf = join(out, '24-bac-giang.pdf');
        toPdf([file], out);
        expect(existsSync(pdf)).toBe(true);
        expect(statSync(pdf).size).toBeGreaterThan(1000);
        if (process.env.TIENDO_KEEP) copyFileSync(pdf, join(process.env.TIENDO_KEEP, '24-bac-giang.pdf'));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});

describe('no chart where there is nothing to draw', () => {
  it('writes no chart part when no unit has a task counted', async () => {
    const t = province();
    const result = aggregate({ tree: t, registers: [register(t.byCode.get('213')!, 'luc-nam.xlsx', [])], diagnostics: [], asOf, period });
    result.owners = ownerCounts(result.tasks, null, asOf, period);
    const out = mkdtempSync(join(tmpdir(), 'tiendo-summary-empty-'));
    try {
      await writeSummaryWorkbooks(result, { outDir: out, header, asOf, period, lang: 'vi', inputs: [] });
      const file = join(out, '24-bac-giang.xlsx');
      expect(zipPart(file, '[Content_Types].xml')).not.toContain('drawing');
      expect(zipPart(file, 'xl/worksheets/sheet1.xml')).not.toMatch(/<drawing |<rowBreaks/);
      // the print area ends with the signature, not a page further
      expect(zipPart(file, 'xl/workbook.xml')).toMatch(
        /<definedName name="_xlnm.Print_Area" localSheetId="0">'Tổng hợp'!\$A\$1:\$M\$\d+<\/definedName>/,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('file names in the printed sheets', () => {
  it('names each file by its own name, never its path (with its folder only when two files share a name)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-summary-names-'));
    try {
      const t = province();
      const u = (code: string) => t.byCode.get(code)!;
      const registers = [
        register(u('07651'), 'registers/luc-nam/yen-son.xlsx', [kinds.pendingOverdue()]),
        register(u('07660'), 'registers/luc-nam/bao-cao.xlsx', [kinds.doneOnTime()]),
        register(u('07330'), 'registers/yen-the/bao-cao.xlsx', [kinds.doneOnTime()]),
      ];
      const diagnostics = [diagAt('overdue', first(first(registers).tasks), 'deadline', 'warning')];
      const result = aggregate({ tree: t, registers, diagnostics, asOf, period });
      for (const lang of ['vi', 'en'] as const) {
        const out = join(dir, lang);
        await writeSummaryWorkbooks(result, { outDir: out, header, asOf, period, lang, inputs: [] });
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(out, '24-bac-giang.xlsx'));
        const detail = book.getWorksheet('Chi tiết')!;
        const files = [5, 6, 7].map((r) => detail.getCell(r, 13).value);
        expect(files.map(String).sort()).toEqual(['luc-nam/bao-cao.xlsx', 'yen-son.xlsx', 'yen-the/bao-cao.xlsx']);
        const errors = book.getWorksheet('Lỗi dữ liệu')!;
        expect(errors.getCell('B5').value).toBe('yen-son.xlsx');
        expect(String(errors.getCell('B5').value)).not.toMatch(/[\\/]/);
        expect(errors.getCell('G5').value).toBe('overdue');
        expect(errors.getCell('H5').value).toBe(lang === 'vi' ? 'Chưa hoàn thành mà đã quá thời hạn' : 'Unfinished past its deadline');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unit names on Theo cán bộ', () => {
  it('adds the code to a name two units of the workbook share, and only there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-summary-same-name-'));
    try {
      const t = tree([...province().units, unit('07336', 'Xã Yên Sơn', 'xa', '215')]);
      const u = (code: string) => t.byCode.get(code)!;
      const registers = [
        register(u('07651'), 'yen-son-luc-nam.xlsx', [{ ...kinds.doneOnTime(), owners: ['Hoàng Văn Em'] }]),
        register(u('07336'), 'yen-son-yen-the.xlsx', [{ ...kinds.pendingOnTime(), owners: ['Nguyễn Thị Lan'] }]),
      ];
      const result = aggregate({ tree: t, registers, diagnostics: [], asOf, period });
      result.owners = ownerCounts(result.tasks, null, asOf, period);
      await writeSummaryWorkbooks(result, { outDir: dir, header, asOf, period, lang: 'vi', inputs: [] });
      const units = async (file: string): Promise<unknown[]> => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(dir, file));
        const ws = book.getWorksheet('Theo cán bộ')!;
        const out: unknown[] = [];
        for (let r = 5; ws.getCell(r, 5).value !== null; r++) out.push(ws.getCell(r, 2).value);
        return out;
      };
      expect(await units('24-bac-giang.xlsx')).toEqual(['Xã Yên Sơn (07336)', 'Xã Yên Sơn (07651)', 'Tổng cộng']);
      expect(await units('213-luc-nam.xlsx')).toEqual(['Xã Yên Sơn', 'Tổng cộng']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
