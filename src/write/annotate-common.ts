// What the renderings of an annotated copy share (./annotate.ts): the result sheet's words and
// columns, the fills, the note lines, the names of sheets, the order of diagnostics, the layout of a
// sheet copied from its cells.
import type { Diagnostic, Lang, RawWorkbook, Register, Sheet, SheetRow } from '../types.js';
import { RESULT_SHEET } from '../domain/marks.js';
import { columnNumber as lettersToNumber } from '../domain/cell-ref.js';

export { RESULT_SHEET };

/** Fills of a flagged cell (Excel's own "bad" and "neutral" fills). */
export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';

/** The columns of the result table, by language. The last but one holds the link to the cell. */
export const RESULT_COLUMNS: Record<Lang, readonly string[]> = {
  vi: ['Mức độ', 'Quy tắc', 'Trang tính', 'Dòng', 'Cột', 'Ô', 'Mã việc', 'Nội dung'],
  en: ['Severity', 'Rule', 'Sheet', 'Row', 'Column', 'Cell', 'Task id', 'Message'],
};

export const TEXT = {
  vi: {
    title: (file: string) => `KẾT QUẢ KIỂM TRA: ${file}`,
    unit: (u: string | null) => `Đơn vị: ${u ?? 'chưa xác định'}`,
    counts: (e: number, w: number) => (e + w === 0 ? 'Không có lỗi hoặc cảnh báo nào.' : `Có ${e} lỗi và ${w} cảnh báo.`),
    howTo:
      'Bấm vào địa chỉ ở cột "Ô" để đến ô có vấn đề (ô tô đỏ là lỗi, tô vàng là cảnh báo; rê chuột vào ô để xem ghi chú). Sửa trong tệp gốc rồi gửi lại.',
    fileLevel: 'Lỗi của cả tệp:',
    severity: { error: 'Lỗi', warning: 'Cảnh báo' },
    large: (cells: string) =>
      `Tệp có ${cells} ô, quá lớn để chép nguyên định dạng: bản này giữ giá trị các ô, tô màu và ghi chú ô có vấn đề (ô tô đỏ là lỗi, tô vàng là cảnh báo). Bấm vào địa chỉ ở cột "Ô" để đến ô đó. Sửa trong tệp gốc rồi gửi lại.`,
  },
  en: {
    title: (file: string) => `CHECK RESULTS: ${file}`,
    unit: (u: string | null) => `Unit: ${u ?? 'not determined'}`,
    counts: (e: number, w: number) => (e + w === 0 ? 'No errors or warnings.' : `${e} error(s) and ${w} warning(s).`),
    howTo:
      'Click an address in the "Cell" column to go to the cell (red fill = error, yellow = warning; hover a cell to read its note). Correct the original file and send it again.',
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
  /** the same check made once for many copies (atomic.ts inputGuard); default: made from `inputs` */
  notInput?: (target: string) => void;
  /** the output's base name when two inputs share one; default: the input's name without extension */
  name?: string;
  /**
   * reads the register's cells again when they were let go after reading (RawWorkbook.cellsLetGo;
   * read-register.ts readCellsAgain); without it, or when the file can no longer be read, a copy that
   * needs them holds the result sheet only
   */
  cellsAgain?: (register: Register) => Promise<RawWorkbook | null>;
  /** the check of the copy's folder before it is written (atomic.ts atomically); default: made for every copy */
  folder?: (target: string) => void;
}

/**
 * Above this many cells a register is not held in memory (exceljs would hold every cell as objects, far
 * beyond the memory bound for a register of 100,000 rows): its copy is streamed from the cells as read
 * (writeStreamedCopy).
 * Registers as units send them have a few hundred cells.
 */
export const IN_MEMORY_MAX_CELLS = 200_000;

export function cellCount(raw: RawWorkbook | null): number {
  if (raw?.cellsLetGo !== undefined) return raw.cellsLetGo;
  let n = 0;
  for (const sheet of raw?.sheets ?? []) for (const row of sheet.rows) for (const c of row.cells) if (c) n++;
  return n;
}

/** Excel's sheet names: at most 31 characters, none of \ / ? * [ ] :, unique ignoring case. */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = (
    wanted
      .replace(/[\\/?*[\]:]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Dữ liệu'
  ).slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

/** `[Lỗi] … (owner-missing)`: a line tiendo put in a note (noteLine), in either language. */
export const NOTE_LINE_PATTERN = /^\[(Lỗi|Cảnh báo|error|warning)\] .* \([a-z]+(-[a-z]+)*\)$/;

/** `[Lỗi] Chưa có người chịu trách nhiệm — … (owner-missing)` */
export function noteLine(d: Diagnostic, lang: Lang): string {
  return `[${TEXT[lang].severity[d.severity]}] ${d.message} (${d.rule})`;
}

/** `'Danh mục'` — quoted always, an apostrophe doubled, as Excel writes references. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A column's number, 0 for none. */
export function columnNumber(letters: string | null): number {
  return letters ? lettersToNumber(letters) : 0;
}

// ───────────────────────────── the layout of a copied sheet ─────────────────────────────

/**
 * Columns of a CSV's copy: wide enough for a short value, and a longer text wraps at about 30 characters, so
 * a register of ten or so columns fits A4 landscape at about 9 pt rather than 7.
 */
const COPY_MIN_WIDTH = 6;
const COPY_MAX_WIDTH = 30;
/** A line of Calibri 11, the copy's font, as Excel spaces it. */
export const COPY_LINE_PT = 15;
/**
 * tiendo's own messages in the result sheet — mixed case, file paths — take about 0.83 unit a character in
 * Calibri 11 (a 90-unit column holds ~108 characters a line in LibreOffice with Calibri's metric twin);
 * counted at 0.9, a message's row is as tall as its lines with a little room, where one unit a character
 * gave a three-line message five lines.
 */
export const MESSAGE_UNITS_PER_CHAR = 0.9;

/**
 * Lines a text takes wrapped word by word in a column `width` units wide, each character taking `unitsPerChar`
 * units (a digit of Calibri 11). One unit, a little more than a letter takes, suits any cell: a row is never made
 * too short, even for a text in capitals.
 */
export function wrappedLines(text: string, width: number, unitsPerChar = 1): number {
  const perLine = Math.max(1, Math.floor((width - 1.5) / unitsPerChar));
  // most cells are shorter than a line: one line, without splitting them into words
  if (text.length <= perLine && !text.includes('\n')) return 1;
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

export interface CopyLayout {
  /** each column's width (0-based), undefined where no cell sets one */
  widths: number[];
  /** the rows whose wrapped text needs more than one line, with their height in points */
  heights: Map<number, number>;
  /** whether the cell at (row, 0-based column) wraps */
  wraps(row: SheetRow, col: number): boolean;
}

/**
 * How a sheet copied from the cells as read prints: a text alone on its line (a title, `Tổng cộng: 9
 * việc`) runs on over the empty cells beside it, as it did in the register; every other cell wraps
 * within its column, so a long note or a line break stays in its own row on paper instead of printing
 * over the next; a row whose text wraps gets the height of its lines (LibreOffice fits on opening only
 * the rows whose text holds a line break, and would print the rest of a wrapped text over the next row).
 */
export function copyLayout(sheet: Sheet): CopyLayout {
  const widths: number[] = [];
  const wrapped: { row: number; col: number; text: string }[] = [];
  const alone = new Set<SheetRow>();
  for (const row of sheet.rows) {
    let filled = 0;
    for (const cell of row.cells) if (cell && (cell.text || cell.error)) filled++;
    row.cells.forEach((cell, i) => {
      if (!cell) return;
      if (filled === 1 && !cell.text.includes('\n')) {
        alone.add(row);
        return;
      }
      const t = cell.shown ?? cell.text;
      const shown = cell.date ? 10 : t.includes('\n') ? Math.max(...t.split('\n').map((l) => l.length)) : t.length;
      widths[i] = Math.max(widths[i] ?? COPY_MIN_WIDTH, Math.min(COPY_MAX_WIDTH, shown + 2));
      if (!cell.date && cell.number === undefined) wrapped.push({ row: row.number, col: i, text: cell.text });
    });
  }
  const lines = new Map<number, number>();
  for (const { row, col, text } of wrapped)
    lines.set(row, Math.max(lines.get(row) ?? 1, wrappedLines(text, widths[col] ?? COPY_MIN_WIDTH)));
  const heights = new Map<number, number>();
  for (const [row, n] of lines) if (n > 1) heights.set(row, n * COPY_LINE_PT);
  return { widths, heights, wraps: (row) => !alone.has(row) };
}

/**
 * The diagnostics in the order of the result sheet: by the keys given (those of the whole file first,
 * then by sheet, row and column), a tie kept in the order it came (a stable sort on keys made once).
 */
export function sortByKeys<T>(items: T[], key: (item: T) => number[]): T[] {
  return items
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => {
      for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return (a.k[j] ?? 0) - (b.k[j] ?? 0);
      return a.i - b.i;
    })
    .map((x) => x.p);
}
