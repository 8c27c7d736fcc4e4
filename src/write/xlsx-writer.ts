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
import { CELL_MAX, HEAD, MAIN, REL, SheetWriter, type Note, type SheetEnd, type SheetOptions } from './xlsx-sheet.js';
import { Styles, type Style } from './xlsx-styles.js';
import { columnLetter, xmlText } from './xml.js';
import { ZipWriter } from './zip-writer.js';

export { columnLetter, xmlText };
export type { BarChart, ChartAnchor, Style };
export { SheetWriter, excelSerial, type Cell, type CellValue, type SheetOptions } from './xlsx-sheet.js';

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
                    `<Override PartName="/xl/charts/chart${(this.firstChartNo[i] ?? 1) + k}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
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
    const declared = this.opts.sheets[i];
    if (!declared) throw new Error('xlsx: more sheets than declared');
    if (this.sheetOpen) throw new Error('xlsx: a sheet opened before the previous one ended');
    this.sheetOpen = true;
    const part = this.zip.part(`xl/worksheets/sheet${i + 1}.xml`);
    const drawing = this.drawingNo[i] ?? 0;
    const firstChart = this.firstChartNo[i] ?? 1;
    return new SheetWriter(part, i, { ...opts, name: declared.name, notes: declared.notes, charts: declared.charts }, async (end) => {
      // the ids SheetWriter's tail refers to: notes rId1 and rId2 (legacyDrawing), then the drawing
      const sheetRels: [string, string, string][] = [];
      if (declared.notes)
        sheetRels.push(
          ['rId1', `${OD}/comments`, `../comments${i + 1}.xml`],
          ['rId2', `${OD}/vmlDrawing`, `../drawings/vmlDrawing${i + 1}.vml`],
        );
      if (declared.charts) sheetRels.push([declared.notes ? 'rId3' : 'rId1', `${OD}/drawing`, `../drawings/drawing${drawing}.xml`]);
      if (sheetRels.length) await this.zip.text(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, rels(sheetRels));
      if (declared.notes) await this.writeNotes(i + 1, end.notes);
      if (declared.charts) await this.writeCharts(declared.name, drawing, firstChart, end.charts);
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
      sheets
        .map((s, i) => {
          const area = this.printAreas[i];
          return area ? defined('_xlnm.Print_Area', i, printArea(s.name, area)) : '';
        })
        .join('') +
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
