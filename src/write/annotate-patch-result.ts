// The result sheet of a copy patched at zip level (./annotate-patch.ts), written as text: the same
// lines and table as the exceljs copy's (./annotate-exceljs.ts), each cell address a link to its cell,
// the header row frozen and filtered, printed on A4 landscape one page wide.
import type { Diagnostic, Lang, Register } from '../types.js';
import {
  COPY_LINE_PT as LINE_PT,
  MESSAGE_UNITS_PER_CHAR,
  RESULT_COLUMNS,
  TEXT,
  noteLine,
  quoteSheet,
  wrappedLines,
} from './annotate-common.js';
import type { ResultStyles } from './annotate-patch-styles.js';
import { MAIN_NS, REL_NS, XML_HEAD, escapeAttr } from './annotate-patch-xml.js';
import { columnLetter, xmlText } from './xml.js';

/** A diagnostic and the cell it is shown on (its sheet's name, and the address there). */
export interface ResultRow {
  d: Diagnostic;
  at: { sheet: string; address: string } | null;
}

export interface ResultSheet {
  xml: string;
  /** the relationships of its links */
  rels: { id: string; type: string; target: string; external: boolean }[];
  headerRow: number;
  lastRow: number;
}

const isXmlSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function cell(ref: string, value: string | number | null, style: number): string {
  if (value === null || value === '') return style ? `<c r="${ref}" s="${style}"/>` : '';
  if (typeof value === 'number') return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  const space = isXmlSpace(value.charCodeAt(0)) || isXmlSpace(value.charCodeAt(value.length - 1)) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

export function resultSheet(register: Register, placed: ResultRow[], lang: Lang, st: ResultStyles): ResultSheet {
  const t = TEXT[lang];
  const errors = placed.filter((p) => p.d.severity === 'error').length;
  const unit = register.unit ? `${register.unit.name} (${register.unit.code})` : null;
  const rows: string[] = [];
  let r = 0;
  const row = (cells: [string | number | null, number][], height?: number): void => {
    r++;
    const xml = cells.map(([v, s], i) => cell(`${columnLetter(i + 1)}${r}`, v, s)).join('');
    rows.push(xml ? `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>${xml}</row>` : '');
  };
  row([[t.title(register.displayPath), st.title]]);
  row([[t.unit(unit), st.plain]]);
  row([[t.counts(errors, placed.length - errors), st.bold]]);
  row([[t.howTo, st.italic]]);
  const fileLevel = placed.filter((p) => p.d.row === null);
  if (fileLevel.length) {
    row([]);
    row([[t.fileLevel, st.bold]]);
    for (const { d } of fileLevel) row([[noteLine(d, lang), d.severity === 'error' ? st.error : st.warning]]);
  }
  row([]);
  const columns = RESULT_COLUMNS[lang];
  row(columns.map((h) => [h, st.header]));
  const headerRow = r;
  const table = placed.map(({ d, at }) => ({
    d,
    at,
    values: [
      t.severity[d.severity],
      d.rule,
      at ? at.sheet : d.sheet || null,
      d.row,
      d.row !== null ? (at ? at.address.replace(/\d+$/, '') : d.column) : null,
      at ? at.address : null,
      d.taskId,
      d.message,
    ],
  }));
  const longest = columns.map((h) => h.length);
  for (const { values } of table) values.forEach((v, i) => (longest[i] = Math.max(longest[i] ?? 0, String(v ?? '').length)));
  const widths = longest.map((len, i) =>
    i === columns.length - 1 ? Math.min(90, Math.max(30, len + 2)) : Math.min(30, Math.max(6, len + 2)),
  );
  const links: string[] = [];
  const rels: ResultSheet['rels'] = [];
  for (const { d, at, values } of table) {
    const sev = d.severity === 'error' ? st.error : st.warning;
    // a message longer than its column wraps: the row as tall as its lines (LibreOffice does not fit it)
    const lines = wrappedLines(d.message, widths[columns.length - 1] ?? 30, MESSAGE_UNITS_PER_CHAR);
    row(
      values.map((v, i) => [
        v,
        [sev, st.plain, st.plain, st.centred, st.centred, at ? st.link : st.centred, st.plain, st.message][i] ?? st.plain,
      ]),
      lines > 1 ? lines * LINE_PT : undefined,
    );
    if (at) {
      // as exceljs writes a link inside the workbook: its place, and a relationship to `#place` (what exceljs reads)
      const location = `${quoteSheet(at.sheet)}!${at.address}`;
      const id = `rId${rels.length + 1}`;
      rels.push({ id, type: `${REL_NS}/hyperlink`, target: `#${location}`, external: true });
      links.push(`<hyperlink ref="F${r}" location="${escapeAttr(location)}" r:id="${id}"/>`);
    }
  }
  const last = Math.max(r, headerRow);
  const xml =
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${columnLetter(columns.length)}${last}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A${headerRow}:${columnLetter(columns.length)}${headerRow + placed.length}"/>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    '</worksheet>';
  return { xml, rels, headerRow, lastRow: last };
}
