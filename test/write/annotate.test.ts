import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_FILL, IN_MEMORY_MAX_CELLS, RESULT_COLUMNS, RESULT_SHEET, WARNING_FILL, writeAnnotated } from '../../src/write/annotate.js';
import type { Diagnostic, RawWorkbook, Register } from '../../src/types.js';
import { validate } from '../../src/index.js';
import { at } from '../helpers/at.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tiendo-annotate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function register(overrides: Partial<Register>): Register {
  return {
    path: join(dir, 'yen-son.csv'),
    displayPath: 'yen-son.csv',
    kind: 'csv',
    workbook: null,
    sheet: '',
    headerRow: 1,
    columns: {},
    titleLines: [],
    unit: { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213', from: null, to: null },
    unitSource: 'filename',
    tasks: [],
    problems: [],
    ...overrides,
  };
}

function diag(d: Partial<Diagnostic> & Pick<Diagnostic, 'rule' | 'message'>): Diagnostic {
  return {
    file: 'yen-son.csv',
    sheet: null,
    row: null,
    column: null,
    severity: 'error',
    taskId: null,
    messageId: 'default',
    data: {},
    ...d,
  };
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const argb = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const noteOf = (c: ExcelJS.Cell) => {
  const n = c.note as string | ExcelJS.Comment | undefined;
  if (!n) return '';
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
};
/** The result table's rows as objects keyed by header. */
function resultRows(ws: ExcelJS.Worksheet, lang: 'vi' | 'en' = 'vi'): Record<string, ExcelJS.CellValue>[] {
  const headers = RESULT_COLUMNS[lang];
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === headers[0] && row.getCell(2).value === headers[1]) headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return out;
}

describe('writeAnnotated — a CSV register', () => {
  const raw: RawWorkbook = {
    kind: 'csv',
    sheets: [
      {
        name: '',
        rowCount: 5,
        columnCount: 4,
        rows: [
          { number: 1, cells: [{ text: 'STT' }, { text: 'Nội dung' }, { text: 'Người chịu trách nhiệm' }, { text: 'Thời hạn' }] },
          { number: 2, cells: [{ text: '1' }, { text: 'Làm đường' }, null, { text: '31/02/2024' }] },
          // line 3 was blank: line 4 must stay on row 4
          { number: 4, cells: [{ text: '2' }, { text: '=1+1' }, { text: 'Nguyễn Văn An' }, { text: 'Quý III/2024' }] },
          { number: 5, cells: [{ text: '3' }, { text: 'Sửa trường' }, { text: 'Lê Thị Hà' }, { text: '30/09/2024', date: '2024-09-30' }] },
        ],
      },
    ],
  };
  const diagnostics: Diagnostic[] = [
    diag({
      rule: 'owner-missing',
      sheet: '',
      row: 2,
      column: 'C',
      taskId: '07651-1',
      message: 'Chưa có người chịu trách nhiệm — ghi tên một cán bộ',
    }),
    diag({ rule: 'invalid-date', sheet: '', row: 2, column: 'D', taskId: '07651-1', message: 'Ngày không có thật: 31/02/2024' }),
    diag({ rule: 'overdue', severity: 'warning', sheet: '', row: 2, column: 'D', taskId: '07651-1', message: 'Quá hạn' }),
    diag({ rule: 'overdue', severity: 'warning', sheet: null, row: 4, column: 'D', taskId: '07651-2', message: 'Quá hạn 5 ngày' }),
    diag({ rule: 'title-missing', sheet: '', row: 5, column: null, taskId: '07651-3', message: 'Thiếu nội dung' }),
    diag({ rule: 'unit-duplicate', message: 'Hai tệp cùng của Xã Yên Sơn' }),
  ];

  // A CSV's copy is made by our own writer (below: the same as exceljs's, cell for cell, which reads
  // a link only through a relationship); these look at exceljs's copy, whose links exceljs reads back.
  it('puts the result sheet first, the records at their own rows, and flags the cells', async () => {
    const out = await writeAnnotated(
      {
        register: register({ workbook: raw }),
        diagnostics,
        outDir: join(dir, 'out'),
        lang: 'vi',
        inputs: [join(dir, 'yen-son.csv')],
      },
      { viaExceljs: true },
    );
    expect(out).toBe(join(dir, 'out', 'yen-son.checked.xlsx'));
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, 'yen-son']);
    expect(wb.keywords).toBe('tiendo-checked');

    const data = wb.getWorksheet('yen-son')!;
    expect(data.getCell('A1').value).toBe('STT');
    expect(data.getCell('B4').value).toBe('=1+1'); // text, never a formula
    expect(data.getCell('B4').type).toBe(ExcelJS.ValueType.String);
    expect(data.getCell('C4').value).toBe('Nguyễn Văn An');
    expect(data.getCell('A3').value).toBeNull();
    const d5 = data.getCell('D5');
    expect(d5.value).toEqual(new Date(Date.UTC(2024, 8, 30)));
    expect(d5.numFmt).toBe('dd/mm/yyyy');

    // error wins over a warning in the same cell; the note lists all its messages
    expect(argb(data.getCell('C2'))).toBe(ERROR_FILL);
    expect(noteOf(data.getCell('C2'))).toBe('[Lỗi] Chưa có người chịu trách nhiệm — ghi tên một cán bộ (owner-missing)');
    expect(argb(data.getCell('D2'))).toBe(ERROR_FILL);
    expect(noteOf(data.getCell('D2'))).toBe('[Lỗi] Ngày không có thật: 31/02/2024 (invalid-date)\n[Cảnh báo] Quá hạn (overdue)');
    // a diagnostic with a row but no sheet is on the task sheet
    expect(argb(data.getCell('D4'))).toBe(WARNING_FILL);
    // no column: the row's first cell
    expect(argb(data.getCell('A5'))).toBe(ERROR_FILL);
    expect(noteOf(data.getCell('A5'))).toContain('(title-missing)');
    // untouched cells
    for (const a of ['A2', 'B2', 'A4', 'C4', 'B5']) {
      expect(argb(data.getCell(a))).toBeUndefined();
      expect(data.getCell(a).note).toBeUndefined();
    }

    const result = at(wb.worksheets, 0, 'sheet');
    const rows = resultRows(result);
    expect(rows).toHaveLength(diagnostics.length);
    // file-level first, then by row and column
    expect(rows.map((r) => r['Quy tắc'])).toEqual([
      'unit-duplicate',
      'owner-missing',
      'invalid-date',
      'overdue',
      'overdue',
      'title-missing',
    ]);
    expect(rows[0]).toMatchObject({ 'Mức độ': 'Lỗi', Dòng: null, Ô: null, 'Nội dung': 'Hai tệp cùng của Xã Yên Sơn' });
    expect(rows[1]).toMatchObject({
      'Mức độ': 'Lỗi',
      'Trang tính': 'yen-son',
      Dòng: 2,
      Cột: 'C',
      'Mã việc': '07651-1',
      Ô: { text: 'C2', hyperlink: "#'yen-son'!C2" },
    });
    expect(rows[5]?.['Ô']).toMatchObject({ text: 'A5', hyperlink: "#'yen-son'!A5" });
    expect(rows[3]?.['Mức độ']).toBe('Cảnh báo');
    // file-level diagnostics are also spelled out above the table
    const above: string[] = [];
    result.eachRow((row) => above.push(String(row.getCell(1).value ?? '')));
    expect(above).toContain('[Lỗi] Hai tệp cùng của Xã Yên Sơn (unit-duplicate)');
  });

  it('freezes and filters the header row and opens on the result sheet', async () => {
    const out = await writeAnnotated({
      register: register({ workbook: raw }),
      diagnostics,
      outDir: dir,
      lang: 'vi',
      inputs: [],
    });
    const wb = await load(out);
    const ws = at(wb.worksheets, 0, 'sheet');
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Mức độ') headerRow = n;
    });
    expect(ws.getRow(headerRow).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.autoFilter).toBeTruthy();
    expect(JSON.stringify(ws.autoFilter)).toContain(String(headerRow));
    expect(ws.getColumn(8).width).toBeGreaterThanOrEqual(30);
    expect(wb.views[0]?.activeTab).toBe(0);
  });

  it('writes English messages and labels with --lang en, keeping the sheet name', async () => {
    const out = await writeAnnotated(
      {
        register: register({ workbook: raw }),
        diagnostics: [diag({ rule: 'owner-missing', sheet: '', row: 2, column: 'C', message: 'No responsible person' })],
        outDir: dir,
        lang: 'en',
        inputs: [],
        name: 'yen-son-2',
      },
      { viaExceljs: true },
    );
    expect(out).toBe(join(dir, 'yen-son-2.checked.xlsx'));
    const wb = await load(out);
    expect(at(wb.worksheets, 0, 'sheet').name).toBe(RESULT_SHEET);
    expect(noteOf(at(wb.worksheets, 1, 'sheet').getCell('C2'))).toBe('[error] No responsible person (owner-missing)');
    expect(resultRows(at(wb.worksheets, 0, 'sheet'), 'en')[0]).toMatchObject({ Severity: 'error', Cell: { text: 'C2' } });
  });

  it("wraps the copy's texts within their rows and prints it on A4 landscape, one page wide", async () => {
    const long = 'Tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân về giải phóng mặt bằng khu dân cư mới';
    const printed: RawWorkbook = {
      kind: 'csv',
      sheets: [
        {
          name: '',
          rowCount: 4,
          columnCount: 4,
          rows: [
            { number: 1, cells: [{ text: 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024' }] },
            { number: 2, cells: [{ text: 'STT' }, { text: 'Nội dung' }, { text: 'Cán bộ\nphụ trách' }, { text: 'Thời hạn' }] },
            {
              number: 3,
              cells: [
                { text: '1', number: 1 },
                { text: long },
                { text: 'Ông Thân Văn Phúc (Bí thư)' },
                { text: '30/09/2024', date: '2024-09-30' },
              ],
            },
            { number: 4, cells: [{ text: '2', number: 2 }, { text: 'Làm đường' }, null, { text: 'Quý III/2024' }] },
          ],
        },
      ],
    };
    const out = await writeAnnotated({
      register: register({ workbook: printed }),
      diagnostics: [diag({ rule: 'invalid-date', sheet: '', row: 4, column: 'D', message: 'Thời hạn chưa rõ ngày' })],
      outDir: dir,
      lang: 'vi',
      inputs: [],
    });
    const ws = at((await load(out)).worksheets, 1, 'sheet');
    for (const a of ['A2', 'B2', 'C2', 'B3', 'C3', 'B4', 'D4']) {
      expect(ws.getCell(a).alignment, a).toMatchObject({ wrapText: true, vertical: 'top' });
    }
    // the flagged cell keeps its wrap under its fill
    expect(ws.getCell('D4').alignment).toMatchObject({ wrapText: true });
    expect(argb(ws.getCell('D4'))).toBe(ERROR_FILL);
    // a title alone on its line runs on over the empty cells, as in the register
    expect(ws.getCell('A1').alignment?.wrapText).toBeFalsy();
    expect(ws.getColumn(1).width).toBeLessThan(10);
    // a long text wraps at a sensible width, its row as tall as its lines
    expect(ws.getColumn(2).width).toBeLessThanOrEqual(30);
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(45);
    expect(ws.getCell('D3').value).toEqual(new Date(Date.UTC(2024, 8, 30)));
    expect(ws.getCell('A3').value).toBe(1);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  it('reads a register again for its copy when its cells were let go after reading, and without them writes the result sheet', async () => {
    const cells: RawWorkbook = {
      kind: 'csv',
      sheets: [{ name: '', rowCount: 2, columnCount: 2, rows: [{ number: 2, cells: [{ text: 'Việc 1' }, { text: 'Nguyễn Văn An' }] }] }],
    };
    const sizes: RawWorkbook = { kind: 'csv', sheets: [{ name: '', rowCount: 2, columnCount: 2, rows: [] }], cellsLetGo: 2 };
    const d = diag({ rule: 'invalid-date', sheet: '', row: 2, column: 'B', message: 'Thời hạn chưa rõ ngày' });
    const asked: string[] = [];
    const again = await writeAnnotated({
      register: register({ workbook: sizes }),
      diagnostics: [d],
      outDir: dir,
      lang: 'vi',
      inputs: [],
      cellsAgain: (r) => {
        asked.push(r.path);
        return Promise.resolve(cells);
      },
    });
    expect(asked).toEqual([join(dir, 'yen-son.csv')]);
    const data = at((await load(again)).worksheets, 1, 'register sheet');
    expect(data.getCell('A2').value).toBe('Việc 1');
    expect(argb(data.getCell('B2'))).toBe(ERROR_FILL);

    // a register too large to hold is streamed from the cells read again
    const streamed = await writeAnnotated(
      {
        register: register({ workbook: sizes }),
        diagnostics: [d],
        outDir: join(dir, 'large'),
        lang: 'vi',
        inputs: [],
        cellsAgain: () => Promise.resolve(cells),
      },
      { inMemoryMaxCells: 1 },
    );
    const large = at((await load(streamed)).worksheets, 1, 'register sheet');
    expect(large.getCell('B2').value).toBe('Nguyễn Văn An');
    expect(argb(large.getCell('B2'))).toBe(ERROR_FILL);

    const gone = await writeAnnotated({
      register: register({ workbook: sizes }),
      diagnostics: [d],
      outDir: join(dir, 'gone'),
      lang: 'vi',
      inputs: [],
    });
    expect((await load(gone)).worksheets.map((ws) => ws.name)).toEqual([RESULT_SHEET]);
  });

  it("lets a register's cells go once it is read, and its copy still holds them (validate --annotate)", async () => {
    const csv = join(dir, '07651_owner-forms.csv');
    await writeFile(csv, await readFile(new URL('../../fixtures/registers/07651_owner-forms.csv', import.meta.url)));
    const { run, annotated } = await validate({ paths: [csv], annotate: join(dir, 'out'), asOf: '2024-09-30', cwd: dir, roster: null });
    const wb = at(run.registers, 0, 'register').workbook;
    expect(wb?.cellsLetGo).toBeGreaterThan(50);
    expect(wb?.sheets.every((s) => s.rows.length === 0)).toBe(true);
    const data = at((await load(at(annotated, 0, 'copy'))).worksheets, 1, 'register sheet');
    expect(data.getCell('B2').value).toBe('Việc 1');
    expect(data.getCell('C9').value).toBe('Nguyễn Văn An, Trần Thị Hà');
  });

  it('makes a message row of the result sheet as tall as its lines, not taller', async () => {
    // words of four letters: a 90-unit column holds 19 of them a line at 0.9 unit a character, 17 at one unit
    const words = (n: number): string => Array.from({ length: n }, () => 'việc').join(' ');
    const short = words(19); // 94 characters: one line
    const long = words(55); // three lines
    const sheet: RawWorkbook = {
      kind: 'csv',
      sheets: [{ name: '', rowCount: 2, columnCount: 2, rows: [{ number: 2, cells: [{ text: 'a' }, { text: 'b' }] }] }],
    };
    const out = await writeAnnotated({
      register: register({ workbook: sheet }),
      diagnostics: [
        diag({ rule: 'invalid-date', sheet: '', row: 2, column: 'A', message: long }),
        diag({ rule: 'invalid-date', sheet: '', row: 2, column: 'B', message: short }),
      ],
      outDir: dir,
      lang: 'vi',
      inputs: [],
    });
    const ws = at((await load(out)).worksheets, 0, 'result sheet');
    const rowOf = (message: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(RESULT_COLUMNS.vi.length).value === message) found = row;
      });
      if (!found) throw new Error(`no row for ${message.slice(0, 20)}…`);
      return found;
    };
    expect(ws.getColumn(RESULT_COLUMNS.vi.length).width).toBe(90);
    expect(rowOf(long).height).toBe(45);
    expect(rowOf(short).height ?? 15).toBe(15);
  });

  it('writes only the result sheet for an unreadable file', async () => {
    const out = await writeAnnotated({
      register: register({ kind: null, workbook: null, unit: null, path: join(dir, 'broken.xls') }),
      diagnostics: [diag({ rule: 'file-unreadable', message: 'Tệp .xls cũ — lưu lại dạng .xlsx' })],
      outDir: dir,
      lang: 'vi',
      inputs: [],
    });
    expect(out).toBe(join(dir, 'broken.checked.xlsx'));
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET]);
    expect(resultRows(at(wb.worksheets, 0, 'sheet'))[0]).toMatchObject({ 'Quy tắc': 'file-unreadable' });
  });
  describe('too large for exceljs: streamed from the cells as read', () => {
    const input = () => ({ register: register({ workbook: raw }), diagnostics, outDir: join(dir, 'out'), lang: 'vi' as const, inputs: [] });
    const sheetXml = async (path: string, n: number): Promise<string> => {
      const { zipEntries, inflateEntry } = await import('../../src/zip/read.js');
      const buf = await readFile(path);
      const entry = zipEntries(buf)!.find((e) => e.name === `xl/worksheets/sheet${n}.xml`)!;
      return inflateEntry(buf, entry).toString('utf8');
    };
    /** Every cell of A1:H12 of every sheet, by sheet: value, and fill colour where there is one. */
    const cellsOf = (wb: ExcelJS.Workbook) =>
      wb.worksheets.map((ws) => {
        const out: Record<string, unknown> = {};
        for (let r = 1; r <= 12; r++) {
          for (let c = 1; c <= 8; c++) {
            const cell = ws.getCell(r, c);
            if (cell.value !== null) out[cell.address] = cell.value;
            if (argb(cell)) out[`${cell.address} fill`] = argb(cell);
          }
        }
        return out;
      });

    it('is how a CSV register is copied, whatever its size: our writer, the result sheet saying how to use it', async () => {
      const path = await writeAnnotated({ ...input(), name: 'csv-default' });
      expect(await sheetXml(path, 1)).toMatch(/<hyperlink ref="F\d+" location="/);
      const wb = await load(path);
      expect(String(at(wb.worksheets, 0, 'sheet').getCell('A4').value)).toContain('Bấm vào địa chỉ ở cột "Ô"');
    });

    it('holds the same sheets, values, links, fills and notes as the copy made with exceljs', async () => {
      const small = await load(await writeAnnotated({ ...input(), name: 'in-memory' }, { viaExceljs: true }));
      const large = await load(await writeAnnotated({ ...input(), name: 'streamed' }, { inMemoryMaxCells: 0 }));
      expect(large.worksheets.map((w) => w.name)).toEqual(small.worksheets.map((w) => w.name));
      expect(large.keywords).toBe('tiendo-checked');
      // exceljs reads a link only through a relationship; ours is the `location` Excel writes for a
      // link inside the workbook, read here from the sheet's XML
      const linkText = (rows: Record<string, ExcelJS.CellValue>[]) =>
        rows.map((r) => ({ ...r, Ô: (r['Ô'] as { text?: string } | null)?.text ?? r['Ô'] }));
      const smallRows = resultRows(at(small.worksheets, 0, 'sheet'));
      expect(resultRows(at(large.worksheets, 0, 'sheet'))).toEqual(linkText(smallRows));
      const xml = await sheetXml(join(dir, 'out', 'streamed.checked.xlsx'), 1);
      const links = [...xml.matchAll(/<hyperlink ref="F(\d+)" location="([^"]+)"\/>/g)].map(([, , location = '']) =>
        location.replace(/&apos;|'/g, "'"),
      );
      expect(links).toEqual(smallRows.filter((r) => r['Ô']).map((r) => (r['Ô'] as { hyperlink: string }).hyperlink.slice(1)));
      const [smallResult, smallData] = cellsOf(small);
      const [largeResult, largeData] = cellsOf(large);
      if (!smallResult || !largeResult) throw new Error('no result sheet');
      expect(largeData).toEqual(smallData);
      // the line that says how to use the copy differs, and the links (above); the rest is the same
      const withoutLinks = (cells: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, (v as { text?: string } | null)?.text ?? v]));
      expect({ ...withoutLinks(largeResult), A4: null }).toEqual({ ...withoutLinks(smallResult), A4: null });
      expect(String(largeResult.A4)).toContain('Tệp có 15 ô');
      const data = at(large.worksheets, 1, 'sheet');
      expect(data.getCell('B4').type).toBe(ExcelJS.ValueType.String); // '=1+1' stays text
      expect(data.getCell('D5').numFmt).toBe('dd/mm/yyyy');
      for (const a of ['C2', 'D2', 'A5']) expect(argb(data.getCell(a)), a).toBe(ERROR_FILL);
      expect(argb(data.getCell('D4'))).toBe(WARNING_FILL);
      for (const a of ['C2', 'D2', 'D4', 'A5'])
        expect(noteOf(data.getCell(a)), a).toBe(noteOf(at(small.worksheets, 1, 'sheet').getCell(a)));
      expect(noteOf(data.getCell('D2'))).toBe('[Lỗi] Ngày không có thật: 31/02/2024 (invalid-date)\n[Cảnh báo] Quá hạn (overdue)');
      for (const a of ['A2', 'B2', 'A4', 'C4', 'B5']) expect(data.getCell(a).note, a).toBeUndefined();
    });

    it('freezes and filters the header row, prints it on every page, and reads back as the register, result sheet aside', async () => {
      const out = await writeAnnotated(input(), { inMemoryMaxCells: 0 });
      const wb = await load(out);
      const ws = at(wb.worksheets, 0, 'sheet');
      let headerRow = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(1).value === 'Mức độ') headerRow = n;
      });
      expect(headerRow).toBeGreaterThan(0);
      expect(ws.getRow(headerRow).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
      expect(JSON.stringify(ws.autoFilter)).toContain(`A${headerRow}`);
      expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
      const { readWorkbook } = await import('../../src/read/file.js');
      const back = await readWorkbook(out, { maxFileBytes: 1e8 });
      expect(back.ok && back.workbook.sheets.map((sh) => sh.name)).toEqual(
        [ws.name === RESULT_SHEET ? at(wb.worksheets, 1, 'sheet').name : ws.name].filter((n) => n !== RESULT_SHEET),
      );
    });

    it('is what registers of more than IN_MEMORY_MAX_CELLS cells get by default', async () => {
      const row = (n: number) => ({ number: n, cells: Array.from({ length: 10 }, (_, i) => ({ text: `${n}-${i}` })) });
      const big: RawWorkbook = {
        kind: 'csv',
        sheets: [{ name: '', rowCount: 20_001, columnCount: 10, rows: Array.from({ length: 20_001 }, (_, i) => row(i + 1)) }],
      };
      expect(20_001 * 10).toBeGreaterThan(IN_MEMORY_MAX_CELLS);
      const out = await writeAnnotated({ ...input(), register: register({ workbook: big }), diagnostics: [at(diagnostics, 0)] });
      const wb = await load(out);
      expect(String(at(wb.worksheets, 0, 'sheet').getCell('A4').value)).toContain('Tệp có 200.010 ô');
      expect(at(wb.worksheets, 1, 'sheet').getCell('J20001').value).toBe('20001-9');
      expect(argb(at(wb.worksheets, 1, 'sheet').getCell('C2'))).toBe(ERROR_FILL);
    });
  });
});

describe('writeAnnotated — an xlsx register', () => {
  async function makeInput(path: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục');
    ws.mergeCells('A1:D1');
    ws.getCell('A1').value = 'ĐẢNG ỦY XÃ YÊN SƠN';
    ws.getCell('A1').font = { bold: true };
    ws.getRow(3).values = ['STT', 'Nội dung', 'Người chịu trách nhiệm', 'Tiến độ (%)', 'Thời hạn'];
    const body: [number, string, string, number, Date][] = [
      [1, 'Làm đường', '', 0.455, new Date(Date.UTC(2024, 8, 30))],
      [2, 'Sửa trường', 'Lê Thị Hà', 1, new Date(Date.UTC(2024, 11, 31))],
      [3, 'Xây nhà văn hóa', 'Trần Văn Bình', 0.2, new Date(Date.UTC(2024, 5, 30))],
    ];
    body.forEach((values, i) => {
      const row = ws.getRow(4 + i);
      row.values = values;
      // identical styles on every body cell: on load they share one style object
      row.eachCell((c) => {
        c.font = { name: 'Times New Roman', size: 12 };
        c.border = { bottom: { style: 'thin' } };
      });
      row.getCell(4).numFmt = '0.0%';
      row.getCell(5).numFmt = 'dd/mm/yyyy';
    });
    ws.getColumn(2).width = 40;
    ws.getColumn(3).width = 25;
    // a section row merged across the table
    ws.mergeCells('A8:E8');
    ws.getCell('A8').value = 'II. Kinh tế';
    const progress = wb.addWorksheet('Tiến độ');
    progress.getRow(1).values = ['Mã việc', 'Ngày báo cáo', 'Tiến độ (%)'];
    progress.getRow(2).values = ['1', 'Tháng 3/2024', 150];
    await wb.xlsx.writeFile(path);
  }

  it('keeps values, merges, widths and formats, and paints only the flagged cells', async () => {
    const input = join(dir, 'yen-son.xlsx');
    await makeInput(input);
    const before = createHash('sha256')
      .update(await readFile(input))
      .digest('hex');
    const diagnostics: Diagnostic[] = [
      diag({ rule: 'owner-missing', sheet: 'Danh mục', row: 4, column: 'C', taskId: '07651-1', message: 'Chưa có người chịu trách nhiệm' }),
      diag({ rule: 'overdue', severity: 'warning', sheet: 'Danh mục', row: 6, column: 'E', taskId: '07651-3', message: 'Quá hạn' }),
      diag({ rule: 'invalid-progress', sheet: 'Tiến độ', row: 2, column: 'C', taskId: '1', message: 'Tiến độ 150 ngoài 0–100' }),
      // a cell inside a merge: the merge's master carries the flag
      diag({ rule: 'title-missing', sheet: 'Danh mục', row: 8, column: 'C', message: 'Dòng không có nội dung' }),
      diag({ rule: 'overdue', severity: 'warning', sheet: 'Danh mục', row: 8, column: 'E', message: 'Cảnh báo trên dòng mục' }),
    ];
    const out = await writeAnnotated({
      register: register({ path: input, displayPath: 'yen-son.xlsx', kind: 'xlsx', sheet: 'Danh mục', headerRow: 3 }),
      diagnostics,
      outDir: join(dir, 'out'),
      lang: 'vi',
      inputs: [input],
    });
    expect(
      createHash('sha256')
        .update(await readFile(input))
        .digest('hex'),
    ).toBe(before);

    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, 'Danh mục', 'Tiến độ']);
    const ws = wb.getWorksheet('Danh mục')!;
    // values, merges, widths, formats
    expect(ws.getCell('A1').value).toBe('ĐẢNG ỦY XÃ YÊN SƠN');
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('C1').master.address).toBe('A1');
    expect(ws.getCell('B4').value).toBe('Làm đường');
    expect(ws.getCell('D4').value).toBe(0.455);
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect(ws.getCell('E4').value).toEqual(new Date(Date.UTC(2024, 8, 30)));
    expect(ws.getCell('E4').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getColumn(3).width).toBe(25);
    expect(ws.getCell('E8').master.address).toBe('A8');

    // flagged, keeping their own font and border
    const c4 = ws.getCell('C4');
    expect(argb(c4)).toBe(ERROR_FILL);
    expect(c4.font?.name).toBe('Times New Roman');
    expect(c4.border?.bottom?.style).toBe('thin');
    expect(noteOf(c4)).toBe('[Lỗi] Chưa có người chịu trách nhiệm (owner-missing)');
    expect(argb(ws.getCell('E6'))).toBe(WARNING_FILL);
    expect(ws.getCell('E6').numFmt).toBe('dd/mm/yyyy');
    expect(argb(ws.getCell('A8'))).toBe(ERROR_FILL);
    // two cells of one merge: one note on the master, the error's fill
    expect(noteOf(ws.getCell('A8'))).toBe('[Lỗi] Dòng không có nội dung (title-missing)\n[Cảnh báo] Cảnh báo trên dòng mục (overdue)');
    expect(argb(wb.getWorksheet('Tiến độ')!.getCell('C2'))).toBe(ERROR_FILL);

    // the shared-style trap: cells that shared C4's style are not painted
    for (const a of ['A4', 'B4', 'D4', 'C5', 'C6', 'E4', 'E5']) {
      expect(argb(ws.getCell(a)), a).toBeUndefined();
      expect(ws.getCell(a).font?.name, a).toBe('Times New Roman');
    }

    const rows = resultRows(at(wb.worksheets, 0, 'sheet'));
    expect(rows.map((r) => r['Ô'])).toEqual([
      { text: 'C4', hyperlink: "#'Danh mục'!C4" },
      { text: 'E6', hyperlink: "#'Danh mục'!E6" },
      { text: 'C8', hyperlink: "#'Danh mục'!C8" },
      { text: 'E8', hyperlink: "#'Danh mục'!E8" },
      { text: 'C2', hyperlink: "#'Tiến độ'!C2" },
    ]);
    expect(rows[0]).toMatchObject({ 'Trang tính': 'Danh mục', Dòng: 4, Cột: 'C', 'Mã việc': '07651-1' });
  });

  it('falls back to the cells as read when exceljs cannot load the file', async () => {
    const input = join(dir, 'odd.xlsx');
    await writeFile(input, 'not a zip');
    const raw: RawWorkbook = {
      kind: 'xlsx',
      sheets: [
        {
          name: 'Danh mục',
          rowCount: 2,
          columnCount: 2,
          rows: [
            { number: 2, cells: [{ text: 'STT' }, { text: 'Tiến độ' }] },
            {
              number: 3,
              cells: [
                { text: '1', number: 1 },
                { text: '45,5%', number: 0.455, percent: true },
              ],
            },
          ],
        },
      ],
    };
    const out = await writeAnnotated({
      register: register({ path: input, kind: 'xlsx', workbook: raw, sheet: 'Danh mục' }),
      diagnostics: [diag({ rule: 'invalid-progress', sheet: 'Danh mục', row: 3, column: 'B', message: 'x' })],
      outDir: dir,
      lang: 'vi',
      inputs: [input],
    });
    const wb = await load(out);
    const ws = wb.getWorksheet('Danh mục')!;
    expect(ws.getCell('A3').value).toBe(1);
    expect(ws.getCell('B3').value).toBe(0.455);
    expect(ws.getCell('B3').numFmt).toBe('0.0%');
    expect(argb(ws.getCell('B3'))).toBe(ERROR_FILL);
  });

  it('streams a workbook of several sheets like the copy made from its cells by exceljs', async () => {
    const input = join(dir, 'odd.xlsx');
    await writeFile(input, 'not a zip'); // exceljs cannot load it: both copies come from the cells read
    const raw: RawWorkbook = {
      kind: 'xlsx',
      sheets: [
        {
          name: 'Danh mục',
          rowCount: 3,
          columnCount: 2,
          rows: [
            { number: 2, cells: [{ text: 'STT' }, { text: 'Tiến độ' }] },
            {
              number: 3,
              cells: [
                { text: '1', number: 1 },
                { text: '45,5%', number: 0.455, percent: true },
              ],
            },
          ],
        },
        {
          name: 'Tiến độ',
          rowCount: 2,
          columnCount: 2,
          rows: [{ number: 1, cells: [{ text: 'Mã việc' }, { text: 'Ngày', date: '2024-09-30' }] }],
        },
      ],
    };
    const diagnostics = [
      diag({ rule: 'invalid-progress', sheet: 'Danh mục', row: 3, column: 'B', message: 'x' }),
      diag({ rule: 'title-missing', sheet: '', row: 3, column: null, message: 'y' }), // no sheet named: the first
      diag({ rule: 'progress-regressed', severity: 'warning', sheet: 'Tiến độ', row: 2, column: 'B', message: 'z' }), // a row not read
      diag({ rule: 'unit-duplicate', message: 'w' }),
    ];
    const args = (name: string) => ({
      register: register({ path: input, kind: 'xlsx' as const, workbook: raw, sheet: 'Danh mục' }),
      diagnostics,
      outDir: dir,
      lang: 'vi' as const,
      inputs: [input],
      name,
    });
    const small = await load(await writeAnnotated(args('a')));
    const large = await load(await writeAnnotated(args('b'), { inMemoryMaxCells: 0 }));
    expect(large.worksheets.map((w) => w.name)).toEqual(small.worksheets.map((w) => w.name));
    for (const name of ['Danh mục', 'Tiến độ']) {
      for (const a of ['A1', 'B1', 'A2', 'B2', 'A3', 'B3']) {
        const [x, y] = [small.getWorksheet(name)!.getCell(a), large.getWorksheet(name)!.getCell(a)];
        expect([y.value, y.numFmt ?? null, argb(y) ?? null, noteOf(y)], `${name}!${a}`).toEqual([
          x.value,
          x.numFmt ?? null,
          argb(x) ?? null,
          noteOf(x),
        ]);
      }
    }
    expect(argb(large.getWorksheet('Tiến độ')!.getCell('B2'))).toBe(WARNING_FILL);
    expect(noteOf(large.getWorksheet('Danh mục')!.getCell('A3'))).toBe('[Lỗi] y (title-missing)');
  });

  it('refuses to write over an input, and leaves it as it was', async () => {
    const input = join(dir, 'yen-son.checked.xlsx');
    await makeInput(input);
    const before = await readFile(input);
    await expect(
      writeAnnotated({
        register: register({ path: input, kind: 'xlsx' }),
        diagnostics: [],
        outDir: dir,
        lang: 'vi',
        inputs: [input],
        name: 'yen-son',
      }),
    ).rejects.toThrow(/Không ghi đè/);
    // also when the clash is with another input of the run
    const other = join(dir, 'a.checked.xlsx');
    await expect(
      writeAnnotated({
        register: register({ path: join(dir, 'a.csv'), workbook: null }),
        diagnostics: [],
        outDir: dir,
        lang: 'vi',
        inputs: [join(dir, 'a.csv'), other],
      }),
    ).rejects.toThrow(/Không ghi đè/);
    expect((await readFile(input)).equals(before)).toBe(true);
  });

  it('replaces a stale result sheet of a checked copy sent back', async () => {
    const input = join(dir, 'again.xlsx');
    await makeInput(input);
    const first = await writeAnnotated({
      register: register({ path: input, kind: 'xlsx' }),
      diagnostics: [diag({ rule: 'owner-missing', sheet: 'Danh mục', row: 4, column: 'C', message: 'm' })],
      outDir: join(dir, 'one'),
      lang: 'vi',
      inputs: [input],
    });
    const second = await writeAnnotated({
      register: register({ path: first, kind: 'xlsx' }),
      diagnostics: [],
      outDir: join(dir, 'two'),
      lang: 'vi',
      inputs: [first],
    });
    const wb = await load(second);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, 'Danh mục', 'Tiến độ']);
    expect(resultRows(at(wb.worksheets, 0, 'sheet'))).toHaveLength(0);
  });
});
