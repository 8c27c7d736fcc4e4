// The annotated copy of a CSV register, made whole in memory and written at once: a CSV has no
// formatting of its own and is small (a large one goes through the streaming writer,
// ./annotate-stream.ts, which this copy matches cell for cell). A minimal package: the result sheet,
// the register's sheet laid out as the other copies lay it out (copyLayout), the notes, one fixed
// stylesheet compressed once for every copy, and the core properties with tiendo's mark.
import { basename, extname } from 'node:path';
import type { Cell, Diagnostic, RawWorkbook } from '../types.js';
import { CHECKED_MARK } from '../domain/marks.js';
import {
  ERROR_FILL,
  RESULT_SHEET,
  TEXT,
  WARNING_FILL,
  columnNumber,
  copyLayout,
  noteLine,
  quoteSheet,
  uniqueSheetName,
  type AnnotateInput,
  sortByKeys,
} from './annotate-common.js';
import { patchNotes } from './annotate-patch-notes.js';
import { resultSheet, type ResultRow } from './annotate-patch-result.js';
import type { ResultStyles } from './annotate-patch-styles.js';
import { MAIN_NS, REL_NS, XML_HEAD, escapeAttr, withRels } from './annotate-patch-xml.js';
import { patchZip } from './zip-patch.js';
import { columnLetter, xmlText } from './xml.js';

const font = (inner: string, size = 11) => `<font>${inner}<sz val="${size}"/><name val="Calibri"/><family val="2"/></font>`;
const fill = (argb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
const xf = (numFmt: number, fontId: number, fillId: number, borderId: number, align: string) =>
  `<xf numFmtId="${numFmt}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
  `${numFmt ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}` +
  (align ? ` applyAlignment="1"><alignment ${align}/></xf>` : '/>');

type Kind = 'text' | 'date' | 'number' | 'percent';
const KINDS: Kind[] = ['text', 'date', 'number', 'percent'];
const NUMFMT: Record<Kind, number> = { text: 0, date: 164, number: 0, percent: 165 };
/** The result sheet's formats: the first eleven of the stylesheet below. */
const RESULT: ResultStyles = { plain: 1, title: 2, bold: 3, italic: 4, header: 5, error: 6, warning: 7, centred: 8, link: 9, message: 10 };
/** A register cell's format: by kind of value, severity (none, error, warning) and wrapping. */
const dataStyle = (kind: Kind, sev: Diagnostic['severity'] | undefined, wrap: boolean): number =>
  11 + KINDS.indexOf(kind) * 6 + (sev === 'error' ? 2 : sev === 'warning' ? 4 : 0) + (wrap ? 1 : 0);

const top = 'vertical="top"';
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>' +
  `<fonts count="5">${font('')}${font('<b/>', 13)}${font('<b/>')}${font('<i/>')}${font('<u/><color rgb="FF0563C1"/>')}</fonts>` +
  `<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fill(ERROR_FILL)}${fill(WARNING_FILL)}${fill('FFD9E1F2')}</fills>` +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${11 + 24}">` +
  xf(0, 0, 0, 0, '') +
  [
    xf(0, 0, 0, 0, top),
    xf(0, 1, 0, 0, ''),
    xf(0, 2, 0, 0, ''),
    xf(0, 3, 0, 0, ''),
    xf(0, 2, 4, 1, 'vertical="center" wrapText="1"'),
    xf(0, 0, 2, 0, top),
    xf(0, 0, 3, 0, top),
    xf(0, 0, 0, 0, `horizontal="center" ${top}`),
    xf(0, 4, 0, 0, `horizontal="center" ${top}`),
    xf(0, 0, 0, 0, `${top} wrapText="1"`),
  ].join('') +
  KINDS.flatMap((k) => [0, 2, 3].flatMap((f) => [xf(NUMFMT[k], 0, f, 0, top), xf(NUMFMT[k], 0, f, 0, `${top} wrapText="1"`)])).join('') +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const ROOT_RELS = withRels(undefined, [
  { id: 'rId1', type: `${REL_NS}/officeDocument`, target: 'xl/workbook.xml' },
  {
    id: 'rId2',
    type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
    target: 'docProps/core.xml',
  },
]);
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
/** Excel keeps at most 32,767 characters in a cell. */
const CELL_MAX = 32767;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const isXmlSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function cellXml(ref: string, cell: Cell | null, style: (kind: Kind) => number): string {
  if (!cell) return `<c r="${ref}" s="${style('text')}"/>`;
  if (cell.date) {
    const [y = 1900, m = 1, d = 1] = cell.date.split('-').map(Number);
    return `<c r="${ref}" s="${style('date')}"><v>${(Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / 86_400_000}</v></c>`;
  }
  if (cell.number !== undefined && !cell.error && Number.isFinite(cell.number)) {
    return `<c r="${ref}" s="${style(cell.percent ? 'percent' : 'number')}"><v>${cell.number}</v></c>`;
  }
  // A string is always written as a string: `=SUM(…)` stays text, never a formula.
  const t = (cell.text || cell.error || '').slice(0, CELL_MAX);
  const space = isXmlSpace(t.charCodeAt(0)) || isXmlSpace(t.charCodeAt(t.length - 1)) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" s="${style('text')}" t="inlineStr"><is><t${space}>${xmlText(t)}</t></is></c>`;
}

/** The register's sheet: every cell read at its row and column, the flagged ones filled; its notes' relationship as rId1/rId2. */
function dataSheet(sheet: RawWorkbook['sheets'][number], flagged: Map<number, Map<number, Diagnostic[]>>): string {
  const layout = copyLayout(sheet);
  const byNumber = new Map(sheet.rows.map((row) => [row.number, row]));
  const numbers = [...new Set([...byNumber.keys(), ...flagged.keys()])].sort((a, b) => a - b);
  const rows: string[] = [];
  for (const n of numbers) {
    const row = byNumber.get(n);
    const marks = flagged.get(n);
    const wrap = !row || layout.wraps(row, 0);
    const last = Math.max(row?.cells.length ?? 0, ...(marks ? marks.keys() : []));
    let cells = '';
    for (let col = 1; col <= last; col++) {
      const cell = row?.cells[col - 1] ?? null;
      const ds = marks?.get(col);
      if (!cell && !ds) continue;
      // an error wins over a warning in the same cell
      const sev = ds ? (ds.some((d) => d.severity === 'error') ? 'error' : 'warning') : undefined;
      cells += cellXml(`${columnLetter(col)}${n}`, cell, (kind) => dataStyle(kind, sev, wrap));
    }
    const height = layout.heights.get(n);
    if (cells) rows.push(`<row r="${n}"${height ? ` ht="${height}" customHeight="1"` : ''}>${cells}</row>`);
  }
  const widths = Array.from(layout.widths, (w) => w ?? 8.43);
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    (widths.length
      ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
      : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    (flagged.size ? '<legacyDrawing r:id="rId2"/>' : '') +
    '</worksheet>'
  );
}

interface Place {
  sheet: number;
  row: number;
  col: number;
}

/** Where each diagnostic goes (a row without a sheet, or a CSV's nameless one: the first; no column: A), in the result sheet's order. */
function placeAll(diagnostics: Diagnostic[], raw: RawWorkbook): { d: Diagnostic; at: Place | null }[] {
  const index = new Map(raw.sheets.map((s, i) => [s.name, i]));
  const placed = diagnostics.map((d) => {
    if (d.row === null || d.row < 1) return { d, at: null };
    const sheet = d.sheet ? index.get(d.sheet) : 0;
    if (sheet === undefined || sheet >= raw.sheets.length) return { d, at: null };
    const column = d.column && /^[A-Z]{1,3}$/i.test(d.column) ? d.column.toUpperCase() : 'A';
    return { d, at: { sheet, row: d.row, col: columnNumber(column) } };
  });
  const key = ({ d, at }: { d: Diagnostic; at: Place | null }): number[] => [
    d.row === null ? 0 : 1,
    at ? at.sheet : -1,
    d.row ?? 0,
    columnNumber(d.column),
  ];
  return sortByKeys(placed, key);
}

/** The copy of a register read from a CSV (or any register from its cells as read), as the bytes of an .xlsx. */
export function csvCopy(input: AnnotateInput, raw: RawWorkbook): Buffer {
  const { register, lang } = input;
  const used = new Set<string>([RESULT_SHEET.toLowerCase()]);
  const names = raw.sheets.map((sheet) => uniqueSheetName(sheet.name || basename(register.path, extname(register.path)), used));
  const sorted = placeAll(input.diagnostics, raw);
  const flagged = raw.sheets.map(() => new Map<number, Map<number, Diagnostic[]>>());
  for (const { d, at } of sorted) {
    const rows = at ? flagged[at.sheet] : undefined;
    if (!at || !rows) continue;
    const cols = rows.get(at.row) ?? new Map<number, Diagnostic[]>();
    cols.set(at.col, [...(cols.get(at.col) ?? []), d]);
    rows.set(at.row, cols);
  }
  const result = resultSheet(
    register,
    sorted.map((p): ResultRow => ({
      d: p.d,
      at: p.at ? { sheet: names[p.at.sheet] ?? '', address: `${columnLetter(p.at.col)}${p.at.row}` } : null,
    })),
    lang,
    RESULT,
  );
  const parts: [string, string, boolean?][] = [
    ['_rels/.rels', ROOT_RELS, true],
    ['xl/styles.xml', STYLES, true],
    ['xl/worksheets/sheet1.xml', result.xml],
  ];
  if (result.rels.length) parts.push(['xl/worksheets/_rels/sheet1.xml.rels', withRels(undefined, result.rels)]);
  const types = [`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>`];
  raw.sheets.forEach((sheet, i) => {
    const n = i + 2;
    const marks = flagged[i] ?? new Map<number, Map<number, Diagnostic[]>>();
    parts.push([`xl/worksheets/sheet${n}.xml`, dataSheet(sheet, marks)]);
    types.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.worksheet+xml"/>`);
    if (!marks.size) return;
    const add = [...marks].flatMap(([row, cols]) =>
      [...cols].map(([col, ds]) => ({ row, col, letters: columnLetter(col), lines: ds.map((d) => noteLine(d, lang)) })),
    );
    const notes = patchNotes({ comments: null, vml: null, add, freeBlock: i + 1 });
    if (!notes) return;
    parts.push(
      [`xl/comments${n}.xml`, notes.comments],
      [`xl/drawings/vmlDrawing${n}.vml`, notes.vml],
      [
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        withRels(undefined, [
          { id: 'rId1', type: `${REL_NS}/comments`, target: `../comments${n}.xml` },
          { id: 'rId2', type: `${REL_NS}/vmlDrawing`, target: `../drawings/vmlDrawing${n}.vml` },
        ]),
      ],
    );
    types.push(`<Override PartName="/xl/comments${n}.xml" ContentType="${CT}.comments+xml"/>`);
  });
  const all = [RESULT_SHEET, ...names];
  const q = quoteSheet(RESULT_SHEET);
  parts.push(
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        all.map((name, i) => `<sheet name="${escapeAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets><definedNames>' +
        `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escapeAttr(`${q}!$A$${result.headerRow}:$H$${result.lastRow}`)}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="0">${escapeAttr(`${q}!$${result.headerRow}:$${result.headerRow}`)}</definedName>` +
        '</definedNames></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      withRels(undefined, [
        ...all.map((_, i) => ({ id: `rId${i + 1}`, type: `${REL_NS}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
        { id: `rId${all.length + 1}`, type: `${REL_NS}/styles`, target: 'styles.xml' },
      ]),
    ],
    [
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
        `<dc:creator>tiendo</dc:creator><dc:title>${xmlText(TEXT[lang].title(register.displayPath))}</dc:title><cp:keywords>${CHECKED_MARK}</cp:keywords></cp:coreProperties>`,
    ],
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `${types.join('')}</Types>`,
    ],
  );
  const bytes = patchZip(Buffer.alloc(0), [], new Map(), parts);
  if (!bytes) throw new Error('xlsx: a CSV copy too large for a zip');
  return bytes;
}
