// The annotated copy a unit gets back (SPEC §5 `--annotate DIR`): its register as it was, each cell
// with a diagnostic filled and given a note, behind a first sheet `Kết quả kiểm tra` listing every
// diagnostic with a link to its cell. The input itself is never opened for writing.
// A register of more than IN_MEMORY_MAX_CELLS cells is copied by tiendo's streaming writer instead
// of exceljs (see the last section).
import { safeFileName } from './filename.js';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell, Diagnostic, Lang, RawWorkbook, Register } from '../types.js';
import { CHECKED_MARK, RESULT_SHEET } from '../domain/marks.js';
import { assertNotInput, atomically, writeWorkbookAtomic } from './atomic.js';
import { XlsxWriter, columnLetter, type Cell as OutCell, type SheetOptions, type SheetWriter, type Style } from './xlsx-writer.js';

export { RESULT_SHEET };

/** Fills of a flagged cell (Excel's own "bad" and "neutral" fills). */
export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';

/** The columns of the result table, by language. The last but one holds the link to the cell. */
export const RESULT_COLUMNS: Record<Lang, readonly string[]> = {
  vi: ['Mức độ', 'Quy tắc', 'Trang tính', 'Dòng', 'Cột', 'Ô', 'Mã việc', 'Nội dung'],
  en: ['Severity', 'Rule', 'Sheet', 'Row', 'Column', 'Cell', 'Task id', 'Message'],
};

const TEXT = {
  vi: {
    title: (file: string) => `KẾT QUẢ KIỂM TRA: ${file}`,
    unit: (u: string | null) => `Đơn vị: ${u ?? 'chưa xác định'}`,
    counts: (e: number, w: number) =>
      e + w === 0 ? 'Không có lỗi hoặc cảnh báo nào.' : `Có ${e} lỗi và ${w} cảnh báo.`,
    howTo: 'Bấm vào địa chỉ ở cột "Ô" để đến ô có vấn đề (ô tô đỏ là lỗi, tô vàng là cảnh báo; rê chuột vào ô để xem ghi chú). Sửa trong tệp gốc rồi gửi lại.',
    fileLevel: 'Lỗi của cả tệp:',
    severity: { error: 'Lỗi', warning: 'Cảnh báo' },
    large: (cells: string) =>
      `Tệp có ${cells} ô, quá lớn để chép nguyên định dạng: bản này giữ giá trị các ô, tô màu và ghi chú ô có vấn đề (ô tô đỏ là lỗi, tô vàng là cảnh báo). Bấm vào địa chỉ ở cột "Ô" để đến ô đó. Sửa trong tệp gốc rồi gửi lại.`,
  },
  en: {
    title: (file: string) => `CHECK RESULTS: ${file}`,
    unit: (u: string | null) => `Unit: ${u ?? 'not determined'}`,
    counts: (e: number, w: number) =>
      e + w === 0 ? 'No errors or warnings.' : `${e} error(s) and ${w} warning(s).`,
    howTo: 'Click an address in the "Cell" column to go to the cell (red fill = error, yellow = warning; hover a cell to read its note). Correct the original file and send it again.',
    fileLevel: 'Problems with the whole file:',
    severity: { error: 'error', warning: 'warning' },
    large: (cells: string) =>
      `The file has ${cells} cells, too many to copy with its formatting: this copy keeps the cells' values, and colours and notes the cells with problems (red fill = error, yellow = warning). Click an address in the "Cell" column to go to the cell. Correct the original file and send it again.`,
  },
} as const;

export interface AnnotateInput {
  register: Register;
  /** the diagnostics of this file, messages already in `lang` */
  diagnostics: Diagnostic[];
  outDir: string;
  lang: Lang;
  /** every input path of the run: none is ever overwritten */
  inputs: string[];
  /** the output's base name when two inputs share one; default: the input's name without extension */
  name?: string;
}

/**
 * Above this many cells a register is not loaded into exceljs, which holds ~1.5 KB per cell (a
 * 100,000-row register: 1.4 GB): its copy is streamed from the cells as read (writeStreamedCopy).
 * Registers as units send them have a few hundred cells.
 */
export const IN_MEMORY_MAX_CELLS = 200_000;

/** Writes `outDir/<name>.checked.xlsx` and returns its path. */
export async function writeAnnotated(input: AnnotateInput, opts: { inMemoryMaxCells?: number } = {}): Promise<string> {
  const { register, lang } = input;
  const name = input.name ?? basename(register.path, extname(register.path));
  const target = join(input.outDir, safeFileName(`${name}.checked.xlsx`));
  assertNotInput(target, [...input.inputs, register.path]);
  const cells = cellCount(register.workbook);
  if (cells > (opts.inMemoryMaxCells ?? IN_MEMORY_MAX_CELLS)) {
    await atomically(target, (tmp) => writeStreamedCopy(tmp, input, register.workbook!, cells));
    return target;
  }

  const { wb, sheetOf } = await sourceWorkbook(register);
  const placed = sortPlaced(wb, input.diagnostics.map((d) => ({ d, at: locate(d, wb, sheetOf) })));

  // Paint and annotate each flagged cell once, with all its messages. A merged cell shows its
  // master's fill and note: the cells of one merge are flagged together, on the master.
  const byCell = new Map<string, { ws: ExcelJS.Worksheet; address: string; ds: Diagnostic[] }>();
  for (const { d, at } of placed) {
    if (!at) continue;
    const address = at.ws.getCell(at.address).master.address;
    const key = `${at.ws.id}!${address}`;
    const entry = byCell.get(key) ?? { ws: at.ws, address, ds: [] };
    entry.ds.push(d);
    byCell.set(key, entry);
  }
  for (const { ws, address, ds } of byCell.values()) flagCell(ws, address, ds, lang);

  addResultSheet(wb, register, placed, lang);
  wb.creator = 'tiendo';
  wb.keywords = CHECKED_MARK;
  await writeWorkbookAtomic(wb, target, { mark: false });
  return target;
}

// ───────────────────────────── the source workbook ─────────────────────────────

interface Source {
  wb: ExcelJS.Workbook;
  /** the worksheet name of each sheet name the diagnostics may use */
  sheetOf: Map<string, string>;
}

async function sourceWorkbook(register: Register): Promise<Source> {
  if (register.kind === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.readFile(register.path);
      if (wb.worksheets.length > 0) {
        // A stale result sheet (a checked copy sent back) would clash with the new one.
        const stale = wb.getWorksheet(RESULT_SHEET);
        if (stale) wb.removeWorksheet(stale.id);
        clearOldMarks(wb);
        return { wb, sheetOf: new Map(wb.worksheets.map((ws) => [ws.name, ws.name])) };
      }
    } catch {
      // exceljs cannot load it: fall back to what the reader made of it, if anything.
    }
  }
  return fromRaw(register.workbook, register.path);
}

/** A workbook built from the cells as read: each record at its own row number, so diagnostics still point at it. */
function fromRaw(raw: RawWorkbook | null, path: string): Source {
  const wb = new ExcelJS.Workbook();
  const sheetOf = new Map<string, string>();
  if (!raw) return { wb, sheetOf };
  const used = new Set<string>([RESULT_SHEET.toLowerCase()]);
  for (const sheet of raw.sheets) {
    // A CSV's one sheet has no name: it takes the file's.
    const wanted = sheet.name || basename(path, extname(path));
    const wsName = uniqueSheetName(wanted, used);
    sheetOf.set(sheet.name, wsName);
    const ws = wb.addWorksheet(wsName);
    const widths: number[] = [];
    const wrapped: { row: number; col: number; text: string }[] = [];
    for (const row of sheet.rows) {
      // A text alone on its line (a title, `Tổng cộng: 9 việc`) runs on over the empty cells beside it, as it
      // did in the register; every other cell wraps within its column, so a long note or a line break stays in
      // its own row on paper instead of printing over the next.
      const filled = row.cells.filter((cell) => cell && (cell.text || cell.error)).length;
      row.cells.forEach((cell, i) => {
        if (!cell) return;
        const alone = filled === 1 && !cell.text.includes('\n');
        writeRawCell(ws.getCell(row.number, i + 1), cell, !alone);
        if (alone) return;
        const shown = cell.date ? 10 : Math.max(...(cell.shown ?? cell.text).split('\n').map((l) => l.length));
        widths[i] = Math.max(widths[i] ?? COPY_MIN_WIDTH, Math.min(COPY_MAX_WIDTH, shown + 2));
        if (!cell.date && cell.number === undefined) wrapped.push({ row: row.number, col: i, text: cell.text });
      });
    }
    widths.forEach((w, i) => {
      if (w) ws.getColumn(i + 1).width = w;
    });
    // A row whose text wraps gets the height of its lines: LibreOffice fits on opening only the rows whose text
    // holds a line break, and would print the rest of a wrapped text over the next row.
    const lines = new Map<number, number>();
    for (const { row, col, text } of wrapped) lines.set(row, Math.max(lines.get(row) ?? 1, wrappedLines(text, widths[col])));
    for (const [row, n] of lines) if (n > 1) ws.getRow(row).height = n * COPY_LINE_PT;
    ws.pageSetup = {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
  }
  return { wb, sheetOf };
}

/**
 * Columns of a CSV's copy: wide enough for a short value, and a longer text wraps at about 30 characters, so
 * a register of ten or so columns fits A4 landscape at about 9 pt rather than 7.
 */
const COPY_MIN_WIDTH = 6;
const COPY_MAX_WIDTH = 30;
/** A line of Calibri 11, the copy's font, as Excel spaces it. */
const COPY_LINE_PT = 15;

/**
 * Lines a text takes wrapped word by word in a column `width` units wide; a unit (a digit of Calibri 11) is
 * counted as one character, a little more than a letter takes, so a row is never made too short.
 */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width - 1.5));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      if (used === 0) used = word.length;
      else if (used + 1 + word.length <= perLine) used += 1 + word.length;
      else {
        lines++;
        used = word.length;
      }
      while (used > perLine) {
        lines++;
        used -= perLine;
      }
    }
  }
  return lines;
}

function cellCount(raw: RawWorkbook | null): number {
  let n = 0;
  for (const sheet of raw?.sheets ?? []) for (const row of sheet.rows) for (const c of row.cells) if (c) n++;
  return n;
}

/** Writes a cell as read; `wrap`: its text wraps within the column, top-aligned like the rest of its row. */
function writeRawCell(c: ExcelJS.Cell, cell: Cell, wrap = true): void {
  // a fresh object per cell: a fill added later (flagCell) must not repaint others
  c.alignment = wrap ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
  if (cell.date) {
    const [y, m, d] = cell.date.split('-').map(Number);
    c.value = new Date(Date.UTC(y, m - 1, d));
    c.numFmt = 'dd/mm/yyyy';
  } else if (cell.number !== undefined && !cell.error) {
    c.value = cell.number;
    if (cell.percent) c.numFmt = '0.0%';
  } else {
    // A string is always written as a string: `=SUM(…)` typed in a CSV stays text, never a formula.
    c.value = cell.text || cell.error || '';
  }
}

/** Excel's sheet names: at most 31 characters, none of \ / ? * [ ] :, unique ignoring case. */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = (wanted.replace(/[\\/?*[\]:]/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Dữ liệu').slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

/** `[Lỗi] … (owner-missing)`: a line tiendo put in a note (noteLine), in either language. */
const NOTE_LINE = /^\[(Lỗi|Cảnh báo|error|warning)\] .* \([a-z]+(-[a-z]+)*\)$/;

/**
 * A copy sent back is annotated afresh: the lines tiendo put in its notes are taken out (the
 * unit's own note text stays), and a cell left with none of them loses tiendo's fill. A fill of
 * exactly tiendo's colours on such a cell is taken to be tiendo's: the original fill is not known.
 */
function clearOldMarks(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const text = noteText(cell.note);
        if (!text) return;
        const lines = text.split('\n');
        const kept = lines.filter((l) => !NOTE_LINE.test(l));
        if (kept.length === lines.length) return;
        if (kept.some((l) => l.trim())) cell.note = kept.join('\n');
        else removeNote(cell);
        const fill = cell.fill;
        const argb = fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
        if (argb === ERROR_FILL || argb === WARNING_FILL) {
          const { fill: _ours, ...style } = cell.style;
          cell.style = style;
        }
      });
    });
  }
}

/**
 * exceljs (4.4) has no way to remove a note: a loaded cell keeps it twice, as its comment and in
 * its value's model (both are written back), so both are dropped.
 */
function removeNote(cell: ExcelJS.Cell): void {
  const inner = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  inner._comment = undefined;
  if (inner._value?.model) delete inner._value.model.comment;
}

// ───────────────────────────── locating and flagging ─────────────────────────────

interface Placed {
  d: Diagnostic;
  at: Place | null;
}

interface Place {
  ws: ExcelJS.Worksheet;
  /** the address the diagnostic names (a merged cell's own address, not its master's) */
  address: string;
}

/**
 * The cell a diagnostic names: its sheet (a diagnostic with a row but no sheet is on the register's
 * task sheet), its row, its column (none = column A). Null for a file-level diagnostic, or when the
 * sheet is not in the workbook.
 */
function locate(d: Diagnostic, wb: ExcelJS.Workbook, sheetOf: Map<string, string>): Place | null {
  if (d.row === null || d.row < 1) return null;
  let wsName = d.sheet !== null ? sheetOf.get(d.sheet) : undefined;
  if (wsName === undefined && !d.sheet) wsName = wb.worksheets[0]?.name;
  const ws = wsName !== undefined ? wb.getWorksheet(wsName) : undefined;
  if (!ws) return null;
  const column = d.column && /^[A-Z]{1,3}$/i.test(d.column) ? d.column.toUpperCase() : 'A';
  return { ws, address: `${column}${d.row}` };
}

function flagCell(ws: ExcelJS.Worksheet, address: string, ds: Diagnostic[], lang: Lang): void {
  const cell = ws.getCell(address);
  const argb = ds.some((d) => d.severity === 'error') ? ERROR_FILL : WARNING_FILL;
  // Styles of a loaded workbook are shared between cells: give this cell its own copy, never mutate.
  cell.style = {
    ...cell.style,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } },
  };
  const lines = ds.map((d) => noteLine(d, lang));
  const before = noteText(cell.note);
  cell.note = {
    texts: [{ text: [before, ...lines].filter(Boolean).join('\n') }],
    margins: { insetmode: 'auto' },
  } as ExcelJS.Comment;
}

/** `[Lỗi] Chưa có người chịu trách nhiệm — … (owner-missing)` */
export function noteLine(d: Diagnostic, lang: Lang): string {
  return `[${TEXT[lang].severity[d.severity]}] ${d.message} (${d.rule})`;
}

function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

// ───────────────────────────── the result sheet ─────────────────────────────

function addResultSheet(
  wb: ExcelJS.Workbook,
  register: Register,
  placed: Placed[],
  lang: Lang,
): void {
  const t = TEXT[lang];
  const ws = wb.addWorksheet(RESULT_SHEET);
  // First in the tab order (exceljs orders sheets by `orderNo`, which its typings omit), and the one
  // that opens; no other tab stays selected, or Excel would open the sheets grouped.
  const ordered = (w: ExcelJS.Worksheet) => w as ExcelJS.Worksheet & { orderNo: number };
  ordered(ws).orderNo = Math.min(0, ...wb.worksheets.filter((w) => w !== ws).map((w) => ordered(w).orderNo)) - 1;
  for (const other of wb.worksheets) {
    for (const v of other.views ?? []) (v as { tabSelected?: boolean }).tabSelected = false;
  }
  const view: ExcelJS.WorkbookView = { x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible', firstSheet: 0, activeTab: 0 };
  wb.views = [{ ...view, ...(wb.views?.[0] ?? {}), firstSheet: 0, activeTab: 0 }];

  const errors = placed.filter((p) => p.d.severity === 'error').length;
  const warnings = placed.length - errors;
  const unit = register.unit ? `${register.unit.name} (${register.unit.code})` : null;

  ws.addRow([t.title(register.displayPath)]).font = { bold: true, size: 13 };
  ws.addRow([t.unit(unit)]);
  ws.addRow([t.counts(errors, warnings)]).font = { bold: true };
  ws.addRow([t.howTo]).font = { italic: true };

  const fileLevel = placed.filter((p) => p.d.row === null);
  if (fileLevel.length > 0) {
    ws.addRow([]);
    ws.addRow([t.fileLevel]).font = { bold: true };
    for (const { d } of fileLevel) {
      const row = ws.addRow([noteLine(d, lang)]);
      row.getCell(1).fill = solid(d.severity === 'error' ? ERROR_FILL : WARNING_FILL);
    }
  }
  ws.addRow([]);

  const header = ws.addRow([...RESULT_COLUMNS[lang]]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = solid('FFD9E1F2');
    c.border = { bottom: { style: 'thin' } };
    c.alignment = { vertical: 'middle', wrapText: true };
  });
  const headerRow = header.number;

  for (const { d, at } of placed) {
    const row = ws.addRow([
      t.severity[d.severity],
      d.rule,
      at ? at.ws.name : d.sheet || null,
      d.row,
      d.row !== null ? (at ? at.address.replace(/\d+$/, '') : d.column) : null,
      at ? { text: at.address, hyperlink: `#${quoteSheet(at.ws.name)}!${at.address}` } : null,
      d.taskId,
      d.message,
    ]);
    row.alignment = { vertical: 'top' };
    row.getCell(1).fill = solid(d.severity === 'error' ? ERROR_FILL : WARNING_FILL);
    for (const i of [4, 5, 6]) row.getCell(i).alignment = { vertical: 'top', horizontal: 'center' };
    if (at) row.getCell(6).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  }

  // `tabSelected` is written by exceljs but missing from its typings.
  const frozen: Partial<ExcelJS.WorksheetView> & { tabSelected: boolean } = {
    state: 'frozen', ySplit: headerRow, activeCell: `A${headerRow + 1}`, tabSelected: true,
  };
  ws.views = [frozen];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + placed.length, column: RESULT_COLUMNS[lang].length } };
  fitWidths(ws, headerRow);
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
}

/** Widths that fit the table (the lines above it may overflow to the right, as titles do). */
function fitWidths(ws: ExcelJS.Worksheet, headerRow: number): void {
  const max: number[] = [];
  ws.eachRow((row, n) => {
    if (n < headerRow) return;
    row.eachCell((c, col) => {
      max[col] = Math.max(max[col] ?? 0, c.text.length);
    });
  });
  const last = max.length - 1;
  max.forEach((len, col) => {
    ws.getColumn(col).width = col === last ? Math.min(90, Math.max(30, len + 2)) : Math.min(30, Math.max(6, len + 2));
  });
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** `'Danh mục'` — quoted always, an apostrophe doubled, as Excel writes references. */
function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// ───────────────────────────── order ─────────────────────────────

/** File-level first, then by sheet (tab order), row and column; ties keep the order given. */
function sortPlaced(wb: ExcelJS.Workbook, placed: Placed[]): Placed[] {
  const sheetRank = new Map(wb.worksheets.map((ws, i) => [ws.id, i]));
  const key = ({ d, at }: Placed): number[] => [
    d.row === null ? 0 : 1,
    at ? sheetRank.get(at.ws.id) ?? 0 : -1,
    d.row ?? 0,
    columnNumber(d.column),
  ];
  return placed
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => {
      for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return a.k[j] - b.k[j];
      return a.i - b.i;
    })
    .map((x) => x.p);
}

function columnNumber(letters: string | null): number {
  if (!letters) return 0;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

// ───────────────────────────── registers too large for exceljs ─────────────────────────────

/** Where a diagnostic points in the streamed copy: the copy's sheet, row and 1-based column. */
interface RawPlace {
  sheet: number;
  wsName: string;
  row: number;
  col: number;
  address: string;
}

/**
 * The annotated copy of a very large register, written row by row from the cells as read: the
 * result sheet first (the same table, each address a link), then each sheet with its cells' values
 * at their own rows and columns, the flagged cells filled and noted. Not the original's formatting
 * or merges: exceljs would hold the whole register in memory to keep them.
 */
async function writeStreamedCopy(tmp: string, input: AnnotateInput, raw: RawWorkbook, cells: number): Promise<void> {
  const { register, lang } = input;
  const t = TEXT[lang];
  const used = new Set<string>([RESULT_SHEET.toLowerCase()]);
  const names = raw.sheets.map((sheet) => uniqueSheetName(sheet.name || basename(register.path, extname(register.path)), used));
  const sheetIndex = new Map(raw.sheets.map((sheet, i) => [sheet.name, i]));

  const placed = input.diagnostics.map((d) => ({ d, at: rawPlace(d, sheetIndex, names) }));
  const rank = ({ d, at }: { d: Diagnostic; at: RawPlace | null }): number[] => [d.row === null ? 0 : 1, at ? at.sheet : -1, d.row ?? 0, columnNumber(d.column)];
  const sorted = placed.map((p, i) => ({ p, i, k: rank(p) })).sort((a, b) => {
    for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return a.k[j] - b.k[j];
    return a.i - b.i;
  }).map((x) => x.p);
  // the diagnostics on each flagged cell, by sheet then row then column
  const flagged = raw.sheets.map(() => new Map<number, Map<number, Diagnostic[]>>());
  for (const { d, at } of sorted) {
    if (!at) continue;
    const rows = flagged[at.sheet];
    const cols = rows.get(at.row) ?? new Map<number, Diagnostic[]>();
    cols.set(at.col, [...(cols.get(at.col) ?? []), d]);
    rows.set(at.row, cols);
  }

  const table = resultTable(sorted);
  const wb = await XlsxWriter.create(tmp, {
    sheets: [{ name: RESULT_SHEET, printTitleRows: `${table.headerRow}:${table.headerRow}` }, ...names.map((name, i) => ({ name, notes: flagged[i].size > 0 }))],
    font: { name: 'Calibri', size: 11 },
    title: t.title(register.displayPath),
    creator: 'tiendo',
    keywords: CHECKED_MARK,
  });
  try {
    const errors = sorted.filter((p) => p.d.severity === 'error').length;
    const unit = register.unit ? `${register.unit.name} (${register.unit.code})` : null;
    await writeResultSheet(wb, [t.title(register.displayPath), t.unit(unit), t.counts(errors, sorted.length - errors), t.large(cells.toLocaleString('vi-VN'))], table, lang);
    for (const [i, sheet] of raw.sheets.entries()) await writeRawSheet(wb, sheet, flagged[i], lang);
    await wb.close();
  } catch (e) {
    await wb.abort();
    throw e;
  }
}

function rawPlace(d: Diagnostic, sheetIndex: Map<string, number>, names: string[]): RawPlace | null {
  if (d.row === null || d.row < 1) return null;
  // no sheet named (or a CSV's nameless one): the register's first, its task sheet
  const sheet = d.sheet ? sheetIndex.get(d.sheet) : 0;
  if (sheet === undefined || sheet >= names.length) return null;
  const column = d.column && /^[A-Z]{1,3}$/i.test(d.column) ? d.column.toUpperCase() : 'A';
  return { sheet, wsName: names[sheet], row: d.row, col: columnNumber(column), address: `${column}${d.row}` };
}

/** A4 landscape, as wide as the page, as the exceljs copies print. */
const COPY_PAGE: SheetOptions['page'] = {
  landscape: true, paperSize: 9, fitToWidth: 1, fitToHeight: 0, horizontalCentered: false,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

interface ResultTable {
  /** the rows above the table after the four lines of text: file-level problems */
  fileLevel: Diagnostic[];
  rows: { d: Diagnostic; at: RawPlace | null }[];
  headerRow: number;
}

function resultTable(placed: { d: Diagnostic; at: RawPlace | null }[]): ResultTable {
  const fileLevel = placed.filter((p) => p.d.row === null).map((p) => p.d);
  // four lines of text, then (file-level: a blank, a heading, the lines), a blank, the header
  const headerRow = 4 + (fileLevel.length ? 2 + fileLevel.length : 0) + 2;
  return { fileLevel, rows: placed, headerRow };
}

async function writeResultSheet(wb: XlsxWriter, lines: string[], table: ResultTable, lang: Lang): Promise<void> {
  const t = TEXT[lang];
  const columns = RESULT_COLUMNS[lang];
  const look = (s: Style) => wb.style({ wrap: false, ...s });
  const fill = (sev: Diagnostic['severity']) => (sev === 'error' ? ERROR_FILL : WARNING_FILL);
  const cellsOf = (r: { d: Diagnostic; at: RawPlace | null }) => {
    const { d, at } = r;
    return [
      t.severity[d.severity], d.rule, at ? at.wsName : d.sheet || null, d.row,
      d.row !== null ? (at ? columnLetter(at.col) : d.column) : null, at ? at.address : null, d.taskId, d.message,
    ];
  };
  const longest = columns.map((h) => h.length);
  for (const r of table.rows) cellsOf(r).forEach((v, i) => (longest[i] = Math.max(longest[i], String(v ?? '').length)));
  const widths = longest.map((len, i) => (i === columns.length - 1 ? Math.min(90, Math.max(30, len + 2)) : Math.min(30, Math.max(6, len + 2))));
  const ws = wb.sheet({
    widths,
    frozenRows: table.headerRow,
    page: COPY_PAGE,
  });
  const row = async (r: number, values: (string | number | null)[], styles: number[]): Promise<void> => {
    const cells: OutCell[] = values.map((value, i) => ({ col: i + 1, value, style: styles[i] ?? 0 }));
    const flushed = ws.row(r, cells.filter((c) => c.value !== null || c.style));
    if (flushed) await flushed;
  };
  await row(1, [lines[0]], [look({ bold: true, size: 13 })]);
  await row(2, [lines[1]], []);
  await row(3, [lines[2]], [look({ bold: true })]);
  await row(4, [lines[3]], [look({ italic: true })]);
  let r = 5;
  if (table.fileLevel.length) {
    r++;
    await row(r++, [t.fileLevel], [look({ bold: true })]);
    for (const d of table.fileLevel) await row(r++, [noteLine(d, lang)], [look({ fill: fill(d.severity) })]);
  }
  r++;
  const head = look({ bold: true, fill: 'FFD9E1F2', border: true, wrap: true });
  await row(r, [...columns], columns.map(() => head));
  const plain = look({});
  const centred = look({ horizontal: 'center' });
  const link = look({ horizontal: 'center', color: 'FF0563C1', underline: true });
  const message = look({ wrap: true });
  const bySeverity = { error: look({ fill: ERROR_FILL }), warning: look({ fill: WARNING_FILL }) };
  for (const p of table.rows) {
    r++;
    const values = cellsOf(p);
    await row(r, values, [bySeverity[p.d.severity], plain, plain, centred, centred, p.at ? link : centred, plain, message]);
    if (p.at) ws.link(`F${r}`, `${quoteSheet(p.at.wsName)}!${p.at.address}`);
  }
  ws.autoFilter(`A${table.headerRow}:${columnLetter(columns.length)}${Math.max(r, table.headerRow)}`);
  await ws.end();
}

/** One sheet of the register: every cell read at its row and column, the flagged ones filled and noted. */
async function writeRawSheet(wb: XlsxWriter, sheet: RawWorkbook['sheets'][number], flagged: Map<number, Map<number, Diagnostic[]>>, lang: Lang): Promise<void> {
  const widths: number[] = [];
  for (const row of sheet.rows) {
    row.cells.forEach((cell, i) => {
      if (!cell) return;
      let len = 0;
      for (const line of cell.text.split('\n')) len = Math.max(len, line.length);
      widths[i] = Math.max(widths[i] ?? 8, Math.min(50, len) + 2);
    });
  }
  for (let i = 0; i < widths.length; i++) widths[i] ??= 8;
  const ws: SheetWriter = wb.sheet({
    widths,
    frozenRows: 0,
    page: COPY_PAGE,
  });
  // style ids by kind of value and severity, made as first needed (0: no style)
  const styles = new Map<string, number>();
  const styleOf = (kind: 'text' | 'date' | 'number' | 'percent', sev: Diagnostic['severity'] | undefined): number => {
    const key = `${kind}|${sev ?? ''}`;
    let id = styles.get(key);
    if (id === undefined) {
      const numFmt = kind === 'date' ? 'dd/mm/yyyy' : kind === 'percent' ? '0.0%' : undefined;
      const fill = sev === 'error' ? ERROR_FILL : sev === 'warning' ? WARNING_FILL : undefined;
      id = numFmt || fill ? wb.style({ size: 11, numFmt, fill, wrap: false }) : 0;
      styles.set(key, id);
    }
    return id;
  };
  // the rows read and the rows only a diagnostic names, in order
  const numbers = [...new Set([...sheet.rows.map((row) => row.number), ...flagged.keys()])].sort((a, b) => a - b);
  const byNumber = new Map(sheet.rows.map((row) => [row.number, row]));
  for (const n of numbers) {
    const row = byNumber.get(n);
    const marks = flagged.get(n);
    const out: OutCell[] = [];
    const last = Math.max(row?.cells.length ?? 0, ...(marks ? marks.keys() : []));
    for (let col = 1; col <= last; col++) {
      const cell = row?.cells[col - 1] ?? null;
      const ds = marks?.get(col);
      if (!cell && !ds) continue;
      // an error wins over a warning in the same cell; the note lists every message
      const sev = ds ? (ds.some((d) => d.severity === 'error') ? 'error' : 'warning') : undefined;
      out.push(rawCell(col, cell, sev, styleOf));
      if (ds) ws.note(n, col, ds.map((d) => noteLine(d, lang)).join('\n'));
    }
    if (!out.length) continue;
    const flushed = ws.row(n, out);
    if (flushed) await flushed;
  }
  await ws.end();
}

function rawCell(col: number, cell: Cell | null, sev: Diagnostic['severity'] | undefined, styleOf: (kind: 'text' | 'date' | 'number' | 'percent', sev: Diagnostic['severity'] | undefined) => number): OutCell {
  if (!cell) return { col, value: null, style: styleOf('text', sev) };
  if (cell.date) {
    const [y, m, d] = cell.date.split('-').map(Number);
    return { col, value: new Date(Date.UTC(y, m - 1, d)), style: styleOf('date', sev) };
  }
  if (cell.number !== undefined && !cell.error) return { col, value: cell.number, style: styleOf(cell.percent ? 'percent' : 'number', sev) };
  // A string is always written as a string: `=SUM(…)` stays text, never a formula.
  return { col, value: cell.text || cell.error || '', style: styleOf('text', sev) };
}
