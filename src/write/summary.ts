// The summary workbooks of a rollup (SPEC §6): one per unit that has units under it, laid out as a
// Party report (Hướng dẫn 36-HD/VPTW, Times New Roman), ready to print on A4 landscape and sign.
import { safeFileName } from './filename.js';
import { join } from 'node:path';
import { ruleById } from '../rules/index.js';
import {
  compareCodes,
  diagnosticsUnder,
  fieldKey,
  tasksUnder,
  type ClassifiedTask,
  type RollupResult,
  type UnitRollup,
} from '../aggregate/index.js';
import { CLASS_LABEL } from '../classify/index.js';
import { periodTitle } from '../classify/period.js';
import { clean, fold, slug } from '../normalise/text.js';
import { CATEGORY_LABEL, STATUS_LABEL, daysBetween, displayDate, vietnameseDateLine } from '../normalise/values.js';
import type { IsoDate, Lang, Period, ReportHeader, Unit } from '../types.js';
import { SUMMARY_MARK } from '../domain/marks.js';
import { assertNotInputs, atomically } from './atomic.js';
import {
  COUNT_COLUMNS,
  col,
  countValues,
  dateValue,
  lazyRows,
  numberValue,
  plottedRows,
  text,
  unitName,
  type BodyRow,
  type Context,
  type Kind,
  type Orders,
  type SheetChart,
  type SheetSpec,
  type Value,
} from './sheet-model.js';
import { CHANGE_COLUMNS, changeNote, changeValues, changesSheet, ownersSheet, sentBeforeNote } from './sheets-progress.js';
import { XlsxWriter, columnLetter, type BarChart, type Cell, type SheetOptions, type SheetWriter } from './xlsx-writer.js';

export interface SummaryOptions {
  outDir: string;
  header: ReportHeader;
  asOf: IsoDate;
  period: Period;
  /** the workbooks are official documents and stay in Vietnamese; `lang` is accepted for symmetry */
  lang: Lang;
  /** the input paths, never to be overwritten */
  inputs: string[];
  /** only these sheets, in their usual order: the copy printed by `rollup --pdf` (PDF_SHEETS) */
  sheets?: readonly string[];
}

export interface WrittenWorkbook {
  unit: string;
  path: string;
}

/** The sheets of every summary workbook, in order (SPEC §6, §7.3); with `--compare`, see sheetNames. */
export const SHEET_NAMES = ['Tổng hợp', 'Theo lĩnh vực', 'Theo cán bộ', 'Quá hạn', 'Chi tiết', 'Lỗi dữ liệu', 'Chưa nộp'] as const;
/** The sheet a workbook written with `--compare` gains, after `Quá hạn`. */
export const CHANGE_SHEET = 'Biến động';

/** The sheets in order, `Biến động` after `Quá hạn` when comparing with the previous registers. */
export function sheetNames(comparing: boolean): string[] {
  const names: string[] = [...SHEET_NAMES];
  if (comparing) names.splice(names.indexOf('Quá hạn') + 1, 0, CHANGE_SHEET);
  return names;
}
/** The pages that get signed: what `rollup --pdf` prints of each workbook (SPEC §6). */
export const PDF_SHEETS = ['Tổng hợp', 'Theo lĩnh vực', 'Quá hạn'] as const;
export const REPORT_TITLE = 'BÁO CÁO TỔNG HỢP TIẾN ĐỘ THỰC HIỆN VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ';
export const NOT_SUBMITTED = 'chưa nộp báo cáo';

// ───────────────────────────── unit names ─────────────────────────────

/** Longest first, so `Thị xã` is not read as `Thị`. */
const LEVEL_WORDS = ['thanh pho', 'thi tran', 'thi xa', 'phuong', 'huyen', 'quan', 'tinh', 'xa', 'tp'];

/** `Huyện Lục Nam` → { level: 'Huyện', rest: 'Lục Nam' }; a name with no level word has level null. */
export function splitLevelWord(name: string): { level: string | null; rest: string } {
  const words = clean(name).split(' ');
  const folded = fold(name);
  for (const w of LEVEL_WORDS) {
    if (folded.startsWith(`${w} `)) {
      const n = w.split(' ').length;
      return { level: words.slice(0, n).join(' '), rest: words.slice(n).join(' ') };
    }
  }
  return { level: null, rest: clean(name) };
}

/** `<code>-<slug>.xlsx`: `24-bac-giang.xlsx`, `213-luc-nam.xlsx`; safe on Windows. */
export function summaryFileName(unit: Unit): string {
  const s = slug(splitLevelWord(unit.name).rest).slice(0, 80).replace(/-+$/, '');
  const code = unit.code.trim().replace(/\s+/g, '_');
  return safeFileName(`${s ? `${code}-${s}` : code}.xlsx`, 'don-vi');
}

const upper = (s: string): string => s.toLocaleUpperCase('vi');

/** `Huyện Lục Nam` → `ĐẢNG BỘ HUYỆN LỤC NAM`; a name that already names a Party body is kept. */
function partyBodyOf(unit: Unit): string {
  const f = fold(unit.name);
  if (/^(dang bo|dang uy|chi bo|ban thuong vu)\b/.test(f)) return upper(clean(unit.name));
  return `ĐẢNG BỘ ${upper(clean(unit.name))}`;
}

/** The row label of a unit's own register: `Cơ quan Huyện ủy (đăng ký riêng)`, else `<name> (việc tự đăng ký)`. */
export function ownRowLabel(unit: Unit): string {
  const { level } = splitLevelWord(unit.name);
  const committee: Record<string, string> = {
    tinh: 'Tỉnh ủy',
    huyen: 'Huyện ủy',
    quan: 'Quận ủy',
    'thi xa': 'Thị ủy',
    'thanh pho': 'Thành ủy',
    tp: 'Thành ủy',
  };
  const c = level ? committee[fold(level)] : undefined;
  return c ? `Cơ quan ${c} (đăng ký riêng)` : `${clean(unit.name)} (việc tự đăng ký)`;
}

// ───────────────────────────── cells ─────────────────────────────

const FONT = 'Times New Roman';
type Align = 'left' | 'center' | 'right';

interface HeaderTexts {
  /** the unit and the period under a plain title: `Tỉnh Bắc Giang — Quý III năm 2024 (số liệu …)` */
  unitLine: string;
  superior: string;
  issuer: string;
  dateLine: string;
  periodLine: string;
  asOfLine: string;
  signerTitle: string[];
  signer: string | null;
}

// Widths are in Excel's units (one digit of the default font, Calibri 11: about 5.5 pt). Measured on LibreOffice's
// rendering with Calibri's metric twin (Carlito) installed, mixed-case Vietnamese in Times New Roman 12 takes
// about 0.92 unit a character, bold about 1.0; a margin keeps wrapped text from clipping. (Without Calibri or
// Carlito, LibreOffice falls back to a wider font, its units grow by a third and every text looks roomier.)
const CHAR = 1.0;
const BOLD_CHAR = 1.1;
const LINE_PT = 16.5;
const NUM_FMT: Record<Kind, string | undefined> = {
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
function linesOf(s: string, width: number, factor = CHAR): number {
  const perLine = Math.max(1, Math.floor((width - 1.5) / factor));
  if (s.length <= perLine && !s.includes('\n')) return 1;
  let lines = 1;
  let used = 0;
  let start = 0;
  // word by word without splitting: a word ends at a space, a line break or the end
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x0a;
    if (c !== 0x20 && c !== 0x0a) continue;
    const w = i - start;
    start = i + 1;
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
    if (c === 0x0a && i < s.length) {
      lines++;
      used = 0;
    }
  }
  return lines;
}

/** Column widths are fitted to the first rows this many: enough to see every kind of value, cheap on 100,000 rows. */
const WIDTH_SAMPLE = 5000;

function fitWidths(spec: SheetSpec, minTotal: number): number[] {
  const longest = spec.columns.map(() => 0);
  let seen = 0;
  for (const r of spec.rows) {
    if (++seen > WIDTH_SAMPLE) break;
    if (r.kind === 'section') continue;
    spec.columns.forEach((c, i) => {
      longest[i] = Math.max(longest[i], shownLength(r.values[i], c.kind));
    });
  }
  // a character's width follows the font size
  const k = (spec.size ?? 12) / 12;
  const widths = spec.columns.map((c, i) => {
    const longestWord = Math.max(...c.header.split(/\s+/).map((w) => [...w].length));
    const need = Math.max(
      Math.max(longestWord, [...c.header].length / 3) * BOLD_CHAR * k,
      longest[i] * CHAR * k + (c.kind === 'text' ? 1.5 : 0),
    );
    return Math.min(c.max, Math.max(c.min, Math.ceil(need + 2)));
  });
  const total = widths.reduce((a, b) => a + b, 0);
  const flex = spec.columns.map((c, i) => (c.flex ? i : -1)).filter((i) => i >= 0);
  if (total < minTotal && flex.length) {
    const extra = Math.ceil((minTotal - total) / flex.length);
    for (const i of flex) widths[i] += extra;
  }
  return widths;
}

interface Look {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  align?: Align;
  wrap?: boolean;
  border?: boolean;
  /** left- or right-aligned content keeps off the border line by one indent */
  indent?: boolean;
  numFmt?: string;
}

/** Rows written out of order (the header block, the signature): gathered, then written top to bottom. */
class Block {
  private readonly rows = new Map<number, { cells: Cell[]; height?: number }>();

  constructor(
    private readonly sheet: SheetWriter,
    private readonly style: (l: Look) => number,
  ) {}

  private at(r: number): { cells: Cell[]; height?: number } {
    let row = this.rows.get(r);
    if (!row) this.rows.set(r, (row = { cells: [] }));
    return row;
  }

  put(r: number, column: number, value: Value, look: Look): void {
    this.at(r).cells.push({ col: column, value: typeof value === 'string' ? text(value) : value, style: this.style(look) });
  }

  /** `value` across columns `from`–`to`, merged; every cell of the range carries the style (its borders). */
  span(r: number, from: number, to: number, value: Value, look: Look): void {
    if (to > from) this.sheet.merge(r, from, r, to);
    for (let c = from; c <= to; c++) this.put(r, c, c === from ? value : null, look);
  }

  height(r: number, h: number): void {
    this.at(r).height = h;
  }

  async write(): Promise<void> {
    for (const r of [...this.rows.keys()].sort((a, b) => a - b)) {
      const row = this.rows.get(r)!;
      await this.sheet.row(
        r,
        row.cells.sort((a, b) => a.col - b.col),
        row.height,
      );
    }
    this.rows.clear();
  }
}

// ───────────────────────────── one sheet ─────────────────────────────

/** The sheet that carries the Party letterhead (36-HD/VPTW): the page that is signed. */
const LETTERHEAD_SHEET: string = SHEET_NAMES[0];
/** The table's header row: under the letterhead on `Tổng hợp`, under a plain two-line title elsewhere. */
const HEADER_ROW = 9;
const PLAIN_HEADER_ROW = 4;
export const headerRowOf = (sheet: string): number => (sheet === LETTERHEAD_SHEET ? HEADER_ROW : PLAIN_HEADER_ROW);

const PAGE: SheetOptions['page'] = {
  paperSize: 9,
  landscape: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

async function renderSheet(wb: XlsxWriter, lazySpec: SheetSpec, h: HeaderTexts): Promise<void> {
  // A sheet of up to WIDTH_SAMPLE rows is made once and gone through twice (widths, then cells);
  // a longer one is made again for its cells, never held whole.
  const spec = lazySpec.rows.length <= WIDTH_SAMPLE && !Array.isArray(lazySpec.rows) ? { ...lazySpec, rows: [...lazySpec.rows] } : lazySpec;
  const letterhead = spec.name === LETTERHEAD_SHEET;
  const headerRow = headerRowOf(spec.name);
  const size = spec.size ?? 12;
  const charOf = (factor: number): number => (factor * size) / 12;
  const linePt = (LINE_PT * size) / 12;
  // Upper case at 14 pt: about 1.45 units a character (LibreOffice clipped `ĐẢNG BỘ HUYỆN LỤC NAM` in 32 units).
  const leftNeed = Math.max([...h.superior].length, [...h.issuer].length) * 1.5 + 4;
  const rightNeed = Math.max(22 * 1.45, [...h.dateLine].length * 1.0) + 4;
  const widths = fitWidths(spec, letterhead ? leftNeed + rightNeed + 10 : 0);
  const n = spec.columns.length;

  // The left block takes the first columns wide enough for its text, the right block the last ones.
  let left = 1;
  while (left < n - 1 && widths.slice(0, left).reduce((a, b) => a + b, 0) < leftNeed) left++;
  let right = n;
  while (right > left + 1 && widths.slice(right - 1).reduce((a, b) => a + b, 0) < rightNeed) right--;

  const ws = wb.sheet({
    widths,
    frozenRows: headerRow,
    page: PAGE,
    footer: `&C&"${FONT},Regular"&11Trang &P/&N`,
  });
  const looks = new Map<string, number>();
  const style = (l: Look): number => {
    const key = `${l.size ?? size}|${l.bold ? 1 : 0}${l.italic ? 1 : 0}${l.underline ? 1 : 0}|${l.align ?? 'left'}|${l.wrap ?? true}|${l.border ? 1 : 0}|${l.indent ? 1 : 0}|${l.numFmt ?? ''}`;
    let id = looks.get(key);
    if (id === undefined) {
      id = wb.style({
        size: l.size ?? size,
        bold: l.bold,
        italic: l.italic,
        underline: l.underline,
        horizontal: l.align ?? 'left',
        wrap: l.wrap ?? true,
        border: l.border,
        indent: l.indent ? 1 : 0,
        numFmt: l.numFmt,
      });
      looks.set(key, id);
    }
    return id;
  };

  const head = new Block(ws, style);
  const banner = (r: number, from: number, to: number, value: string, look: Look): void =>
    head.span(r, from, to, value, { align: 'center', wrap: false, ...look });
  const fullWidth = widths.reduce((a, b) => a + b, 0);
  const titleLines = linesOf(spec.title, fullWidth, 1.3);
  if (letterhead) {
    // The national header block (36-HD/VPTW): body on the left, the Party's name and the date on the right.
    banner(1, 1, left, h.superior, { size: 14 });
    banner(2, 1, left, h.issuer, { size: 14, bold: true });
    banner(3, 1, left, '*', { size: 14 });
    banner(1, right, n, 'ĐẢNG CỘNG SẢN VIỆT NAM', { size: 15, bold: true, underline: true });
    banner(3, right, n, h.dateLine, { size: 14, italic: true });
    for (const r of [1, 2, 3]) head.height(r, 20);
    head.height(4, 12);
    banner(5, 1, n, spec.title, { size: 14, bold: true, wrap: titleLines > 1 });
    banner(6, 1, n, h.periodLine, { size: 14, bold: true });
    banner(7, 1, n, h.asOfLine, { size: 13, italic: true });
    head.height(5, titleLines * 19 + 2);
    head.height(6, 19);
    head.height(7, 18);
    head.height(8, 8);
  } else {
    // The pages after the report: a plain title naming the sheet's subject, the unit and the period.
    const unitLines = linesOf(h.unitLine, fullWidth, 0.85);
    banner(1, 1, n, spec.title, { size: 14, bold: true, wrap: titleLines > 1 });
    banner(2, 1, n, h.unitLine, { size: 12, italic: true, wrap: unitLines > 1 });
    head.height(1, titleLines * 19 + 2);
    head.height(2, unitLines * 16.5 + 1);
    head.height(3, 6);
  }

  // The table header.
  spec.columns.forEach((c, i) => head.put(headerRow, i + 1, c.header, { bold: true, align: 'center', border: true }));
  const headerHeight = Math.max(...spec.columns.map((c, i) => linesOf(c.header, widths[i], charOf(BOLD_CHAR)))) * linePt + 4;
  head.height(headerRow, headerHeight);
  await head.write();

  let r = headerRow + 1;
  let lastData = headerRow;
  if (spec.rows.length === 0) {
    const empty = new Block(ws, style);
    empty.span(r, 1, n, spec.empty, { italic: true, align: 'center', border: true });
    empty.height(r, linePt + 4);
    await empty.write();
    r++;
  }
  const section = style({ bold: true, border: true });
  // one style per column, kind of row (bold total, italic muted) and kind of value (a number or date, or not)
  const cellStyles: number[] = [];
  const cellStyle = (i: number, v: Value, row: BodyRow): number => {
    const numeric = typeof v === 'number' || v instanceof Date;
    const key = i * 8 + (row.kind === 'total' ? 4 : 0) + (row.muted ? 2 : 0) + (numeric ? 1 : 0);
    let id = cellStyles[key];
    if (id === undefined) {
      const c = spec.columns[i];
      // a rate sits at the right, over the light end of its bar; a change of a rate beside it likewise
      const align: Align = c.kind === 'text' ? 'left' : c.kind === 'rate' || c.kind === 'points' ? 'right' : 'center';
      id = cellStyles[key] = style({
        bold: row.kind === 'total',
        italic: row.muted ?? false,
        align,
        numFmt: numeric ? NUM_FMT[c.kind] : undefined,
        border: true,
        indent: align !== 'center' && spec.indent !== false,
      });
    }
    return id;
  };
  // one set of cells for every body row: the writer turns them into text before the next row
  const cells: Cell[] = spec.columns.map((_, i) => ({ col: i + 1, value: null, style: 0 }));
  for (const row of spec.rows) {
    if (row.kind === 'section') {
      ws.merge(r, 1, r, n);
      const sectionCells: Cell[] = [];
      for (let c = 1; c <= n; c++) sectionCells.push({ col: c, value: c === 1 ? row.values[0] : null, style: section });
      const flushed = ws.row(r, sectionCells, linePt + 4);
      if (flushed) await flushed;
      r++;
      continue;
    }
    let lines = 1;
    for (let i = 0; i < n; i++) {
      const v = row.values[i] ?? null;
      const cell = cells[i];
      cell.value = typeof v === 'string' ? text(v) : v;
      cell.style = cellStyle(i, v, row);
      if (typeof v === 'string')
        lines = Math.max(lines, linesOf(v, widths[i] - (spec.indent === false ? 0 : 1.5), charOf(row.kind === 'total' ? BOLD_CHAR : CHAR)));
    }
    const flushed = ws.row(r, cells, lines * linePt + 3);
    if (flushed) await flushed;
    if (row.kind === 'data') lastData = r;
    r++;
  }
  const lastBody = r - 1;

  if (spec.autoFilter) ws.autoFilter(`A${headerRow}:${columnLetter(n)}${Math.max(lastData, headerRow)}`);
  if (spec.dataBars && spec.rows.length) {
    // Out of 100 whatever the other rows hold (a rate); a light bar fading to white towards its end, so the
    // figure at the right of the cell reads on paper, in grey too.
    for (const i of spec.dataBars) {
      const letter = columnLetter(i + 1);
      ws.dataBar(`${letter}${headerRow + 1}:${letter}${lastBody}`, { color: 'FFBDD7EE', min: 0, max: 100, gradient: true });
    }
  }

  const foot = new Block(ws, style);
  r++;
  for (const note of spec.notes ?? []) {
    foot.span(r, 1, n, note, { italic: true });
    foot.height(r, linesOf(note, fullWidth, charOf(CHAR)) * linePt + 2);
    r++;
  }

  if (spec.signature) {
    r++;
    const sigTop = r;
    foot.span(r, 1, left, 'Nơi nhận:', { bold: true, italic: true, wrap: false });
    foot.span(r + 1, 1, left, '- Như trên,', { size: 11, wrap: false });
    foot.span(r + 2, 1, left, '- Lưu.', { size: 11, wrap: false });
    for (const line of h.signerTitle) foot.span(r++, right, n, line, { size: 14, bold: true, align: 'center', wrap: false });
    r += 4;
    if (h.signer) foot.span(r++, right, n, h.signer, { size: 14, bold: true, align: 'center', wrap: false });
    for (let i = sigTop; i < Math.max(r, sigTop + 3); i++) foot.height(i, 19);
  }
  await foot.write();

  // The chart on a page of its own after the table (and the signed page), as wide as the table.
  let lastRow = r - 1;
  const plotted = plottedRows(spec);
  if (spec.chart && plotted) {
    const top = r + 1;
    const rows = chartRows(widths, headerHeight);
    ws.pageBreakBefore(top);
    ws.chart(chartOf(spec, spec.chart, plotted, headerRow), { from: { col: 1, row: top }, to: { col: n + 1, row: top + rows } });
    lastRow = top + rows - 1;
  }
  ws.printArea(`A1:${columnLetter(n)}${lastRow}`);
  await ws.end();
}

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

/** The chart of a sheet: categories and series where the body rows `plotted` stand (body row i is on row headerRow + 1 + i). */
function chartOf(spec: SheetSpec, chart: SheetChart, plotted: { from: number; to: number }, headerRow: number): BarChart {
  const rows = [...spec.rows].slice(plotted.from, plotted.to);
  const first = headerRow + 1 + plotted.from;
  const last = headerRow + plotted.to;
  const range = (i: number): string => `${columnLetter(i + 1)}${first}:${columnLetter(i + 1)}${last}`;
  return {
    title: chart.title,
    grouping: chart.grouping,
    categories: { range: range(chart.labels), labels: rows.map((row) => String(row.values[chart.labels] ?? '')) },
    series: chart.series.map((s) => ({
      name: { cell: `${columnLetter(s.column + 1)}${headerRow}`, text: spec.columns[s.column].header },
      values: {
        range: range(s.column),
        numbers: rows.map((row) => {
          const v = row.values[s.column];
          return typeof v === 'number' ? v : null;
        }),
      },
      color: s.color,
    })),
    axis: chart.axis,
    dataLabels: chart.dataLabels,
    font: FONT,
  };
}

// ───────────────────────────── the sheets ─────────────────────────────

function ordersOf(result: RollupResult): Orders {
  const file = new Map<string, number>();
  result.files.forEach((f, i) => {
    file.set(f.path, i);
    if (!file.has(f.displayPath)) file.set(f.displayPath, i);
  });
  return { unit: new Map(result.units.map((u, i) => [u.unit.code, i])), file, name: fileNamesOf(result) };
}

const pathParts = (p: string): string[] => p.split(/[\\/]+/).filter(Boolean);

/** A file's own name (`yen-son.xlsx`): a full path takes three lines of a printed column and says nothing more. */
const ownName = (p: string): string => pathParts(p).at(-1) ?? p;

/**
 * The name each file is printed by: its own name, or — when two files of the rollup share it — its
 * folder and name (`lang-giang/bao-cao.xlsx`), so a row still points at one file.
 */
function fileNamesOf(result: RollupResult): Map<string, string> {
  const paths = new Map<string, Set<string>>();
  for (const f of result.files) {
    const base = ownName(f.displayPath);
    const same = paths.get(base) ?? new Set<string>();
    paths.set(base, same.add(f.displayPath));
  }
  const out = new Map<string, string>();
  for (const f of result.files) {
    const base = ownName(f.displayPath);
    const name = paths.get(base)!.size > 1 ? pathParts(f.displayPath).slice(-2).join('/') : base;
    out.set(f.path, name);
    out.set(f.displayPath, name);
  }
  return out;
}

const fileName = (orders: Orders, path: string): string => orders.name.get(path) ?? ownName(path);

function summarySheet({ result, unit }: Context): SheetSpec {
  const rows: BodyRow[] = [];
  // With --compare, the change after the rates: the child's total, the unit's own for its own row. A unit
  // with no units under it and no comparison of its own (its previous register unreadable) has none.
  const comparison = result.comparison;
  const change = (code: string, which: 'own' | 'total'): Value[] => {
    if (!comparison) return [];
    const c = comparison.byUnit.get(code);
    const leaf = !result.byCode.get(code)?.children.length;
    return changeValues(which === 'own' || (leaf && c?.own === null) ? c?.own : c?.total);
  };
  const dupNote = (u: UnitRollup): string | null =>
    u.excludedFiles.length ? `${u.excludedFiles.length} tệp cùng đơn vị, chưa tính — giữ lại một tệp` : null;

  rows.push({
    kind: 'data',
    values: [
      1,
      ownRowLabel(unit.unit),
      ...countValues(unit.own),
      ...change(unit.unit.code, 'own'),
      dupNote(unit) ?? (unit.submitted ? null : NOT_SUBMITTED),
    ],
    muted: !unit.submitted,
  });
  unit.children.forEach((code, i) => {
    const child = result.byCode.get(code)!;
    const units = 1 + child.unitsUnder;
    const submitted = (child.submitted ? 1 : 0) + child.submittedUnder;
    const note =
      submitted === 0 ? NOT_SUBMITTED : (dupNote(child) ?? (submitted < units ? `${units - submitted}/${units} đơn vị chưa nộp` : null));
    rows.push({
      kind: 'data',
      values: [i + 2, child.unit.name, ...countValues(child.total), ...change(code, 'total'), note],
      muted: submitted === 0,
    });
  });
  rows.push({ kind: 'total', values: [null, 'Tổng cộng', ...countValues(unit.total), ...change(unit.unit.code, 'total'), null] });

  const t = unit.total;
  const notes = [
    `Tổng số ${t.registered.toLocaleString('vi-VN')} việc đăng ký; đã hoàn thành ${(t.doneOnTime + t.doneLate).toLocaleString('vi-VN')} việc` +
      (t.completionRate != null ? ` (${t.completionRate.toLocaleString('vi-VN')}% số việc không bị dừng, hủy)` : '') +
      `, trong đó ${t.doneInPeriod.toLocaleString('vi-VN')} việc hoàn thành trong kỳ; ` +
      `${t.pendingOverdue.toLocaleString('vi-VN')} việc chưa hoàn thành đã quá hạn.`,
    'Tỷ lệ hoàn thành = số việc đã hoàn thành / (số việc đăng ký − số việc dừng, hủy); ' +
      'tỷ lệ đúng hạn = số việc hoàn thành đúng hạn / số việc đã hoàn thành. ' +
      '"Chưa xác định": việc có lỗi dữ liệu về thời hạn, tình trạng hoặc tiến độ (xem trang "Lỗi dữ liệu").',
  ];
  const changed = comparison && changeNote(comparison, unit.unit.code);
  if (changed) notes.splice(1, 0, changed);
  return {
    name: 'Tổng hợp',
    title: REPORT_TITLE,
    columns: [
      // three more columns when comparing: the unit's name wraps sooner, so the page scales down less
      col('STT', 'int', 5, 6),
      col('Đơn vị', 'text', 22, comparison ? 26 : 34, true),
      ...COUNT_COLUMNS,
      ...(comparison ? CHANGE_COLUMNS : []),
      col('Ghi chú', 'text', 14, 22),
    ],
    rows,
    empty: '',
    dataBars: [10, 11],
    autoFilter: true,
    signature: true,
    notes,
    chart: {
      title: `Tỷ lệ hoàn thành và tỷ lệ đúng hạn của các đơn vị — ${periodTitle(result.period, 'vi')}`,
      grouping: 'clustered',
      labels: 1,
      // dark and light: told apart on a grey printer too
      series: [
        { column: 10, color: '1F4E79' },
        { column: 11, color: '9DC3E6' },
      ],
      axis: { min: 0, max: 100, majorUnit: 20, numFmt: '0' },
      dataLabels: { numFmt: '0.0' },
    },
  };
}

/** The six classes of SPEC §3 in `Theo lĩnh vực`'s columns (not `Trong đó: hoàn thành trong kỳ`, a part of the first two), coloured as their meaning. */
const CLASS_SERIES: SheetChart['series'] = [
  { column: 3, color: '548235' }, // hoàn thành đúng hạn
  { column: 4, color: 'A9D18E' }, // hoàn thành quá hạn
  { column: 6, color: '9DC3E6' }, // chưa hoàn thành, trong hạn
  { column: 7, color: 'C00000' }, // chưa hoàn thành, quá hạn
  { column: 8, color: '7F7F7F' }, // dừng, hủy
  { column: 9, color: 'D9D9D9' }, // chưa xác định
];

function byFieldSheet({ result, unit }: Context): SheetSpec {
  const rows: BodyRow[] = [];
  const block = (heading: string, groups: UnitRollup['byField']): void => {
    rows.push({ kind: 'section', values: [heading] });
    groups.forEach((g, i) => rows.push({ kind: 'data', values: [i + 1, g.label, ...countValues(g.counts)] }));
    rows.push({ kind: 'total', values: [null, 'Cộng', ...countValues(unit.total)] });
  };
  block('I. THEO LĨNH VỰC', unit.byField);
  block('II. THEO LOẠI VIỆC', unit.byCategory);
  return {
    name: 'Theo lĩnh vực',
    title: 'KẾT QUẢ THỰC HIỆN THEO LĨNH VỰC VÀ LOẠI VIỆC',
    columns: [col('STT', 'int', 5, 6), col('Lĩnh vực, loại việc', 'text', 24, 40, true), ...COUNT_COLUMNS],
    rows,
    empty: '',
    dataBars: [10, 11],
    // two tables on one sheet: a filter over both would mix them
    autoFilter: false,
    chart: {
      title: `Kết quả thực hiện theo lĩnh vực — ${periodTitle(result.period, 'vi')}`,
      grouping: 'stacked',
      labels: 1,
      series: CLASS_SERIES,
      axis: { min: 0, numFmt: '#,##0' },
    },
  };
}

const statusText = (t: ClassifiedTask): string | null => (t.task.status ? STATUS_LABEL[t.task.status] : (t.task.text.status ?? null));

function overdueSheet({ result, tasks, orders }: Context): SheetSpec {
  const order = orders.unit;
  const overdue = tasks
    .filter((t) => t.class === 'pendingOverdue' && t.task.deadline.kind === 'date')
    .map((t) => ({ t, days: daysBetween((t.task.deadline as { date: IsoDate }).date, result.asOf) }))
    .sort((a, b) => b.days - a.days || order.get(a.t.unit.code)! - order.get(b.t.unit.code)! || a.t.task.row - b.t.task.row);
  return {
    name: 'Quá hạn',
    title: 'DANH SÁCH VIỆC CHƯA HOÀN THÀNH, QUÁ HẠN',
    columns: [
      col('STT', 'int', 5, 6),
      col('Đơn vị', 'text', 14, 24),
      col('Mã việc', 'text', 8, 12),
      col('Nội dung công việc', 'text', 30, 50, true),
      col('Người chịu trách nhiệm', 'text', 16, 24),
      col('Thời hạn hoàn thành', 'date', 12, 13),
      col('Số ngày quá hạn', 'int', 9, 10),
      col('Tiến độ (%)', 'num', 8, 9),
      col('Tình trạng', 'text', 12, 16),
    ],
    rows: lazyRows(overdue, ({ t, days }, i) => ({
      kind: 'data',
      values: [
        i + 1,
        t.unit.name,
        t.task.id,
        t.task.title,
        t.task.owner,
        dateValue(t.task.deadline),
        days,
        numberValue(t.task.progress),
        statusText(t),
      ],
    })),
    empty: 'Không có việc chưa hoàn thành đã quá hạn.',
    autoFilter: true,
  };
}

/** `Chi tiết`'s body size: 11 pt on a page scaled to about 85 % prints at about 9.5 pt. */
const DETAIL_SIZE = 11;

function detailSheet({ result, tasks, orders }: Context): SheetSpec {
  return {
    name: 'Chi tiết',
    title: 'DANH MỤC VIỆC ĐĂNG KÝ VÀ KẾT QUẢ THỰC HIỆN',
    size: DETAIL_SIZE,
    // Fourteen columns on one A4 width: about 167 units, so the page is scaled to no less than ~85 %; each
    // width holds its usual texts on two lines (`Chưa hoàn thành, / trong hạn`, `luc-nam- / huyen-uy.xlsx`).
    indent: false,
    columns: [
      col('STT', 'int', 5, 5),
      col('Đơn vị', 'text', 10.5, 10.5),
      col('Mã việc', 'text', 9.5, 9.5),
      col('Nội dung công việc', 'text', 37, 37),
      col('Loại việc', 'text', 11.5, 11.5),
      col('Lĩnh vực', 'text', 11.5, 11.5),
      col('Người chịu trách nhiệm', 'text', 11.5, 11.5),
      col('Thời hạn hoàn thành', 'date', 10, 10),
      col('Tình trạng', 'text', 10, 10),
      col('Tiến độ (%)', 'num', 6.5, 6.5),
      col('Ngày hoàn thành', 'date', 10, 10),
      col('Phân loại', 'text', 16.5, 16.5),
      col('Tệp nguồn', 'text', 12, 12),
      col('Dòng', 'int', 5, 5),
    ],
    rows: lazyRows(tasks, (t, i) => ({
      kind: 'data',
      values: [
        i + 1,
        t.unit.name,
        t.task.id,
        t.task.title ?? t.task.text.title ?? null,
        CATEGORY_LABEL[t.task.category],
        t.task.field == null ? null : (result.fieldLabels.get(fieldKey(t.task.field)) ?? t.task.field),
        t.task.owner,
        dateValue(t.task.deadline),
        statusText(t),
        numberValue(t.task.progress),
        dateValue(t.task.completed),
        CLASS_LABEL.vi[t.class],
        fileName(orders, t.register.displayPath),
        t.task.row,
      ],
    })),
    empty: 'Không có việc nào được tính.',
    autoFilter: true,
  };
}

/** The rule's own description beside its id (`overdue` — `Chưa hoàn thành mà đã quá thời hạn`). */
const ruleDescription = (rule: string, lang: Lang): string | null => ruleById(rule)?.meta.description[lang] ?? null;

function diagnosticsSheet({ result, unit, orders, lang }: Context): SheetSpec {
  const fileOrder = orders.file;
  const diags = diagnosticsUnder(result, unit.unit.code)
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.d.file) ?? 1e9) - (fileOrder.get(b.d.file) ?? 1e9) ||
        a.d.file.localeCompare(b.d.file) ||
        (a.d.row ?? 0) - (b.d.row ?? 0) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
  return {
    name: 'Lỗi dữ liệu',
    title: 'DANH SÁCH LỖI DỮ LIỆU TRONG CÁC TỆP BÁO CÁO',
    size: 11,
    columns: [
      col('STT', 'int', 5, 6),
      col('Tệp', 'text', 12, 18),
      col('Trang tính', 'text', 9, 12),
      col('Dòng', 'int', 5.5, 6),
      col('Ô', 'text', 5, 6),
      col('Mức độ', 'text', 8.5, 9),
      col('Mã lỗi', 'text', 12, 19),
      col('Loại lỗi', 'text', 24, 30),
      col('Nội dung', 'text', 36, 50, true),
    ],
    rows: lazyRows(diags, (d, i) => ({
      kind: 'data',
      values: [
        i + 1,
        fileName(orders, d.file),
        d.sheet,
        d.row,
        d.column ? `${d.column}${d.row ?? ''}` : null,
        d.severity === 'error' ? 'Lỗi' : 'Cảnh báo',
        d.rule,
        ruleDescription(d.rule, lang),
        d.message,
      ],
    })),
    empty: 'Không có lỗi dữ liệu.',
    autoFilter: true,
  };
}

function notSubmittedSheet({ result, unit }: Context): SheetSpec {
  const missing: UnitRollup[] = [];
  const walk = (code: string): void => {
    for (const c of result.byCode.get(code)?.children ?? []) {
      const child = result.byCode.get(c)!;
      if (!child.submitted) missing.push(child);
      walk(c);
    }
  };
  walk(unit.unit.code);
  missing.sort((a, b) => compareCodes(a.unit.code, b.unit.code));
  // With --compare, a column saying which of them sent a register last time (SPEC §7.1).
  const comparing = result.comparison !== undefined;
  return {
    name: 'Chưa nộp',
    title: 'DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO',
    columns: [
      col('STT', 'int', 5, 6),
      col('Mã đơn vị', 'text', 10, 14),
      col('Tên đơn vị', 'text', 30, 50, true),
      col('Trực thuộc', 'text', 30, 50, true),
      ...(comparing ? [col('Ghi chú', 'text', 18, 20)] : []),
    ],
    rows: missing.map((u, i) => ({
      kind: 'data',
      values: [
        i + 1,
        u.unit.code,
        u.unit.name,
        u.unit.parent ? unitName(result, u.unit.parent) : null,
        ...(comparing ? [sentBeforeNote(result, u.unit.code)] : []),
      ],
    })),
    empty: 'Tất cả các đơn vị đã nộp báo cáo.',
    autoFilter: true,
  };
}

// ───────────────────────────── the workbook ─────────────────────────────

function headerTexts(result: RollupResult, unit: UnitRollup, opts: SummaryOptions): HeaderTexts {
  const isRoot = result.roots.includes(unit.unit.code);
  const issuer = clean(opts.header.issuer ?? '') || 'BAN TỔ CHỨC';
  // The place is the unit's own name; an agency takes the place of the nearest unit above it that has one.
  let place: string | null = null;
  for (let u: UnitRollup | undefined = unit; u && !place; u = u.unit.parent ? result.byCode.get(u.unit.parent) : undefined) {
    const s = splitLevelWord(u.unit.name);
    if (s.level) place = s.rest;
  }
  if (isRoot && opts.header.place) place = clean(opts.header.place);
  place ??= opts.header.place ? clean(opts.header.place) : splitLevelWord(unit.unit.name).rest;
  const superior = isRoot && opts.header.superior ? upper(clean(opts.header.superior)) : partyBodyOf(unit.unit);
  const signerTitle =
    isRoot && opts.header.signerTitle ? opts.header.signerTitle.split(/\r?\n/).map(clean).filter(Boolean) : [`T/M ${upper(issuer)}`];
  return {
    unitLine: `${clean(unit.unit.name)} — ${periodTitle(opts.period, 'vi')} (số liệu tính đến ngày ${displayDate(opts.asOf)})`,
    superior,
    issuer: upper(issuer),
    dateLine: `${place}, ${vietnameseDateLine(opts.asOf)}`,
    periodLine: periodTitle(opts.period, 'vi'),
    asOfLine: `(Số liệu tính đến ngày ${displayDate(opts.asOf)})`,
    signerTitle,
    signer: isRoot && opts.header.signer ? clean(opts.header.signer) : null,
  };
}

/** The sheet builders in the order of sheetNames; `Biến động` only when comparing. */
function sheetsOf(comparing: boolean): ((ctx: Context) => SheetSpec)[] {
  return [
    summarySheet,
    byFieldSheet,
    ownersSheet,
    overdueSheet,
    ...(comparing ? [changesSheet] : []),
    detailSheet,
    diagnosticsSheet,
    notSubmittedSheet,
  ];
}

/** Writes the summary workbook of one unit to `path`, sheet by sheet, rows as they are made. */
async function writeSummaryWorkbook(result: RollupResult, orders: Orders, code: string, opts: SummaryOptions, path: string): Promise<void> {
  const unit = result.byCode.get(code);
  if (!unit) throw new Error(`unit ${code} is not in the rollup`);
  const ctx: Context = { result, unit, tasks: tasksUnder(result, code), orders, lang: opts.lang };
  const h = headerTexts(result, unit, opts);
  const comparing = result.comparison !== undefined;
  const all = sheetNames(comparing);
  const builders = sheetsOf(comparing);
  // Every sheet's rows are made as they are written (lazyRows); what is made here is small. The package
  // lists its parts first, so which sheets carry a chart is known before the first cell.
  const specs = all
    .map((name, i) => ({ name, build: builders[i] }))
    .filter((s) => !opts.sheets || opts.sheets.includes(s.name))
    .map((s) => {
      const spec = s.build(ctx);
      if (spec.name !== s.name) throw new Error(`sheet ${spec.name} built for ${s.name}`);
      return spec;
    });
  const wb = await XlsxWriter.create(path, {
    sheets: specs.map(({ name }, i) => ({
      name,
      printTitleRows: `${headerRowOf(name)}:${headerRowOf(name)}`,
      charts: plottedRows(specs[i]) ? 1 : 0,
    })),
    font: { name: FONT, size: 12 },
    title: `${REPORT_TITLE} — ${unit.unit.name} — ${h.periodLine}`,
    subject: h.asOfLine,
    creator: 'tiendo',
    keywords: SUMMARY_MARK,
  });
  try {
    // one sheet's rows at a time: the province's `Chi tiết` is made, written and let go before the next
    for (const spec of specs) await renderSheet(wb, spec, h);
    await wb.close();
  } catch (e) {
    await wb.abort();
    throw e;
  }
}

/**
 * Writes `DIR/<code>-<slug>.xlsx` for every unit that has units under it, in code order, atomically,
 * after checking that none of them would overwrite an input. Returns what was written.
 */
export async function writeSummaryWorkbooks(result: RollupResult, opts: SummaryOptions): Promise<WrittenWorkbook[]> {
  const targets = result.units
    .filter((u) => u.children.length > 0)
    .map((u) => ({ unit: u.unit.code, path: join(opts.outDir, summaryFileName(u.unit)) }));
  assertNotInputs(
    targets.map((t) => t.path),
    opts.inputs,
  );
  const orders = ordersOf(result);
  // Two at a time: the next workbook is made while the last pieces of the one before are compressed.
  let before: Promise<void> = Promise.resolve();
  for (const t of targets) {
    const next = atomically(t.path, (tmp) => writeSummaryWorkbook(result, orders, t.unit, opts, tmp));
    next.catch(() => undefined); // surfaced below, in order
    try {
      await before;
    } catch (e) {
      await next.catch(() => undefined);
      throw e;
    }
    before = next;
  }
  await before;
  return targets;
}
