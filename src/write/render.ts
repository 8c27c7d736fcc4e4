// One summary sheet on paper: the sheet's data (./sheet-model.ts) laid out as a Party report
// (Hướng dẫn 36-HD/VPTW, Times New Roman) — the letterhead or a plain title, the table with its
// header row, the notes and the signature, and a bar chart on a page of its own — and written
// through the streaming xlsx writer.
import { plottedRows, text, type BodyRow, type SheetChart, type SheetSpec, type Value } from './sheet-model.js';
import {
  BOLD_CHAR,
  CHAR,
  FONT,
  LETTERHEAD_SHEET,
  LINE_PT,
  NUM_FMT,
  PAGE,
  WIDTH_SAMPLE,
  chartRows,
  fitWidths,
  fixedWidths,
  lineCounter,
  headerRowOf,
  linesOf,
} from './layout.js';
import type { Align } from './layout.js';
import { columnLetter, type BarChart, type Cell, type SheetWriter, type XlsxWriter } from './xlsx-writer.js';

/** The texts of a workbook's letterhead, titles and signature. */
export interface HeaderTexts {
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

type StyleOf = (l: Look) => number;

/** Rows written out of order (the header block, the signature): gathered, then written top to bottom. */
class Block {
  private readonly rows = new Map<number, { cells: Cell[]; height?: number }>();

  constructor(
    private readonly sheet: SheetWriter,
    private readonly style: StyleOf,
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
    for (const [r, row] of [...this.rows].sort((a, b) => a[0] - b[0])) {
      await this.sheet.row(
        r,
        row.cells.sort((a, b) => a.col - b.col),
        row.height,
      );
    }
    this.rows.clear();
  }
}

/** What every part of one sheet's layout shares. */
interface Frame {
  ws: SheetWriter;
  spec: SheetSpec;
  h: HeaderTexts;
  style: StyleOf;
  widths: number[];
  /** the columns of the letterhead's left block (1 to left) and right block (right to n) */
  left: number;
  right: number;
  n: number;
  headerRow: number;
  size: number;
  linePt: number;
}

/** Each workbook's style ids by look: its seven sheets ask for mostly the same ones. */
const LOOKS = new WeakMap<XlsxWriter, Map<string, number>>();

/** A style id per look, made once per workbook; `size` is the sheet's body size, a look's default. */
function styles(wb: XlsxWriter, size: number): StyleOf {
  let looks = LOOKS.get(wb);
  if (!looks) LOOKS.set(wb, (looks = new Map<string, number>()));
  const known = looks;
  return (l: Look): number => {
    const flags =
      (l.bold ? 1 : 0) |
      (l.italic ? 2 : 0) |
      (l.underline ? 4 : 0) |
      ((l.wrap ?? true) ? 8 : 0) |
      (l.border ? 16 : 0) |
      (l.indent ? 32 : 0);
    const key = `${l.size ?? size}|${flags}|${l.align ?? 'left'}|${l.numFmt ?? ''}`;
    let id = known.get(key);
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
      known.set(key, id);
    }
    return id;
  };
}

const sum = (widths: readonly number[]): number => widths.reduce((a, b) => a + b, 0);

/** The letterhead's two blocks: the left takes the first columns wide enough for its text, the right the last ones. */
function blocks(widths: number[], leftNeed: number, rightNeed: number): { left: number; right: number } {
  const n = widths.length;
  let left = 1;
  while (left < n - 1 && sum(widths.slice(0, left)) < leftNeed) left++;
  let right = n;
  while (right > left + 1 && sum(widths.slice(right - 1)) < rightNeed) right--;
  return { left, right };
}

/** The national header block (36-HD/VPTW): body on the left, the Party's name and the date on the right; then the title. */
function letterhead(f: Frame, head: Block, banner: (r: number, from: number, to: number, value: string, look: Look) => void): void {
  const { h, left, right, n, spec } = f;
  const titleLines = linesOf(spec.title, sum(f.widths), 1.3);
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
}

/** The rows above the body: the letterhead or a plain title, then the table's header row. Returns its height. */
async function writeHead(f: Frame): Promise<number> {
  const { spec, h, n, widths } = f;
  const head = new Block(f.ws, f.style);
  const banner = (r: number, from: number, to: number, value: string, look: Look): void =>
    head.span(r, from, to, value, { align: 'center', wrap: false, ...look });
  if (spec.name === LETTERHEAD_SHEET) letterhead(f, head, banner);
  else {
    // The pages after the report: a plain title naming the sheet's subject, the unit and the period.
    const fullWidth = sum(widths);
    const titleLines = linesOf(spec.title, fullWidth, 1.3);
    const unitLines = linesOf(h.unitLine, fullWidth, 0.85);
    banner(1, 1, n, spec.title, { size: 14, bold: true, wrap: titleLines > 1 });
    banner(2, 1, n, h.unitLine, { size: 12, italic: true, wrap: unitLines > 1 });
    head.height(1, titleLines * 19 + 2);
    head.height(2, unitLines * 16.5 + 1);
    head.height(3, 6);
  }
  spec.columns.forEach((c, i) => head.put(f.headerRow, i + 1, c.header, { bold: true, align: 'center', border: true }));
  const boldChar = (BOLD_CHAR * f.size) / 12;
  const headerHeight = Math.max(...spec.columns.map((c, i) => linesOf(c.header, widths[i] ?? 0, boldChar))) * f.linePt + 4;
  head.height(f.headerRow, headerHeight);
  await head.write();
  return headerHeight;
}

/** One style per column, kind of row (bold total, italic muted) and kind of value (a number or date, or not). */
function bodyStyles(f: Frame): (i: number, v: Value, row: BodyRow) => number {
  const ids: number[] = [];
  return (i, v, row) => {
    const numeric = typeof v === 'number' || v instanceof Date;
    const key = i * 8 + (row.kind === 'total' ? 4 : 0) + (row.muted ? 2 : 0) + (numeric ? 1 : 0);
    let id = ids[key];
    if (id === undefined) {
      const kind = f.spec.columns[i]?.kind ?? 'text';
      // a rate sits at the right, over the light end of its bar; a change of a rate beside it likewise
      const align: Align = kind === 'text' ? 'left' : kind === 'rate' || kind === 'points' ? 'right' : 'center';
      id = ids[key] = f.style({
        bold: row.kind === 'total',
        italic: row.muted ?? false,
        align,
        numFmt: numeric ? NUM_FMT[kind] : undefined,
        border: true,
        indent: align !== 'center' && f.spec.indent !== false,
      });
    }
    return id;
  };
}

/** The table's body from the row under the header; returns the next free row and the last data row. */
async function writeBody(f: Frame): Promise<{ next: number; lastData: number }> {
  const { ws, spec, n, widths, linePt } = f;
  let r = f.headerRow + 1;
  let lastData = f.headerRow;
  if (spec.rows.length === 0) {
    const empty = new Block(ws, f.style);
    empty.span(r, 1, n, spec.empty, { italic: true, align: 'center', border: true });
    empty.height(r, linePt + 4);
    await empty.write();
    r++;
  }
  const section = f.style({ bold: true, border: true });
  const cellStyle = bodyStyles(f);
  const indent = spec.indent === false ? 0 : 1.5;
  // per column: the cell written for every body row (the writer turns it into text before the next
  // row), and the lines a text takes in it, plain and bold
  const columns = widths.map((w, i) => ({
    i,
    cell: { col: i + 1, value: null as Value, style: 0 },
    plain: lineCounter(w - indent, (CHAR * f.size) / 12),
    bold: lineCounter(w - indent, (BOLD_CHAR * f.size) / 12),
  }));
  const cells = columns.map((c) => c.cell);
  for (const row of spec.rows) {
    if (row.kind === 'section') {
      ws.merge(r, 1, r, n);
      const sectionCells: Cell[] = [];
      for (let c = 1; c <= n; c++) sectionCells.push({ col: c, value: c === 1 ? (row.values[0] ?? null) : null, style: section });
      const flushed = ws.row(r, sectionCells, linePt + 4);
      if (flushed) await flushed;
      r++;
      continue;
    }
    let lines = 1;
    const total = row.kind === 'total';
    for (const { i, cell, plain, bold } of columns) {
      const v = row.values[i] ?? null;
      cell.style = cellStyle(i, v, row);
      if (typeof v === 'string') {
        cell.value = text(v);
        const l = (total ? bold : plain)(v);
        if (l > lines) lines = l;
      } else cell.value = v;
    }
    const flushed = ws.row(r, cells, lines * linePt + 3);
    if (flushed) await flushed;
    if (row.kind === 'data') lastData = r;
    r++;
  }
  return { next: r, lastData };
}

/** The notes under the table and, on the signed page, the signature block; returns the next free row. */
async function writeFoot(f: Frame, from: number): Promise<number> {
  const { spec, h, n, left, right } = f;
  const foot = new Block(f.ws, f.style);
  const fullWidth = sum(f.widths);
  let r = from;
  for (const note of spec.notes ?? []) {
    foot.span(r, 1, n, note, { italic: true });
    foot.height(r, linesOf(note, fullWidth, (CHAR * f.size) / 12) * f.linePt + 2);
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
  return r;
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
      name: { cell: `${columnLetter(s.column + 1)}${headerRow}`, text: spec.columns[s.column]?.header ?? '' },
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

/** Writes one sheet of a summary workbook: head, body, foot, the chart, the print setup. */
export async function renderSheet(wb: XlsxWriter, lazySpec: SheetSpec, h: HeaderTexts): Promise<void> {
  // A sheet gone through more than once (widths, cells, the chart) of up to WIDTH_SAMPLE rows is made
  // once; a longer one is made again for its cells, never held whole.
  const passes = (fixedWidths(lazySpec) ? 0 : 1) + 1 + (lazySpec.chart ? 1 : 0);
  const spec =
    passes > 1 && lazySpec.rows.length <= WIDTH_SAMPLE && !Array.isArray(lazySpec.rows)
      ? { ...lazySpec, rows: [...lazySpec.rows] }
      : lazySpec;
  const headerRow = headerRowOf(spec.name);
  const size = spec.size ?? 12;
  // Upper case at 14 pt: about 1.45 units a character (LibreOffice clipped `ĐẢNG BỘ HUYỆN LỤC NAM` in 32 units).
  const leftNeed = Math.max([...h.superior].length, [...h.issuer].length) * 1.5 + 4;
  const rightNeed = Math.max(22 * 1.45, [...h.dateLine].length * 1.0) + 4;
  const widths = fitWidths(spec, spec.name === LETTERHEAD_SHEET ? leftNeed + rightNeed + 10 : 0);
  const n = spec.columns.length;
  const ws = wb.sheet({ widths, frozenRows: headerRow, page: PAGE, footer: `&C&"${FONT},Regular"&11Trang &P/&N` });
  const f: Frame = {
    ws,
    spec,
    h,
    style: styles(wb, size),
    widths,
    ...blocks(widths, leftNeed, rightNeed),
    n,
    headerRow,
    size,
    linePt: (LINE_PT * size) / 12,
  };

  const headerHeight = await writeHead(f);
  const { next, lastData } = await writeBody(f);
  const lastBody = next - 1;
  if (spec.autoFilter) ws.autoFilter(`A${headerRow}:${columnLetter(n)}${Math.max(lastData, headerRow)}`);
  if (spec.dataBars && spec.rows.length) {
    // Out of 100 whatever the other rows hold (a rate); a light bar fading to white towards its end, so the
    // figure at the right of the cell reads on paper, in grey too.
    for (const i of spec.dataBars) {
      const letter = columnLetter(i + 1);
      ws.dataBar(`${letter}${headerRow + 1}:${letter}${lastBody}`, { color: 'FFBDD7EE', min: 0, max: 100, gradient: true });
    }
  }
  const r = await writeFoot(f, next + 1);

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
