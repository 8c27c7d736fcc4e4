// The annotated copy written by tiendo's own streaming xlsx writer from the cells as read, for a
// register too large to hold in memory (more than IN_MEMORY_MAX_CELLS cells). The same result table
// and links, flagged cells filled and noted, the sheet laid out as the other copies lay out the same
// cells (a CSV of ordinary size: ./annotate-csv.ts, which matches this copy cell for cell).
import { basename, extname } from 'node:path';
import type { Cell, Diagnostic, Lang, RawWorkbook } from '../types.js';
import { CHECKED_MARK } from '../domain/marks.js';
import {
  ERROR_FILL,
  RESULT_COLUMNS,
  RESULT_SHEET,
  TEXT,
  WARNING_FILL,
  columnNumber,
  copyLayout,
  noteLine,
  quoteSheet,
  uniqueSheetName,
  type AnnotateInput,
} from './annotate-common.js';
import { XlsxWriter, columnLetter, type Cell as OutCell, type SheetOptions, type SheetWriter, type Style } from './xlsx-writer.js';

/** Where a diagnostic points in the streamed copy: the copy's sheet, row and 1-based column. */
interface RawPlace {
  sheet: number;
  wsName: string;
  row: number;
  col: number;
  address: string;
}

/**
 * The annotated copy written row by row from the cells as read: the result sheet first (the same
 * table, each address a link), then each sheet with its cells' values at their own rows and columns,
 * the flagged cells filled and noted. Not a workbook's own formatting or merges (exceljs would hold the
 * whole register in memory to keep them): used for a CSV, which has none, and for a very large
 * register (`large`: the result sheet says why the formatting is not kept).
 */
export async function writeStreamedCopy(tmp: string, input: AnnotateInput, raw: RawWorkbook, cells: number, large = true): Promise<void> {
  const { register, lang } = input;
  const t = TEXT[lang];
  const used = new Set<string>([RESULT_SHEET.toLowerCase()]);
  const names = raw.sheets.map((sheet) => uniqueSheetName(sheet.name || basename(register.path, extname(register.path)), used));
  const sheetIndex = new Map(raw.sheets.map((sheet, i) => [sheet.name, i]));

  const placed = input.diagnostics.map((d) => ({ d, at: rawPlace(d, sheetIndex, names) }));
  const rank = ({ d, at }: { d: Diagnostic; at: RawPlace | null }): number[] => [
    d.row === null ? 0 : 1,
    at ? at.sheet : -1,
    d.row ?? 0,
    columnNumber(d.column),
  ];
  const sorted = placed
    .map((p, i) => ({ p, i, k: rank(p) }))
    .sort((a, b) => {
      for (let j = 0; j < a.k.length; j++) if (a.k[j] !== b.k[j]) return (a.k[j] ?? 0) - (b.k[j] ?? 0);
      return a.i - b.i;
    })
    .map((x) => x.p);
  // the diagnostics on each flagged cell, by sheet then row then column
  const flagged = raw.sheets.map(() => new Map<number, Map<number, Diagnostic[]>>());
  for (const { d, at } of sorted) {
    if (!at) continue;
    const rows = flagged[at.sheet];
    if (!rows) continue;
    const cols = rows.get(at.row) ?? new Map<number, Diagnostic[]>();
    cols.set(at.col, [...(cols.get(at.col) ?? []), d]);
    rows.set(at.row, cols);
  }

  const table = resultTable(sorted);
  const wb = await XlsxWriter.create(tmp, {
    sheets: [
      { name: RESULT_SHEET, printTitleRows: `${table.headerRow}:${table.headerRow}` },
      ...names.map((name, i) => ({ name, notes: (flagged[i]?.size ?? 0) > 0 })),
    ],
    font: { name: 'Calibri', size: 11 },
    title: t.title(register.displayPath),
    creator: 'tiendo',
    keywords: CHECKED_MARK,
  });
  try {
    const errors = sorted.filter((p) => p.d.severity === 'error').length;
    const unit = register.unit ? `${register.unit.name} (${register.unit.code})` : null;
    await writeResultSheet(
      wb,
      [
        t.title(register.displayPath),
        t.unit(unit),
        t.counts(errors, sorted.length - errors),
        large ? t.large(cells.toLocaleString('vi-VN')) : t.howTo,
      ],
      table,
      lang,
    );
    for (const [i, sheet] of raw.sheets.entries())
      await writeRawSheet(wb, sheet, flagged[i] ?? new Map<number, Map<number, Diagnostic[]>>(), lang);
    await wb.close();
  } catch (e) {
    await wb.abort();
    throw e;
  }
}

function rawPlace(d: Diagnostic, sheetIndex: Map<string, number>, names: string[]): RawPlace | null {
  if (d.row === null || d.row < 1) return null;
  // no sheet named (or a CSV's nameless one): the register's first, its task sheet
  const sheet = d.sheet ? sheetIndex.get(d.sheet) : 0;
  if (sheet === undefined || sheet >= names.length) return null;
  const column = d.column && /^[A-Z]{1,3}$/i.test(d.column) ? d.column.toUpperCase() : 'A';
  return { sheet, wsName: names[sheet] ?? '', row: d.row, col: columnNumber(column), address: `${column}${d.row}` };
}

/** A4 landscape, as wide as the page, as the exceljs copies print. */
const COPY_PAGE: SheetOptions['page'] = {
  landscape: true,
  paperSize: 9,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: false,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

interface ResultTable {
  /** the rows above the table after the four lines of text: file-level problems */
  fileLevel: Diagnostic[];
  rows: { d: Diagnostic; at: RawPlace | null }[];
  headerRow: number;
}

function resultTable(placed: { d: Diagnostic; at: RawPlace | null }[]): ResultTable {
  const fileLevel = placed.filter((p) => p.d.row === null).map((p) => p.d);
  // four lines of text, then (file-level: a blank, a heading, the lines), a blank, the header
  const headerRow = 4 + (fileLevel.length ? 2 + fileLevel.length : 0) + 2;
  return { fileLevel, rows: placed, headerRow };
}

async function writeResultSheet(wb: XlsxWriter, lines: string[], table: ResultTable, lang: Lang): Promise<void> {
  const t = TEXT[lang];
  const columns = RESULT_COLUMNS[lang];
  const look = (s: Style) => wb.style({ wrap: false, ...s });
  const fill = (sev: Diagnostic['severity']) => (sev === 'error' ? ERROR_FILL : WARNING_FILL);
  const cellsOf = (r: { d: Diagnostic; at: RawPlace | null }) => {
    const { d, at } = r;
    return [
      t.severity[d.severity],
      d.rule,
      at ? at.wsName : d.sheet || null,
      d.row,
      d.row !== null ? (at ? columnLetter(at.col) : d.column) : null,
      at ? at.address : null,
      d.taskId,
      d.message,
    ];
  };
  const longest = columns.map((h) => h.length);
  for (const r of table.rows) cellsOf(r).forEach((v, i) => (longest[i] = Math.max(longest[i] ?? 0, String(v ?? '').length)));
  const widths = longest.map((len, i) =>
    i === columns.length - 1 ? Math.min(90, Math.max(30, len + 2)) : Math.min(30, Math.max(6, len + 2)),
  );
  const ws = wb.sheet({
    widths,
    frozenRows: table.headerRow,
    page: COPY_PAGE,
  });
  const row = async (r: number, values: (string | number | null)[], styles: number[]): Promise<void> => {
    const cells: OutCell[] = values.map((value, i) => ({ col: i + 1, value, style: styles[i] ?? 0 }));
    const flushed = ws.row(
      r,
      cells.filter((c) => c.value !== null || c.style),
    );
    if (flushed) await flushed;
  };
  await row(1, [lines[0] ?? ''], [look({ bold: true, size: 13 })]);
  await row(2, [lines[1] ?? ''], []);
  await row(3, [lines[2] ?? ''], [look({ bold: true })]);
  await row(4, [lines[3] ?? ''], [look({ italic: true })]);
  let r = 5;
  if (table.fileLevel.length) {
    r++;
    await row(r++, [t.fileLevel], [look({ bold: true })]);
    for (const d of table.fileLevel) await row(r++, [noteLine(d, lang)], [look({ fill: fill(d.severity) })]);
  }
  r++;
  const head = look({ bold: true, fill: 'FFD9E1F2', border: true, wrap: true });
  await row(
    r,
    [...columns],
    columns.map(() => head),
  );
  const plain = look({});
  const centred = look({ horizontal: 'center' });
  const link = look({ horizontal: 'center', color: 'FF0563C1', underline: true });
  const message = look({ wrap: true });
  const bySeverity = { error: look({ fill: ERROR_FILL }), warning: look({ fill: WARNING_FILL }) };
  for (const p of table.rows) {
    r++;
    const values = cellsOf(p);
    await row(r, values, [bySeverity[p.d.severity], plain, plain, centred, centred, p.at ? link : centred, plain, message]);
    if (p.at) ws.link(`F${r}`, `${quoteSheet(p.at.wsName)}!${p.at.address}`);
  }
  ws.autoFilter(`A${table.headerRow}:${columnLetter(columns.length)}${Math.max(r, table.headerRow)}`);
  await ws.end();
}

/**
 * One sheet of the register: every cell read at its row and column, the flagged ones filled and
 * noted, laid out as the exceljs copy of the same cells (copyLayout: widths, wrapping, row heights).
 */
async function writeRawSheet(
  wb: XlsxWriter,
  sheet: RawWorkbook['sheets'][number],
  flagged: Map<number, Map<number, Diagnostic[]>>,
  lang: Lang,
): Promise<void> {
  const layout = copyLayout(sheet);
  const widths = [...layout.widths];
  for (let i = 0; i < widths.length; i++) widths[i] ??= 8.43; // Excel's default column
  const ws: SheetWriter = wb.sheet({
    widths,
    frozenRows: 0,
    page: COPY_PAGE,
  });
  // style ids by kind of value, severity and wrapping, made as first needed
  const styles = new Map<string, number>();
  const styleOf = (kind: 'text' | 'date' | 'number' | 'percent', sev: Diagnostic['severity'] | undefined, wrap: boolean): number => {
    const key = `${kind}|${sev ?? ''}|${wrap}`;
    let id = styles.get(key);
    if (id === undefined) {
      const numFmt = kind === 'date' ? 'dd/mm/yyyy' : kind === 'percent' ? '0.0%' : undefined;
      const fill = sev === 'error' ? ERROR_FILL : sev === 'warning' ? WARNING_FILL : undefined;
      id = wb.style({ size: 11, numFmt, fill, wrap, vertical: 'top' });
      styles.set(key, id);
    }
    return id;
  };
  // the rows read and the rows only a diagnostic names, in order
  const numbers = [...new Set([...sheet.rows.map((row) => row.number), ...flagged.keys()])].sort((a, b) => a - b);
  const byNumber = new Map(sheet.rows.map((row) => [row.number, row]));
  for (const n of numbers) {
    const row = byNumber.get(n);
    const marks = flagged.get(n);
    const out: OutCell[] = [];
    const last = Math.max(row?.cells.length ?? 0, ...(marks ? marks.keys() : []));
    const wrap = !row || layout.wraps(row, 0);
    for (let col = 1; col <= last; col++) {
      const cell = row?.cells[col - 1] ?? null;
      const ds = marks?.get(col);
      if (!cell && !ds) continue;
      // an error wins over a warning in the same cell; the note lists every message
      const sev = ds ? (ds.some((d) => d.severity === 'error') ? 'error' : 'warning') : undefined;
      out.push(rawCell(col, cell, (kind) => styleOf(kind, sev, wrap)));
      if (ds) ws.note(n, col, ds.map((d) => noteLine(d, lang)).join('\n'));
    }
    if (!out.length) continue;
    const flushed = ws.row(n, out, layout.heights.get(n));
    if (flushed) await flushed;
  }
  await ws.end();
}

function rawCell(col: number, cell: Cell | null, styleOf: (kind: 'text' | 'date' | 'number' | 'percent') => number): OutCell {
  if (!cell) return { col, value: null, style: styleOf('text') };
  if (cell.date) {
    const [y = 1900, m = 1, d = 1] = cell.date.split('-').map(Number);
    return { col, value: new Date(Date.UTC(y, m - 1, d)), style: styleOf('date') };
  }
  if (cell.number !== undefined && !cell.error) return { col, value: cell.number, style: styleOf(cell.percent ? 'percent' : 'number') };
  // A string is always written as a string: `=SUM(…)` stays text, never a formula.
  return { col, value: cell.text || cell.error || '', style: styleOf('text') };
}
