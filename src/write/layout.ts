// The geometry of a summary sheet as printed: how wide each column is, how many lines a text takes
// in it (the row heights), where the table's header row stands and the A4 page it is fitted to.
// Widths are in Excel's units (one digit of the default font, Calibri 11: about 5.5 pt).
import type { SheetOptions } from './xlsx-writer.js';
import type { Kind, SheetSpec, Value } from './sheet-model.js';
import { SHEET_NAMES } from './sheet-model.js';

export const FONT = 'Times New Roman';
export type Align = 'left' | 'center' | 'right';

// Measured on LibreOffice's rendering with Calibri's metric twin (Carlito) installed, mixed-case Vietnamese in Times New Roman 12 takes
// about 0.92 unit a character, bold about 1.0; a margin keeps wrapped text from clipping. (Without Calibri or
// Carlito, LibreOffice falls back to a wider font, its units grow by a third and every text looks roomier.)
export const CHAR = 1.0;
export const BOLD_CHAR = 1.1;
export const LINE_PT = 16.5;
export const NUM_FMT: Record<Kind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  rate: '0.0',
  points: '+0.0;-0.0;0.0',
  num: '0.##',
  date: 'dd/mm/yyyy',
};

/** How many characters a value takes as shown (`1.234` with its group mark, a date as dd/mm/yyyy). */
function shownLength(v: Value, kind: Kind): number {
  if (v == null) return 0;
  if (v instanceof Date || kind === 'date') return 10;
  if (typeof v === 'string') return v.length;
  if (kind === 'rate') return v.toFixed(1).length;
  if (kind === 'points') return v.toFixed(1).length + (v > 0 ? 1 : 0);
  if (kind !== 'int') return String(v).length;
  const digits = String(Math.trunc(Math.abs(v))).length;
  return digits + Math.floor((digits - 1) / 3) + (v < 0 ? 1 : 0);
}

/** Lines a text takes when wrapped at `width` units, word by word. */
export function linesOf(s: string, width: number, factor = CHAR): number {
  const perLine = Math.max(1, Math.floor((width - 1.5) / factor));
  return s.length <= perLine && !s.includes('\n') ? 1 : wrappedLines(s, perLine);
}

/** Lines of `s` at `perLine` characters a line, word by word; a word longer than a line is split. */
function wrappedLines(s: string, perLine: number): number {
  const n = s.length;
  let lines = 1;
  let used = 0;
  let start = 0;
  let newline = s.indexOf('\n');
  if (newline < 0) newline = n;
  // a word ends at a space, a line break or the end; found by indexOf, word by word
  for (;;) {
    if (newline < start) {
      newline = s.indexOf('\n', start);
      if (newline < 0) newline = n;
    }
    let end = s.indexOf(' ', start);
    if (end < 0 || end > newline) end = newline;
    const w = end - start;
    if (used === 0) used = w;
    else if (used + 1 + w <= perLine) used += 1 + w;
    else {
      lines++;
      used = w;
    }
    while (used > perLine) {
      lines++;
      used -= perLine;
    }
    if (end === n) return lines;
    if (end === newline) {
      lines++;
      used = 0;
    }
    start = end + 1;
  }
}

/**
 * linesOf at one width, for the cells of a column: a text shorter than a line is one line at once, and
 * one the same as the row above's (its unit, its file) is not measured again.
 */
export function lineCounter(width: number, factor: number): (s: string) => number {
  const perLine = Math.max(1, Math.floor((width - 1.5) / factor));
  let last = '';
  let lastLines = 1;
  return (s) => {
    if (s.length <= perLine && !s.includes('\n')) return 1;
    if (s !== last) {
      last = s;
      lastLines = wrappedLines(s, perLine);
    }
    return lastLines;
  };
}

/** Column widths are fitted to the first rows this many: enough to see every kind of value, cheap on 100,000 rows. */
export const WIDTH_SAMPLE = 5000;

/** Every column's width is fixed (min = max): the rows need not be looked at. */
export const fixedWidths = (spec: SheetSpec): boolean => spec.columns.every((c) => c.min === c.max);

export function fitWidths(spec: SheetSpec, minTotal: number): number[] {
  const { columns } = spec;
  const longest = columns.map(() => 0);
  let seen = 0;
  for (const r of fixedWidths(spec) ? [] : spec.rows) {
    if (++seen > WIDTH_SAMPLE) break;
    if (r.kind === 'section') continue;
    columns.forEach((c, i) => {
      longest[i] = Math.max(longest[i] ?? 0, shownLength(r.values[i] ?? null, c.kind));
    });
  }
  // a character's width follows the font size
  const k = (spec.size ?? 12) / 12;
  const widths = columns.map((c, i) => {
    const longestWord = Math.max(...c.header.split(/\s+/).map((w) => [...w].length));
    const need = Math.max(
      Math.max(longestWord, [...c.header].length / 3) * BOLD_CHAR * k,
      (longest[i] ?? 0) * CHAR * k + (c.kind === 'text' ? 1.5 : 0),
    );
    return Math.min(c.max, Math.max(c.min, Math.ceil(need + 2)));
  });
  const total = widths.reduce((a, b) => a + b, 0);
  const flex = columns.filter((c) => c.flex).length;
  if (total >= minTotal || !flex) return widths;
  const extra = Math.ceil((minTotal - total) / flex);
  return widths.map((w, i) => (columns[i]?.flex ? w + extra : w));
}

/** The sheet that carries the Party letterhead (36-HD/VPTW): the page that is signed. */
export const LETTERHEAD_SHEET: string = SHEET_NAMES[0];
/** The table's header row: under the letterhead on `Tổng hợp`, under a plain two-line title elsewhere. */
const HEADER_ROW = 9;
const PLAIN_HEADER_ROW = 4;
export const headerRowOf = (sheet: string): number => (sheet === LETTERHEAD_SHEET ? HEADER_ROW : PLAIN_HEADER_ROW);

export const PAGE: SheetOptions['page'] = {
  paperSize: 9,
  landscape: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

/**
 * A chart's height in rows of the default 15 pt: what is left of a landscape page under the repeated
 * header row once the sheet is scaled to the page's width, less a margin for how each program measures,
 * and no taller than half its width is wide.
 */
export function chartRows(widths: number[], headerHeight: number): number {
  const m = PAGE.margins;
  // A4 landscape in points, less the margins (inches)
  const pageWidth = 842 - (m.left + m.right) * 72;
  const pageHeight = 595 - (m.top + m.bottom) * 72;
  // a column of width w takes about 7w + 5 pixels of 3/4 pt
  const sheetWidth = widths.reduce((a, w) => a + (7 * w + 5) * 0.75, 0);
  const scale = Math.min(1, pageWidth / sheetWidth);
  const room = (pageHeight / scale - headerHeight) * 0.85;
  return Math.max(10, Math.floor(Math.min(room, sheetWidth * 0.5) / 15));
}
