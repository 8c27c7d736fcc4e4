// One worksheet of the workbooks tiendo writes (xl/worksheets/sheetN.xml), streamed: each row is
// turned into text and encoded as UTF-8 when written, and the bytes go to the compressor in pieces.
// What follows the rows (filters, merges, data bars, page setup, breaks) is gathered and written at
// the end, in the order the schema wants.
import type { BarChart, ChartAnchor } from './chart.js';
import { columnLetter, xmlText } from './xml.js';
import type { PartWriter } from './zip-writer.js';

export type CellValue = string | number | Date | null;

/** A cell of a row: its column (1-based), value and style id (from XlsxWriter.style). */
export interface Cell {
  col: number;
  value: CellValue;
  style: number;
}

export interface SheetOptions {
  name: string;
  /** column widths in Excel's units, from column A */
  widths: number[];
  /** rows kept in view while scrolling (0: none) */
  frozenRows: number;
  /** `A1:M24`: only when known for sure (a reader may trust it and read no further) */
  dimension?: string;
  page: {
    landscape: boolean;
    /** 9 = A4 */
    paperSize: number;
    fitToWidth: number;
    fitToHeight: number;
    horizontalCentered: boolean;
    margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  };
  /** the footer in Excel's codes (`&C…&P/&N`) */
  footer?: string;
}

// ───────────────────────────── text ─────────────────────────────

/** Excel keeps at most 32,767 characters in a cell. */
export const CELL_MAX = 32767;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as Excel's day number: the calendar day of `d` in UTC (tiendo keeps days at UTC midnight). */
export function excelSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86_400_000;
}

/** Space, tab, line feed, carriage return: what an XML reader may trim from the ends of a text. */
const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** What follows a cell's row number, by style id and kind of value: made once, every cell carries one. */
interface CellTags {
  /** an empty cell: `" s="12"/>` */
  empty: string;
  number: string;
  text: string;
  /** a text starting or ending with a space, which a reader must keep */
  spaced: string;
}
const cellTags: CellTags[] = [];
function tagsOf(id: number): CellTags {
  let t = cellTags[id];
  if (t === undefined) {
    const s = id ? ` s="${id}"` : '';
    cellTags[id] = t = {
      empty: `"${s}/>`,
      number: `"${s}><v>`,
      text: `"${s} t="inlineStr"><is><t>`,
      spaced: `"${s} t="inlineStr"><is><t xml:space="preserve">`,
    };
  }
  return t;
}

/** `<c r="B`, by column. */
const cellOpens: string[] = [];
function cellOpen(col: number): string {
  let o = cellOpens[col];
  if (o === undefined) cellOpens[col] = o = `<c r="${columnLetter(col)}`;
  return o;
}

/** A cell at column `col`, row `row` (its number as text): a few pieces made once, joined. */
function cellXml(col: number, row: string, c: Cell): string {
  const tags = tagsOf(c.style);
  const v = c.value;
  if (v == null) return c.style ? cellOpen(col) + row + tags.empty : '';
  if (typeof v === 'number')
    return Number.isFinite(v) ? cellOpen(col) + row + tags.number + v + '</v></c>' : cellOpen(col) + row + tags.empty;
  if (v instanceof Date) return cellOpen(col) + row + tags.number + excelSerial(v) + '</v></c>';
  const t = v.length > CELL_MAX ? v.slice(0, CELL_MAX) : v;
  const spaced = t && (isXmlSpace(t.charCodeAt(0)) || isXmlSpace(t.charCodeAt(t.length - 1)));
  return cellOpen(col) + row + (spaced ? tags.spaced : tags.text) + xmlText(t) + '</t></is></c>';
}

/** A row's opening tag; the height's text made once per height (a sheet has a few dozen). */
const heightAttrs = new Map<number, string>();
function rowOpen(row: string, height: number | undefined): string {
  if (!height) return `<row r="${row}">`;
  let h = heightAttrs.get(height);
  if (h === undefined) heightAttrs.set(height, (h = `" ht="${height}" customHeight="1">`));
  return `<row r="${row}${h}`;
}

// ───────────────────────────── sheets ─────────────────────────────

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const XM = 'http://schemas.microsoft.com/office/excel/2006/main';
export const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface Note {
  row: number;
  col: number;
  text: string;
}

interface DataBar {
  ref: string;
  color: string;
  min: number;
  max: number;
  gradient: boolean;
  id: string;
}

/** What a sheet leaves for the workbook to write once it has ended. */
export interface SheetEnd {
  notes: Note[];
  charts: { chart: BarChart; anchor: ChartAnchor }[];
  printArea: string | null;
}

/**
 * The rows' text is encoded into buffers, each handed to the compressor once full: the first small
 * (most sheets are a few kilobytes, and a workbook has seven), each next one twice as large, up to
 * the largest.
 */
const FIRST_BUFFER = 1 << 13;
const LARGEST_BUFFER = 1 << 18;

export class SheetWriter {
  private buf = Buffer.allocUnsafe(FIRST_BUFFER);
  private used = 0;
  /** full buffers not yet handed to the compressor */
  private full: Buffer[] = [];
  private lastRow = 0;
  private readonly merges: string[] = [];
  private filter: string | null = null;
  private readonly bars: DataBar[] = [];
  private readonly links: string[] = [];
  private readonly notes: Note[] = [];
  private readonly charts: SheetEnd['charts'] = [];
  private readonly breaks: number[] = [];
  private area: string | null = null;

  constructor(
    private readonly part: PartWriter,
    private readonly index: number,
    private readonly opts: SheetOptions & { notes?: boolean; charts?: number },
    private readonly onEnd: (end: SheetEnd) => Promise<void>,
  ) {
    const cols = opts.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const top = `${columnLetter(1)}${opts.frozenRows + 1}`;
    const pane = opts.frozenRows
      ? `<pane ySplit="${opts.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/>`
      : '';
    this.push(
      `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
        `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
        (opts.dimension ? `<dimension ref="${opts.dimension}"/>` : '') +
        `<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        (cols ? `<cols>${cols}</cols>` : '') +
        '<sheetData>',
    );
  }

  /** What follows the rows, in the order the schema wants it. */
  private tail(): string {
    const opts = this.opts;
    const p = opts.page;
    const m = p.margins;
    return (
      '</sheetData>' +
      (this.filter ? `<autoFilter ref="${this.filter}"/>` : '') +
      (this.merges.length
        ? `<mergeCells count="${this.merges.length}">${this.merges.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`
        : '') +
      this.bars
        .map(
          (b, k) =>
            `<conditionalFormatting sqref="${b.ref}"><cfRule type="dataBar" priority="${k + 1}"><dataBar minLength="0" maxLength="100">` +
            `<cfvo type="num" val="${b.min}"/><cfvo type="num" val="${b.max}"/><color rgb="${b.color}"/></dataBar>` +
            `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${X14}"><x14:id>${b.id}</x14:id></ext></extLst>` +
            '</cfRule></conditionalFormatting>',
        )
        .join('') +
      (this.links.length ? `<hyperlinks>${this.links.join('')}</hyperlinks>` : '') +
      (p.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : '') +
      `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
      `<pageSetup paperSize="${p.paperSize}" orientation="${p.landscape ? 'landscape' : 'portrait'}" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>` +
      (opts.footer ? `<headerFooter><oddFooter>${xmlText(opts.footer)}</oddFooter></headerFooter>` : '') +
      (this.breaks.length
        ? `<rowBreaks count="${this.breaks.length}" manualBreakCount="${this.breaks.length}">` +
          this.breaks.map((r) => `<brk id="${r - 1}" max="16383" man="1"/>`).join('') +
          '</rowBreaks>'
        : '') +
      (opts.charts ? `<drawing r:id="${opts.notes ? 'rId3' : 'rId1'}"/>` : '') +
      (opts.notes ? '<legacyDrawing r:id="rId2"/>' : '') +
      (this.bars.length
        ? `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings>` +
          this.bars
            .map(
              (b) =>
                `<x14:conditionalFormatting xmlns:xm="${XM}"><x14:cfRule type="dataBar" id="${b.id}">` +
                `<x14:dataBar minLength="0" maxLength="100" gradient="${b.gradient ? 1 : 0}">` +
                `<x14:cfvo type="num"><xm:f>${b.min}</xm:f></x14:cfvo><x14:cfvo type="num"><xm:f>${b.max}</xm:f></x14:cfvo>` +
                `</x14:dataBar></x14:cfRule><xm:sqref>${b.ref}</xm:sqref></x14:conditionalFormatting>`,
            )
            .join('') +
          '</x14:conditionalFormattings></ext></extLst>'
        : '') +
      '</worksheet>'
    );
  }

  /** Encodes `s` at the end of the current buffer, or of a new one when it might not fit. */
  private push(s: string): void {
    // a UTF-16 unit takes at most three bytes of UTF-8
    if (this.used + s.length * 3 > this.buf.length) {
      if (this.used) this.full.push(this.buf.subarray(0, this.used));
      this.buf = Buffer.allocUnsafe(Math.max(Math.min(2 * this.buf.length, LARGEST_BUFFER), s.length * 3));
      this.used = 0;
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Hands the full buffers to the compressor (and with `all`, the current one too). */
  private async flush(all = false): Promise<void> {
    if (all && this.used) {
      this.full.push(this.buf.subarray(0, this.used));
      this.used = 0;
    }
    const full = this.full;
    this.full = [];
    for (const b of full) await this.part.write(b);
  }

  /**
   * Writes row `r` (1-based, above every row written before) with its cells in column order. The
   * cells are turned into text at once (the caller may reuse them); a promise comes back only when
   * the text gathered so far went to the compressor, and then it must be awaited before the next row.
   */
  row(r: number, cells: Cell[], height?: number): Promise<void> | undefined {
    if (r <= this.lastRow) throw new Error(`xlsx: row ${r} written after row ${this.lastRow}`);
    this.lastRow = r;
    const row = `${r}`;
    let xml = rowOpen(row, height);
    let last = 0;
    for (const c of cells) {
      if (c.col <= last) throw new Error(`xlsx: cell ${columnLetter(c.col)}${r} out of order`);
      last = c.col;
      xml += cellXml(c.col, row, c);
    }
    this.push(`${xml}</row>`);
    return this.full.length ? this.flush() : undefined;
  }

  merge(row: number, from: number, toRow: number, to: number): void {
    this.merges.push(`${columnLetter(from)}${row}:${columnLetter(to)}${toRow}`);
  }

  autoFilter(ref: string): void {
    this.filter = ref;
  }

  /** Makes cell `ref` a link to `location` in this workbook (`'Danh mục'!C12`); style the cell as a link yourself. */
  link(ref: string, location: string): void {
    this.links.push(`<hyperlink ref="${ref}" location="${xmlText(location)}"/>`);
  }

  /**
   * An in-cell bar from `min` to `max`, written as Excel 2010 writes it (a 2007 rule and its x14 twin);
   * solid unless `gradient` (fading to white at its end, where a right-aligned figure stays legible).
   */
  dataBar(ref: string, opts: { color: string; min: number; max: number; gradient?: boolean }): void {
    const n = (this.index + 1) * 256 + this.bars.length + 1;
    const id = `{7D1E0000-0000-4000-8000-${n.toString(16).toUpperCase().padStart(12, '0')}}`;
    this.bars.push({ ...opts, ref, gradient: opts.gradient ?? false, id });
  }

  /** A note on cell `ref` (`C12`) of row `row`, column `col`, shown when the pointer is over it; the sheet must be declared with `notes`. */
  note(row: number, col: number, text: string): void {
    if (!this.opts.notes) throw new Error(`xlsx: a note on sheet ${this.opts.name}, not declared with notes`);
    this.notes.push({ row, col, text });
  }

  /** A page break printed before row `r` (one page ends with row r − 1). */
  pageBreakBefore(r: number): void {
    if (r > 1 && !this.breaks.includes(r)) this.breaks.push(r);
    this.breaks.sort((a, b) => a - b);
  }

  /** What is printed of the sheet (`A1:M40`); without one, the cells written (and a reader's guess at the drawings). */
  printArea(ref: string): void {
    this.area = ref;
  }

  /** A bar chart over the cells of `anchor` (its series reference cells of this sheet); the sheet must be declared with as many charts. */
  chart(chart: BarChart, anchor: ChartAnchor): void {
    if (this.charts.length >= (this.opts.charts ?? 0)) throw new Error(`xlsx: more charts on sheet ${this.opts.name} than declared`);
    this.charts.push({ chart, anchor });
  }

  async end(): Promise<void> {
    if (this.charts.length !== (this.opts.charts ?? 0)) {
      throw new Error(`xlsx: ${this.charts.length} of ${this.opts.charts} charts written on sheet ${this.opts.name}`);
    }
    this.push(this.tail());
    await this.flush(true);
    this.part.end();
    await this.onEnd({ notes: this.notes, charts: this.charts, printArea: this.area });
  }
}
