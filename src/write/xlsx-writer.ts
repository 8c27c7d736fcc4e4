// A small .xlsx writer for the summary workbooks (and the annotated copies of registers too large
// for exceljs): rows are written as they are produced and deflated on the side (./zip-writer.ts),
// so a province's `Chi tiết` of 100,000 tasks never sits in memory as cells. It writes only what a
// printed report needs — inline text, numbers, dates, one font family in a few sizes and colours,
// solid fills, thin borders, alignment, number formats, merged cells, column widths and row
// heights, frozen header rows, filters, data bars, links to cells of the workbook, cell notes, native
// bar charts (./chart.ts), A4 page setup with print areas, print titles, page breaks and a footer, and
// the workbook's properties. Text is always written as text,
// never a formula. exceljs writes the rest (annotated copies of ordinary registers, templates); the
// tests read these workbooks back with exceljs, openpyxl and LibreOffice.
import { closeSync, openSync } from 'node:fs';
import { chartXml, drawingXml, type BarChart, type ChartAnchor } from './chart.js';
import { columnLetter, xmlText } from './xml.js';
import { ZipWriter, type PartWriter } from './zip-writer.js';

export { columnLetter, xmlText };
export type { BarChart, ChartAnchor };

export type CellValue = string | number | Date | null;

export interface Style {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  /** wrap long text onto more lines */
  wrap?: boolean;
  /** vertical alignment; default centre */
  vertical?: 'top' | 'center' | 'bottom';
  indent?: number;
  /** thin black lines on all four sides */
  border?: boolean;
  /** `#,##0`, `0.0`, `dd/mm/yyyy` … */
  numFmt?: string;
  /** a solid background, `FFRRGGBB` */
  fill?: string;
  /** the text's colour, `FFRRGGBB` */
  color?: string;
}

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

export interface WorkbookOptions {
  /**
   * every sheet's name, the rows printed on top of each page (`9:9`), and whether it carries cell
   * notes (SheetWriter.note) and how many charts (SheetWriter.chart): declared here, because the
   * package lists its parts before the cells
   */
  sheets: { name: string; printTitleRows?: string; notes?: boolean; charts?: number }[];
  /** the font of every cell */
  font: { name: string; size: number };
  title?: string;
  subject?: string;
  creator?: string;
  keywords?: string;
}

// ───────────────────────────── text ─────────────────────────────

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_MAX = 32767;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as Excel's day number: the calendar day of `d` in UTC (tiendo keeps days at UTC midnight). */
export function excelSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86_400_000;
}

/** A colour as styles.xml takes it: eight hex digits, alpha first; anything else is black. */
function argb(c: string): string {
  return /^[0-9A-F]{8}$/i.test(c) ? c.toUpperCase() : 'FF000000';
}

/** Space, tab, line feed, carriage return: what an XML reader may trim from the ends of a text. */
const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function cellXml(ref: string, c: Cell): string {
  const s = c.style ? ` s="${c.style}"` : '';
  const v = c.value;
  if (v == null) return c.style ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s}/>`;
  if (v instanceof Date) return `<c r="${ref}"${s}><v>${excelSerial(v)}</v></c>`;
  const t = v.length > CELL_MAX ? v.slice(0, CELL_MAX) : v;
  const space = t && (isXmlSpace(t.charCodeAt(0)) || isXmlSpace(t.charCodeAt(t.length - 1))) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(t)}</t></is></c>`;
}

// ───────────────────────────── styles ─────────────────────────────

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

class Styles {
  private readonly fonts = new Map<string, number>();
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Map<string, number>();
  private readonly xfXml: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fontXml: string[] = [];
  /** solid fills by colour; ids from 2 (0 and 1 are the two every workbook starts with) */
  private readonly fills = new Map<string, number>();

  constructor(private readonly font: { name: string; size: number }) {
    // The Normal style keeps Excel's own font: column widths are counted in its digits.
    this.fontXml.push('<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>');
  }

  private fontId(s: Style): number {
    const size = s.size ?? this.font.size;
    const key = `${size}${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}${s.underline ? 'u' : ''}${s.color ?? ''}`;
    let id = this.fonts.get(key);
    if (id === undefined) {
      id = this.fontXml.length;
      this.fonts.set(key, id);
      this.fontXml.push(
        `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}${s.underline ? '<u/>' : ''}` +
          `<sz val="${size}"/>${s.color ? `<color rgb="${argb(s.color)}"/>` : ''}<name val="${xmlText(this.font.name)}"/><family val="1"/></font>`,
      );
    }
    return id;
  }

  private fillId(color: string | undefined): number {
    if (!color) return 0;
    const key = argb(color);
    let id = this.fills.get(key);
    if (id === undefined) this.fills.set(key, (id = 2 + this.fills.size));
    return id;
  }

  private formatId(code: string | undefined): number {
    if (!code) return 0;
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  id(s: Style): number {
    const font = this.fontId(s);
    const fmt = this.formatId(s.numFmt);
    const border = s.border ? 1 : 0;
    const fill = this.fillId(s.fill);
    const align =
      `<alignment horizontal="${s.horizontal ?? 'left'}" vertical="${s.vertical ?? 'center'}"` +
      `${s.wrap ? ' wrapText="1"' : ''}${s.indent ? ` indent="${s.indent}"` : ''}/>`;
    const xml =
      `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
      `${fmt ? ' applyNumberFormat="1"' : ''} applyFont="1"${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''} applyAlignment="1">${align}</xf>`;
    let id = this.xfs.get(xml);
    if (id === undefined) {
      id = this.xfXml.length;
      this.xfs.set(xml, id);
      this.xfXml.push(xml);
    }
    return id;
  }

  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    const black = '<color rgb="FF000000"/>';
    const thin = ['left', 'right', 'top', 'bottom'].map((side) => `<${side} style="thin">${black}</${side}>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      `<fonts count="${this.fontXml.length}">${this.fontXml.join('')}</fonts>` +
      `<fills count="${2 + this.fills.size}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      [...this.fills.keys()]
        .map((c) => `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor indexed="64"/></patternFill></fill>`)
        .join('') +
      '</fills>' +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}<diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
    );
  }
}

// ───────────────────────────── sheets ─────────────────────────────

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const XM = 'http://schemas.microsoft.com/office/excel/2006/main';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface Note {
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
interface SheetEnd {
  notes: Note[];
  charts: { chart: BarChart; anchor: ChartAnchor }[];
  printArea: string | null;
}

/** Text gathered before it is handed to the compressor, in pieces of about this many characters. */
const FLUSH_AT = 1 << 18;

export class SheetWriter {
  private pending: string[] = [];
  private pendingLength = 0;
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

  private push(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
  }

  private async flush(): Promise<void> {
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    await this.part.write(text);
  }

  /**
   * Writes row `r` (1-based, above every row written before) with its cells in column order. The
   * cells are turned into text at once (the caller may reuse them); a promise comes back only when
   * the text gathered so far went to the compressor, and then it must be awaited before the next row.
   */
  row(r: number, cells: Cell[], height?: number): Promise<void> | undefined {
    if (r <= this.lastRow) throw new Error(`xlsx: row ${r} written after row ${this.lastRow}`);
    this.lastRow = r;
    let xml = `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>`;
    let last = 0;
    for (const c of cells) {
      if (c.col <= last) throw new Error(`xlsx: cell ${columnLetter(c.col)}${r} out of order`);
      last = c.col;
      xml += cellXml(columnLetter(c.col) + r, c);
    }
    this.push(`${xml}</row>`);
    return this.pendingLength >= FLUSH_AT ? this.flush() : undefined;
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
    await this.flush();
    this.part.end();
    await this.onEnd({ notes: this.notes, charts: this.charts, printArea: this.area });
  }
}

// ───────────────────────────── the workbook ─────────────────────────────

const rels = (items: [string, string, string][]): string =>
  `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('') +
  '</Relationships>';

const OD = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

const quoted = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/** `'Tổng hợp'!$9:$9` */
function printTitles(sheet: string, rows: string): string {
  const [a, b] = rows.split(':');
  return `${quoted(sheet)}!$${a}:$${b ?? a}`;
}

/** `'Tổng hợp'!$A$1:$M$40` */
function printArea(sheet: string, ref: string): string {
  return `${quoted(sheet)}!${ref
    .split(':')
    .map((c) => c.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':')}`;
}

export class XlsxWriter {
  private readonly styles: Styles;
  private next = 0;
  private sheetOpen = false;
  private nextShapeBlock = 1;
  private closed = false;
  /** each sheet's print area, as it ends */
  private readonly printAreas: (string | null)[] = [];
  /** the number of each sheet's drawing (0: none) and of its first chart, in the order of the sheets */
  private readonly drawingNo: number[] = [];
  private readonly firstChartNo: number[] = [];

  private constructor(
    private readonly fd: number,
    private readonly zip: ZipWriter,
    private readonly opts: WorkbookOptions,
  ) {
    this.styles = new Styles(opts.font);
    let drawings = 0;
    let charts = 0;
    for (const s of opts.sheets) {
      this.drawingNo.push(s.charts ? ++drawings : 0);
      this.firstChartNo.push(charts + 1);
      charts += s.charts ?? 0;
    }
  }

  /** Starts a workbook at `path` (a temporary name: the caller renames it when `close` returns). */
  static async create(path: string, opts: WorkbookOptions): Promise<XlsxWriter> {
    const fd = openSync(path, 'w');
    const w = new XlsxWriter(fd, new ZipWriter(fd), opts);
    try {
      await w.begin();
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    return w;
  }

  style(s: Style): number {
    return this.styles.id(s);
  }

  private async begin(): Promise<void> {
    const { sheets } = this.opts;
    const zip = this.zip;
    await zip.text(
      '[Content_Types].xml',
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        (sheets.some((s) => s.notes)
          ? '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
          : '') +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`).join('') +
        sheets.map((s, i) => (s.notes ? `<Override PartName="/xl/comments${i + 1}.xml" ContentType="${CT}.comments+xml"/>` : '')).join('') +
        sheets
          .map((s, i) =>
            s.charts
              ? `<Override PartName="/xl/drawings/drawing${this.drawingNo[i]}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
                Array.from(
                  { length: s.charts },
                  (_, k) =>
                    `<Override PartName="/xl/charts/chart${this.firstChartNo[i] + k}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
                ).join('')
              : '',
          )
          .join('') +
        `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    );
    await zip.text(
      '_rels/.rels',
      rels([
        ['rId1', `${OD}/officeDocument`, 'xl/workbook.xml'],
        ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
        ['rId3', `${OD}/extended-properties`, 'docProps/app.xml'],
      ]),
    );
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const prop = (tag: string, v: string | undefined): string => (v ? `<${tag}>${xmlText(v)}</${tag}>` : '');
    await zip.text(
      'docProps/core.xml',
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        prop('dc:creator', this.opts.creator) +
        prop('dc:title', this.opts.title) +
        prop('dc:subject', this.opts.subject) +
        prop('cp:keywords', this.opts.keywords) +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    );
    await zip.text(
      'docProps/app.xml',
      `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>tiendo</Application>' +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
        '</Properties>',
    );
    await zip.text(
      'xl/_rels/workbook.xml.rels',
      rels([
        ...sheets.map((_, i): [string, string, string] => [`rId${i + 1}`, `${OD}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
        [`rId${sheets.length + 1}`, `${OD}/styles`, 'styles.xml'],
      ]),
    );
  }

  /** Opens the next sheet (in the order given to `create`); end it before opening another. */
  sheet(opts: Omit<SheetOptions, 'name'>): SheetWriter {
    const i = this.next++;
    if (i >= this.opts.sheets.length) throw new Error('xlsx: more sheets than declared');
    if (this.sheetOpen) throw new Error('xlsx: a sheet opened before the previous one ended');
    this.sheetOpen = true;
    const part = this.zip.part(`xl/worksheets/sheet${i + 1}.xml`);
    const declared = this.opts.sheets[i];
    return new SheetWriter(part, i, { ...opts, name: declared.name, notes: declared.notes, charts: declared.charts }, async (end) => {
      // the ids SheetWriter's tail refers to: notes rId1 and rId2 (legacyDrawing), then the drawing
      const sheetRels: [string, string, string][] = [];
      if (declared.notes)
        sheetRels.push(
          ['rId1', `${OD}/comments`, `../comments${i + 1}.xml`],
          ['rId2', `${OD}/vmlDrawing`, `../drawings/vmlDrawing${i + 1}.vml`],
        );
      if (declared.charts)
        sheetRels.push([declared.notes ? 'rId3' : 'rId1', `${OD}/drawing`, `../drawings/drawing${this.drawingNo[i]}.xml`]);
      if (sheetRels.length) await this.zip.text(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, rels(sheetRels));
      if (declared.notes) await this.writeNotes(i + 1, end.notes);
      if (declared.charts) await this.writeCharts(declared.name, this.drawingNo[i], this.firstChartNo[i], end.charts);
      this.printAreas[i] = end.printArea;
      this.sheetOpen = false;
    });
  }

  /** A sheet's drawing (`xl/drawings/drawingN.xml`) framing its charts, its relationships, and the chart parts. */
  private async writeCharts(sheet: string, n: number, first: number, charts: SheetEnd['charts']): Promise<void> {
    await this.zip.text(
      `xl/drawings/drawing${n}.xml`,
      drawingXml(
        charts.map((c, k) => ({
          anchor: c.anchor,
          rId: `rId${k + 1}`,
          name: `Biểu đồ ${k + 1}`,
        })),
      ),
    );
    await this.zip.text(
      `xl/drawings/_rels/drawing${n}.xml.rels`,
      rels(charts.map((_, k): [string, string, string] => [`rId${k + 1}`, `${OD}/chart`, `../charts/chart${first + k}.xml`])),
    );
    for (const [k, c] of charts.entries()) await this.zip.text(`xl/charts/chart${first + k}.xml`, chartXml(sheet, c.chart));
  }

  /**
   * The workbook part, written last: the print areas are known once each sheet has ended. It opens on
   * the first sheet, whose tab is selected, so printing "the active sheet" prints the report.
   */
  private async writeWorkbook(): Promise<void> {
    const { sheets } = this.opts;
    const defined = (name: string, i: number, ref: string): string =>
      `<definedName name="${name}" localSheetId="${i}">${xmlText(ref)}</definedName>`;
    // as Excel orders them: by name, then by sheet
    const names =
      sheets.map((s, i) => (this.printAreas[i] ? defined('_xlnm.Print_Area', i, printArea(s.name, this.printAreas[i]!)) : '')).join('') +
      sheets.map((s, i) => (s.printTitleRows ? defined('_xlnm.Print_Titles', i, printTitles(s.name, s.printTitleRows)) : '')).join('');
    await this.zip.text(
      'xl/workbook.xml',
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}</workbook>`,
    );
  }

  /**
   * Sheet n's notes: the comments part Excel reads their text from, and the VML drawing of the
   * boxes it shows them in (without it Excel shows no note), as Excel itself writes them.
   */
  private async writeNotes(n: number, notes: Note[]): Promise<void> {
    // Shape ids come in blocks of 1,024 a drawing claims in its idmap; each sheet takes the next ones.
    const first = this.nextShapeBlock;
    const blocks = Math.floor(notes.length / 1024) + 1;
    this.nextShapeBlock += blocks;
    const comments = this.zip.part(`xl/comments${n}.xml`);
    await comments.write(`${HEAD}<comments xmlns="${MAIN}"><authors><author>tiendo</author></authors><commentList>`);
    for (let k = 0; k < notes.length; k += 1000) {
      await comments.write(
        notes
          .slice(k, k + 1000)
          .map(
            (c) =>
              // one run, as Excel writes a note's text (a reader such as exceljs reads only runs)
              `<comment ref="${columnLetter(c.col)}${c.row}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="Tahoma"/><family val="2"/></rPr>` +
              `<t xml:space="preserve">${xmlText(c.text.slice(0, CELL_MAX))}</t></r></text></comment>`,
          )
          .join(''),
      );
    }
    await comments.write('</commentList></comments>');
    comments.end();
    const vml = this.zip.part(`xl/drawings/vmlDrawing${n}.vml`);
    await vml.write(
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${Array.from({ length: blocks }, (_, b) => first + b).join(',')}"/></o:shapelayout>` +
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>',
    );
    for (let k = 0; k < notes.length; k += 1000) {
      await vml.write(
        notes
          .slice(k, k + 1000)
          .map(
            (c, j) =>
              `<v:shape id="_x0000_s${first * 1024 + k + j + 1}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:${k + j + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
              '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
              '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
              `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c.col}, 15, ${Math.max(0, c.row - 2)}, 10, ${c.col + 3}, 15, ${c.row + 3}, 4</x:Anchor>` +
              `<x:AutoFill>False</x:AutoFill><x:Row>${c.row - 1}</x:Row><x:Column>${c.col - 1}</x:Column></x:ClientData></v:shape>`,
          )
          .join(''),
      );
    }
    await vml.write('</xml>');
    vml.end();
  }

  /** Writes the styles and the zip's directory, and closes the file. */
  async close(): Promise<void> {
    try {
      if (this.next !== this.opts.sheets.length) throw new Error(`xlsx: ${this.next} of ${this.opts.sheets.length} sheets written`);
      await this.writeWorkbook();
      await this.zip.text('xl/styles.xml', this.styles.xml());
      await this.zip.finish();
    } finally {
      this.closeFile();
    }
  }

  /** Closes the file after a failure, once no compressed part can still reach it; the caller removes it. */
  async abort(): Promise<void> {
    await this.zip.abandon();
    this.closeFile();
  }

  /** Once only: the number of a closed descriptor may already belong to the next file opened. */
  private closeFile(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
