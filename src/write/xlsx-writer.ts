// A small .xlsx writer for the summary workbooks (and the annotated copies of registers too large
// for exceljs): rows are written as they are produced and deflated on the side (./zip-writer.ts),
// so a province's `Chi tiết` of 100,000 tasks never sits in memory as cells. It writes only what a
// printed report needs — inline text, numbers, dates, one font family in a few sizes and colours,
// solid fills, thin borders, alignment, number formats, merged cells, column widths and row
// heights, frozen header rows, filters, data bars, links to cells of the workbook, cell notes, A4
// page setup with print titles and a footer, and the workbook's properties. Text is always written as text,
// never a formula. exceljs writes the rest (annotated copies of ordinary registers, templates); the
// tests read these workbooks back with exceljs, openpyxl and LibreOffice.
import { closeSync, openSync } from 'node:fs';
import { ZipWriter, type PartWriter } from './zip-writer.js';

export type CellValue = string | number | Date | null;

export interface Style {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  /** wrap long text onto more lines */
  wrap?: boolean;
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
   * notes (SheetWriter.note: declared here, because the package lists the parts before the cells)
   */
  sheets: { name: string; printTitleRows?: string; notes?: boolean }[];
  /** the font of every cell */
  font: { name: string; size: number };
  title?: string;
  subject?: string;
  creator?: string;
  keywords?: string;
}

// ───────────────────────────── text ─────────────────────────────

// Characters XML 1.0 cannot carry (pasted from old software).
const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(XML_BAD, '').replace(/[&<>"]/g, (c) => ESC[c]);
}

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_MAX = 32767;

const LETTERS: string[] = [];
export function columnLetter(n: number): string {
  let s = LETTERS[n];
  if (s) return s;
  s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return (LETTERS[n] = s);
}

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
      `<alignment horizontal="${s.horizontal ?? 'left'}" vertical="center"` +
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
      [...this.fills.keys()].map((c) => `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor indexed="64"/></patternFill></fill>`).join('') +
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

  constructor(
    private readonly part: PartWriter,
    private readonly index: number,
    private readonly opts: SheetOptions & { notes?: boolean },
    private readonly onEnd: (notes: Note[]) => Promise<void>,
  ) {
    const cols = opts.widths
      .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
      .join('');
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
      (this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>` : '') +
      this.bars.map((b, k) =>
        `<conditionalFormatting sqref="${b.ref}"><cfRule type="dataBar" priority="${k + 1}"><dataBar minLength="0" maxLength="100">` +
        `<cfvo type="num" val="${b.min}"/><cfvo type="num" val="${b.max}"/><color rgb="${b.color}"/></dataBar>` +
        `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${X14}"><x14:id>${b.id}</x14:id></ext></extLst>` +
        '</cfRule></conditionalFormatting>').join('') +
      (this.links.length ? `<hyperlinks>${this.links.join('')}</hyperlinks>` : '') +
      (p.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : '') +
      `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
      `<pageSetup paperSize="${p.paperSize}" orientation="${p.landscape ? 'landscape' : 'portrait'}" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>` +
      (opts.footer ? `<headerFooter><oddFooter>${xmlText(opts.footer)}</oddFooter></headerFooter>` : '') +
      (opts.notes ? '<legacyDrawing r:id="rId2"/>' : '') +
      (this.bars.length
        ? `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings>` +
          this.bars.map((b) =>
            `<x14:conditionalFormatting xmlns:xm="${XM}"><x14:cfRule type="dataBar" id="${b.id}">` +
            `<x14:dataBar minLength="0" maxLength="100" gradient="${b.gradient ? 1 : 0}">` +
            `<x14:cfvo type="num"><xm:f>${b.min}</xm:f></x14:cfvo><x14:cfvo type="num"><xm:f>${b.max}</xm:f></x14:cfvo>` +
            `</x14:dataBar></x14:cfRule><xm:sqref>${b.ref}</xm:sqref></x14:conditionalFormatting>`).join('') +
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

  async end(): Promise<void> {
    this.push(this.tail());
    await this.flush();
    this.part.end();
    await this.onEnd(this.notes);
  }
}

// ───────────────────────────── the workbook ─────────────────────────────

const rels = (items: [string, string, string][]): string =>
  `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('') +
  '</Relationships>';

const OD = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** `'Tổng hợp'!$9:$9` */
function printTitles(sheet: string, rows: string): string {
  const [a, b] = rows.split(':');
  return `'${sheet.replace(/'/g, "''")}'!$${a}:$${b ?? a}`;
}

export class XlsxWriter {
  private readonly styles: Styles;
  private next = 0;
  private sheetOpen = false;
  private nextShapeBlock = 1;
  private closed = false;

  private constructor(private readonly fd: number, private readonly zip: ZipWriter, private readonly opts: WorkbookOptions) {
    this.styles = new Styles(opts.font);
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
    await zip.text('[Content_Types].xml',
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      (sheets.some((s) => s.notes) ? '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' : '') +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`).join('') +
      sheets.map((s, i) => (s.notes ? `<Override PartName="/xl/comments${i + 1}.xml" ContentType="${CT}.comments+xml"/>` : '')).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>');
    await zip.text('_rels/.rels', rels([
      ['rId1', `${OD}/officeDocument`, 'xl/workbook.xml'],
      ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
      ['rId3', `${OD}/extended-properties`, 'docProps/app.xml'],
    ]));
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const prop = (tag: string, v: string | undefined): string => (v ? `<${tag}>${xmlText(v)}</${tag}>` : '');
    await zip.text('docProps/core.xml',
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      prop('dc:creator', this.opts.creator) + prop('dc:title', this.opts.title) + prop('dc:subject', this.opts.subject) +
      prop('cp:keywords', this.opts.keywords) +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`);
    await zip.text('docProps/app.xml',
      `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
      'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>tiendo</Application>' +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
      '</Properties>');
    const names = sheets
      .map((s, i) => (s.printTitleRows
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(printTitles(s.name, s.printTitleRows))}</definedName>`
        : ''))
      .join('');
    await zip.text('xl/workbook.xml',
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      `</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}</workbook>`);
    await zip.text('xl/_rels/workbook.xml.rels', rels([
      ...sheets.map((_, i): [string, string, string] => [`rId${i + 1}`, `${OD}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
      [`rId${sheets.length + 1}`, `${OD}/styles`, 'styles.xml'],
    ]));
  }

  /** Opens the next sheet (in the order given to `create`); end it before opening another. */
  sheet(opts: Omit<SheetOptions, 'name'>): SheetWriter {
    const i = this.next++;
    if (i >= this.opts.sheets.length) throw new Error('xlsx: more sheets than declared');
    if (this.sheetOpen) throw new Error('xlsx: a sheet opened before the previous one ended');
    this.sheetOpen = true;
    const part = this.zip.part(`xl/worksheets/sheet${i + 1}.xml`);
    const declared = this.opts.sheets[i];
    return new SheetWriter(part, i, { ...opts, name: declared.name, notes: declared.notes }, async (notes) => {
      if (declared.notes) await this.writeNotes(i + 1, notes);
      this.sheetOpen = false;
    });
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
    await this.zip.text(`xl/worksheets/_rels/sheet${n}.xml.rels`, rels([
      ['rId1', `${OD}/comments`, `../comments${n}.xml`],
      ['rId2', `${OD}/vmlDrawing`, `../drawings/vmlDrawing${n}.vml`],
    ]));
    const comments = this.zip.part(`xl/comments${n}.xml`);
    await comments.write(`${HEAD}<comments xmlns="${MAIN}"><authors><author>tiendo</author></authors><commentList>`);
    for (let k = 0; k < notes.length; k += 1000) {
      await comments.write(notes.slice(k, k + 1000).map((c) =>
        // one run, as Excel writes a note's text (a reader such as exceljs reads only runs)
        `<comment ref="${columnLetter(c.col)}${c.row}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="Tahoma"/><family val="2"/></rPr>` +
        `<t xml:space="preserve">${xmlText(c.text.slice(0, CELL_MAX))}</t></r></text></comment>`).join(''));
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
      await vml.write(notes.slice(k, k + 1000).map((c, j) =>
        `<v:shape id="_x0000_s${first * 1024 + k + j + 1}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:${k + j + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c.col}, 15, ${Math.max(0, c.row - 2)}, 10, ${c.col + 3}, 15, ${c.row + 3}, 4</x:Anchor>` +
        `<x:AutoFill>False</x:AutoFill><x:Row>${c.row - 1}</x:Row><x:Column>${c.col - 1}</x:Column></x:ClientData></v:shape>`).join(''));
    }
    await vml.write('</xml>');
    vml.end();
  }

  /** Writes the styles and the zip's directory, and closes the file. */
  async close(): Promise<void> {
    try {
      if (this.next !== this.opts.sheets.length) throw new Error(`xlsx: ${this.next} of ${this.opts.sheets.length} sheets written`);
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
