import { describe, expect, it } from 'vitest';
import { fieldName, findTable, headerKey } from '../../src/normalise/table.js';
import type { RawWorkbook, Sheet, SheetRow } from '../../src/types.js';

/** A sheet from rows of texts; '' is an empty cell. Row numbers start at 1. */
/** A workbook of one sheet (`sheets[0]` is that sheet). */
function sheet(rows: string[][], name = 'Danh mục'): RawWorkbook & { sheets: [Sheet, ...Sheet[]] } {
  const sheetRows: SheetRow[] = rows
    .map((cells, i) => ({ number: i + 1, cells: cells.map((t) => (t === '' ? null : { text: t })) }))
    .filter((r) => r.cells.some(Boolean));
  return { kind: 'xlsx', sheets: [{ name, rows: sheetRows, rowCount: rows.length, columnCount: 8 }] };
}

const HEADER = ['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành', 'Tiến độ (%)', 'Tình trạng'];

describe('header aliases', () => {
  it('match ignoring case, diacritics, spacing, punctuation and line breaks, NFC or NFD', () => {
    expect(headerKey('NGƯỜI CHỊU\nTRÁCH NHIỆM')).toBe('owner');
    expect(headerKey('nguoi chiu trach nhiem')).toBe('owner');
    expect(headerKey('Thời hạn hoàn thành'.normalize('NFD'))).toBe('deadline');
    expect(headerKey('Tiến độ (%)')).toBe('progress');
    expect(headerKey('% hoàn thành')).toBe('progress');
    expect(headerKey('Số TT')).toBe('no');
    expect(headerKey('Kết quả đạt được')).toBe('achieved');
    expect(headerKey('Kết quả')).toBe('note');
    expect(headerKey('Mục tiêu (số lượng)')).toBe('target');
    expect(headerKey('Thời hạn hoàn thành (ngày/tháng/năm)')).toBe('deadline');
    expect(headerKey('Ngày hoàn thành')).toBe('completed');
    expect(headerKey('Họ và tên')).toBeNull();
  });
});

describe('finding the table', () => {
  it('skips the title block, finds the header, skips the column-number row, reads sections and stops at the signature', () => {
    const r = findTable(
      sheet([
        ['ĐẢNG BỘ HUYỆN LỤC NAM', '', '', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
        ['ĐẢNG ỦY XÃ YÊN SƠN', '', '', 'Yên Sơn, ngày 05 tháng 10 năm 2024'],
        ['*'],
        ['DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024'],
        [],
        HEADER,
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
        ['I. LĨNH VỰC XÂY DỰNG ĐẢNG'],
        ['1', 'Kiện toàn chi bộ', 'Nguyễn Văn An', '30/09/2024', '50', 'Đang thực hiện'],
        [],
        ['II', 'Kinh tế'],
        ['1', 'Xóa nhà tạm', 'Trần Văn Bình', 'Quý III/2024', '', ''],
        ['2', '', 'Lê Thị Cúc', '31/12/2024'],
        ['Tổng cộng', '', '', '', '3'],
        ['', 'T/M ĐẢNG ỦY', '', 'Người lập biểu'],
        ['', 'BÍ THƯ'],
        ['', 'Nguyễn Văn Dũng'],
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = r.table;
    expect(t.headerRow).toBe(6);
    expect(t.columns).toMatchObject({ no: 'A', title: 'B', owner: 'C', deadline: 'D', progress: 'E', status: 'F' });
    expect(t.titleLines).toEqual([
      'ĐẢNG BỘ HUYỆN LỤC NAM',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'ĐẢNG ỦY XÃ YÊN SƠN',
      'Yên Sơn, ngày 05 tháng 10 năm 2024',
      '*',
      'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024',
    ]);
    expect(t.rows.map((x) => [x.row, x.section, x.sectionMark])).toEqual([
      [9, 'Xây dựng Đảng', 'I'],
      [12, 'Kinh tế', 'II'],
      [13, 'Kinh tế', 'II'],
    ]);
  });
  it('finds a header as low as row 30, not below', () => {
    const pad = Array.from({ length: 29 }, () => ['ghi chú']);
    expect(findTable(sheet([...pad, HEADER, ['1', 'Việc', 'An', '30/09/2024']])).ok).toBe(true);
    expect(findTable(sheet([...pad, ['x'], HEADER])).ok).toBe(false);
  });
  it('skips a column-number row written 1 2 3 or A B C', () => {
    for (const numbers of [
      ['1', '2', '3', '4'],
      ['A', 'B', 'C', 'D'],
    ]) {
      const r = findTable(sheet([HEADER, numbers, ['1', 'Việc', 'An', '30/09/2024']]));
      expect(r.ok && r.table.rows.map((x) => x.row)).toEqual([3]);
    }
  });
  it('reports a missing required column and names the closest header seen', () => {
    const r = findTable(sheet([['STT', 'Nội dung', 'Người chịu trách nhiệm', 'Thoi han hoan thnh', 'Tình trạng']]));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problem).toMatchObject({
        rule: 'header-missing',
        messageId: 'column',
        at: { row: 1 },
        data: { column: 'Thời hạn hoàn thành', closest: 'Thoi han hoan thnh' },
      });
  });
  it('reports no header at all for an unrelated spreadsheet', () => {
    const r = findTable(
      sheet([
        ['Mặt hàng', 'Đơn giá', 'Số lượng'],
        ['Gạo', '15000', '3'],
      ]),
    );
    expect(!r.ok && r.problem.messageId).toBe('default');
  });
  it('does not take a task whose position is Bí thư for a signature', () => {
    const r = findTable(
      sheet([
        [...HEADER, 'Chức vụ'],
        ['1', 'Việc', 'An', '30/09/2024', '', '', 'Bí thư'],
        ['2', 'Việc hai', 'Bình', '30/09/2024'],
      ]),
    );
    expect(r.ok && r.table.rows.length).toBe(2);
  });
  it('keeps a row with data but no title (title-missing), drops a row with only STT', () => {
    const r = findTable(sheet([HEADER, ['1', '', 'An', '30/09/2024'], ['2']]));
    expect(r.ok && r.table.rows.map((x) => x.row)).toEqual([2]);
  });
  it('reads a section row written `Lĩnh vực …` without a numeral, but not a task title in capitals', () => {
    const r = findTable(sheet([HEADER, ['', 'Lĩnh vực Văn hóa - Xã hội'], ['1', 'Việc', 'An', '30/09/2024'], ['', 'VIỆC VIẾT HOA']]));
    expect(r.ok && r.table.rows.map((x) => [x.row, x.section])).toEqual([
      [3, 'Văn hóa - Xã hội'],
      [4, 'Văn hóa - Xã hội'],
    ]);
  });
  it('prefers the task sheet over a progress sheet', () => {
    const wb = sheet([HEADER, ['1', 'Việc', 'An', '30/09/2024']]);
    wb.sheets.unshift({
      ...sheet([['Mã việc', 'Ngày báo cáo', 'Tiến độ (%)', 'Tình trạng', 'Nội dung', 'Người phụ trách', 'Thời hạn']], 'Tiến độ').sheets[0],
    });
    const r = findTable(wb);
    expect(r.ok && r.table.sheet.name).toBe('Danh mục');
  });
});

describe('field names from section headings', () => {
  it('turns an upper-case heading into a sentence, keeping Đảng', () => {
    expect(fieldName('XÂY DỰNG ĐẢNG')).toBe('Xây dựng Đảng');
    expect(fieldName('Kinh tế')).toBe('Kinh tế');
  });
});

describe('which sheet is the register (SPEC §2.3)', () => {
  const lists = sheet(
    [
      ['Loại việc', 'Lĩnh vực', 'Tình trạng'],
      ['Việc khó', 'Kinh tế', 'Đang thực hiện'],
    ],
    'DanhSach',
  ).sheets[0];
  const guide = sheet([['HƯỚNG DẪN GHI BIỂU'], ['Cột', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành']], 'Hướng dẫn')
    .sheets[0];
  const register = sheet(
    [['ĐẢNG ỦY XÃ YÊN SƠN'], [], HEADER, ['1', 'Việc một', 'Nguyễn Văn An', '31/12/2024', '50', 'Đang thực hiện']],
    'Danh mục',
  ).sheets[0];

  it('never takes a hidden or very hidden sheet, nor the instructions, and reads the title block from the register', () => {
    for (const hidden of ['hidden', 'veryHidden'] as const) {
      const r = findTable({ kind: 'xlsx', sheets: [{ ...lists, hidden }, guide, register] });
      expect(r.ok && r.table.sheet.name).toBe('Danh mục');
      expect(r.ok && r.table.titleLines).toEqual(['ĐẢNG ỦY XÃ YÊN SƠN']);
    }
  });

  it('takes the first visible sheet with a header row', () => {
    const other = { ...register, name: 'Đợt 2' };
    const r = findTable({
      kind: 'xlsx',
      sheets: [{ ...lists, hidden: 'hidden' }, { ...sheet([['Ghi chú của xã']], 'Bìa').sheets[0] }, register, other],
    });
    expect(r.ok && r.table.sheet.name).toBe('Danh mục');
  });

  it('finds no header when the only register-like sheet is hidden, and names only the visible sheets', () => {
    const r = findTable({ kind: 'xlsx', sheets: [{ ...register, hidden: 'hidden' }, guide, sheet([['Bìa']], 'Bìa').sheets[0]] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.data).toEqual({ sheets: 'Bìa' });
  });
});

describe('a header of two rows (SPEC §2.3)', () => {
  it('names sub-columns by their own text under a group header; columns merged down by their text; skips the number row', () => {
    // as the reader gives a merged header: a merge down repeats its text, a merge across does not
    const r = findTable(
      sheet([
        ['ĐẢNG ỦY XÃ YÊN SƠN', '', '', '', 'ĐẢNG CỘNG SẢN VIỆT NAM'],
        ['DANH MỤC VIỆC KHÓ NĂM 2024'],
        ['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành', 'Kết quả thực hiện', '', ''],
        ['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành', 'Tiến độ (%)', 'Tình trạng', 'Ngày hoàn thành'],
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
        ['I. XÂY DỰNG ĐẢNG'],
        ['1', 'Kết nạp đảng viên', 'Nguyễn Văn An', '31/12/2024', '100', 'Đã hoàn thành', '20/08/2024'],
        ['2', 'Sinh hoạt chi bộ', 'Phùng Văn Đảng', '30/11/2024', '40', 'Đang thực hiện', ''],
        ['Tổng cộng', '2 việc'],
        ['', '', '', '', 'T/M ĐẢNG ỦY'],
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.headerRow).toBe(3);
    expect(r.table.columns).toEqual({ no: 'A', title: 'B', owner: 'C', deadline: 'D', progress: 'E', status: 'F', completed: 'G' });
    expect(r.table.titleLines).toEqual(['ĐẢNG ỦY XÃ YÊN SƠN', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'DANH MỤC VIỆC KHÓ NĂM 2024']);
    expect(r.table.rows.map((x) => [x.row, x.section, x.cells.status?.text])).toEqual([
      [7, 'Xây dựng Đảng', 'Đã hoàn thành'],
      [8, 'Xây dựng Đảng', 'Đang thực hiện'],
    ]);
  });

  it('names a sub-column that is no header by the group and its own text (Thời gian + Hoàn thành); columns above only', () => {
    // a CSV, or a file whose merges were lost: the merged-down texts stand in the first row only
    const r = findTable(
      sheet([
        ['STT', 'Nội dung', 'Người phụ trách', 'Thời gian', '', 'Ghi chú'],
        ['', '', '', 'Bắt đầu', 'Hoàn thành', ''],
        ['1', 'Việc một', 'Nguyễn Văn An', '01/03/2024', '31/12/2024', ''],
      ]),
    );
    expect(r.ok && r.table.columns).toEqual({ no: 'A', title: 'B', owner: 'C', assigned: 'D', deadline: 'E', note: 'F' });
    expect(r.ok && r.table.rows.map((x) => x.row)).toEqual([3]);
  });

  it('does not take a title line above a one-row header, nor the first task under it, for a second header row', () => {
    const r = findTable(
      sheet([['DANH MỤC VIỆC KHÓ'], HEADER, ['1', 'Thời hạn hoàn thành', 'Tình trạng', 'Hoàn thành', 'Tiến độ', 'Hoàn thành']]),
    );
    expect(r.ok && r.table.headerRow).toBe(2);
    expect(r.ok && r.table.titleLines).toEqual(['DANH MỤC VIỆC KHÓ']);
    expect(r.ok && r.table.rows.map((x) => x.row)).toEqual([3]);
  });

  it('says which column is missing under a two-row header, with the closest sub-column', () => {
    const r = findTable(
      sheet([
        ['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời gian', ''],
        ['', '', '', 'Bắt đầu', 'Kết thúc'],
        ['1', 'Việc một', 'Nguyễn Văn An', '01/03/2024', '31/12/2024'],
      ]),
    );
    expect(!r.ok && r.problem.at.row).toBe(1);
    expect(!r.ok && r.problem.data).toEqual({ column: 'Thời hạn hoàn thành', closest: 'Thời gian Kết thúc' });
  });
});
