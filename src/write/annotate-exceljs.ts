// The annotated copy through exceljs, for an .xlsx package too odd to patch at zip level
// (./annotate-patch.ts): the workbook as the unit sent it (its formatting and merges kept), or, when
// exceljs cannot load it either, a workbook made from the cells as read; each flagged cell filled and
// noted, and the result sheet first. A copy sent back is annotated afresh (its old marks taken out).
// Tests also make a CSV's copy here, to hold the other renderings to it.
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell, Diagnostic, Lang, RawWorkbook, Register } from '../types.js';
import { CHECKED_MARK } from '../domain/marks.js';
import { writeWorkbookAtomic } from './atomic.js';
import {
  ERROR_FILL,
  RESULT_COLUMNS,
  RESULT_SHEET,
  TEXT,
  WARNING_FILL,
  columnNumber,
  copyLayout,
  NOTE_LINE_PATTERN,
  noteLine,
  quoteSheet,
  uniqueSheetName,
  type AnnotateInput,
  sortByKeys,
} from './annotate-common.js';

/** Writes the copy of `input.register` to `target`. */
export async function writeExceljsCopy(input: AnnotateInput, target: string): Promise<void> {
  const { register, lang } = input;
  const { wb, sheetOf } = await sourceWorkbook(register);
  const placed = sortPlaced(
    wb,
    input.diagnostics.map((d) => ({ d, at: locate(d, wb, sheetOf) })),
  );

  // Paint and annotate each flagged cell once, with all its messages. A merged cell shows its
  // master's fill and note: the cells of one merge are flagged together, on the master.
  const byCell = new Map<string, { ws: ExcelJS.Worksheet; address: string; ds: Diagnostic[] }>();
  for (const { d, at } of placed) {
    if (!at) continue;
    const address = at.ws.getCell(at.address).master.address;
    const key = `${at.ws.id}!${address}`;
    const entry = byCell.get(key) ?? { ws: at.ws, address, ds: [] };
    entry.ds.push(d);
    byCell.set(key, entry);
  }
  for (const { ws, address, ds } of byCell.values()) flagCell(ws, address, ds, lang);

  addResultSheet(wb, register, placed, lang);
  wb.creator = 'tiendo';
  wb.keywords = CHECKED_MARK;
  await writeWorkbookAtomic(wb, target);
}

// ───────────────────────────── the source workbook ─────────────────────────────

interface Source {
  wb: ExcelJS.Workbook;
  /** the worksheet name of each sheet name the diagnostics may use */
  sheetOf: Map<string, string>;
}

async function sourceWorkbook(register: Register): Promise<Source> {
  if (register.kind === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.readFile(register.path);
      if (wb.worksheets.length > 0) {
        // A stale result sheet (a checked copy sent back) would clash with the new one.
        const stale = wb.getWorksheet(RESULT_SHEET);
        if (stale) wb.removeWorksheet(stale.id);
        clearOldMarks(wb);
        return { wb, sheetOf: new Map(wb.worksheets.map((ws) => [ws.name, ws.name])) };
      }
    } catch {
      // exceljs cannot load it: fall back to what the reader made of it, if anything.
    }
  }
  return fromRaw(register.workbook, register.path);
}

/** A workbook built from the cells as read: each record at its own row number, so diagnostics still point at it. */
function fromRaw(raw: RawWorkbook | null, path: string): Source {
  const wb = new ExcelJS.Workbook();
  const sheetOf = new Map<string, string>();
  if (!raw) return { wb, sheetOf };
  const used = new Set<string>([RESULT_SHEET.toLowerCase()]);
  for (const sheet of raw.sheets) {
    // A CSV's one sheet has no name: it takes the file's.
    const wanted = sheet.name || basename(path, extname(path));
    const wsName = uniqueSheetName(wanted, used);
    sheetOf.set(sheet.name, wsName);
    const ws = wb.addWorksheet(wsName);
    const layout = copyLayout(sheet);
    for (const row of sheet.rows) {
      row.cells.forEach((cell, i) => {
        if (cell) writeRawCell(ws.getCell(row.number, i + 1), cell, layout.wraps(row, i));
      });
    }
    layout.widths.forEach((w, i) => {
      if (w) ws.getColumn(i + 1).width = w;
    });
    for (const [row, pt] of layout.heights) ws.getRow(row).height = pt;
    ws.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
  }
  return { wb, sheetOf };
}

/** Writes a cell as read; `wrap`: its text wraps within the column, top-aligned like the rest of its row. */
function writeRawCell(c: ExcelJS.Cell, cell: Cell, wrap = true): void {
  // a fresh object per cell: a fill added later (flagCell) must not repaint others
  c.alignment = wrap ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
  if (cell.date) {
    const [y = 1900, m = 1, d = 1] = cell.date.split('-').map(Number);
    c.value = new Date(Date.UTC(y, m - 1, d));
    c.numFmt = 'dd/mm/yyyy';
  } else if (cell.number !== undefined && !cell.error) {
    c.value = cell.number;
    if (cell.percent) c.numFmt = '0.0%';
  } else {
    // A string is always written as a string: `=SUM(…)` typed in a CSV stays text, never a formula.
    c.value = cell.text || cell.error || '';
  }
}

/**
 * A copy sent back is annotated afresh: the lines tiendo put in its notes are taken out (the
 * unit's own note text stays), and a cell left with none of them loses tiendo's fill. A fill of
 * exactly tiendo's colours on such a cell is taken to be tiendo's: the original fill is not known.
 */
function clearOldMarks(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const text = noteText(cell.note);
        if (!text) return;
        const lines = text.split('\n');
        const kept = lines.filter((l) => !NOTE_LINE_PATTERN.test(l));
        if (kept.length === lines.length) return;
        if (kept.some((l) => l.trim())) cell.note = kept.join('\n');
        else removeNote(cell);
        const fill = cell.fill;
        const argb = fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
        if (argb === ERROR_FILL || argb === WARNING_FILL) {
          const { fill: _ours, ...style } = cell.style;
          cell.style = style;
        }
      });
    });
  }
}

/**
 * exceljs (4.4) has no way to remove a note: a loaded cell keeps it twice, as its comment and in
 * its value's model (both are written back), so both are dropped.
 */
function removeNote(cell: ExcelJS.Cell): void {
  const inner = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  inner._comment = undefined;
  if (inner._value?.model) delete inner._value.model.comment;
}

// ───────────────────────────── locating and flagging ─────────────────────────────

interface Placed {
  d: Diagnostic;
  at: Place | null;
}

interface Place {
  ws: ExcelJS.Worksheet;
  /** the address the diagnostic names (a merged cell's own address, not its master's) */
  address: string;
}

/**
 * The cell a diagnostic names: its sheet (a diagnostic with a row but no sheet is on the register's
 * task sheet), its row, its column (none = column A). Null for a file-level diagnostic, or when the
 * sheet is not in the workbook.
 */
function locate(d: Diagnostic, wb: ExcelJS.Workbook, sheetOf: Map<string, string>): Place | null {
  if (d.row === null || d.row < 1) return null;
  let wsName = d.sheet !== null ? sheetOf.get(d.sheet) : undefined;
  if (wsName === undefined && !d.sheet) wsName = wb.worksheets[0]?.name;
  const ws = wsName !== undefined ? wb.getWorksheet(wsName) : undefined;
  if (!ws) return null;
  const column = d.column && /^[A-Z]{1,3}$/i.test(d.column) ? d.column.toUpperCase() : 'A';
  return { ws, address: `${column}${d.row}` };
}

function flagCell(ws: ExcelJS.Worksheet, address: string, ds: Diagnostic[], lang: Lang): void {
  const cell = ws.getCell(address);
  const argb = ds.some((d) => d.severity === 'error') ? ERROR_FILL : WARNING_FILL;
  // Styles of a loaded workbook are shared between cells: give this cell its own copy, never mutate.
  cell.style = {
    ...cell.style,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } },
  };
  const lines = ds.map((d) => noteLine(d, lang));
  const before = noteText(cell.note);
  const note: ExcelJS.Comment = {
    texts: [{ text: [before, ...lines].filter(Boolean).join('\n') }],
    margins: { insetmode: 'auto' },
  };
  cell.note = note;
}

function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

// ───────────────────────────── the result sheet ─────────────────────────────

function addResultSheet(wb: ExcelJS.Workbook, register: Register, placed: Placed[], lang: Lang): void {
  const t = TEXT[lang];
  const ws = wb.addWorksheet(RESULT_SHEET);
  // First in the tab order (exceljs orders sheets by `orderNo`, which its typings omit), and the one
  // that opens; no other tab stays selected, or Excel would open the sheets grouped.
  const ordered = (w: ExcelJS.Worksheet) => w as ExcelJS.Worksheet & { orderNo: number };
  ordered(ws).orderNo = Math.min(0, ...wb.worksheets.filter((w) => w !== ws).map((w) => ordered(w).orderNo)) - 1;
  for (const other of wb.worksheets) {
    for (const v of other.views ?? []) (v as { tabSelected?: boolean }).tabSelected = false;
  }
  const view: ExcelJS.WorkbookView = { x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible', firstSheet: 0, activeTab: 0 };
  wb.views = [{ ...view, ...(wb.views?.[0] ?? {}), firstSheet: 0, activeTab: 0 }];

  const errors = placed.filter((p) => p.d.severity === 'error').length;
  const warnings = placed.length - errors;
  const unit = register.unit ? `${register.unit.name} (${register.unit.code})` : null;

  ws.addRow([t.title(register.displayPath)]).font = { bold: true, size: 13 };
  ws.addRow([t.unit(unit)]);
  ws.addRow([t.counts(errors, warnings)]).font = { bold: true };
  ws.addRow([t.howTo]).font = { italic: true };

  const fileLevel = placed.filter((p) => p.d.row === null);
  if (fileLevel.length > 0) {
    ws.addRow([]);
    ws.addRow([t.fileLevel]).font = { bold: true };
    for (const { d } of fileLevel) {
      const row = ws.addRow([noteLine(d, lang)]);
      row.getCell(1).fill = solid(d.severity === 'error' ? ERROR_FILL : WARNING_FILL);
    }
  }
  ws.addRow([]);

  const header = ws.addRow([...RESULT_COLUMNS[lang]]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = solid('FFD9E1F2');
    c.border = { bottom: { style: 'thin' } };
    c.alignment = { vertical: 'middle', wrapText: true };
  });
  const headerRow = header.number;

  for (const { d, at } of placed) {
    const row = ws.addRow([
      t.severity[d.severity],
      d.rule,
      at ? at.ws.name : d.sheet || null,
      d.row,
      d.row !== null ? (at ? at.address.replace(/\d+$/, '') : d.column) : null,
      at ? { text: at.address, hyperlink: `#${quoteSheet(at.ws.name)}!${at.address}` } : null,
      d.taskId,
      d.message,
    ]);
    row.alignment = { vertical: 'top' };
    row.getCell(1).fill = solid(d.severity === 'error' ? ERROR_FILL : WARNING_FILL);
    for (const i of [4, 5, 6]) row.getCell(i).alignment = { vertical: 'top', horizontal: 'center' };
    if (at) row.getCell(6).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  }

  // `tabSelected` is written by exceljs but missing from its typings.
  const frozen: Partial<ExcelJS.WorksheetView> & { tabSelected: boolean } = {
    state: 'frozen',
    ySplit: headerRow,
    activeCell: `A${headerRow + 1}`,
    tabSelected: true,
  };
  ws.views = [frozen];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + placed.length, column: RESULT_COLUMNS[lang].length } };
  fitWidths(ws, headerRow);
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
}

/** Widths that fit the table (the lines above it may overflow to the right, as titles do). */
function fitWidths(ws: ExcelJS.Worksheet, headerRow: number): void {
  const max: number[] = [];
  ws.eachRow((row, n) => {
    if (n < headerRow) return;
    row.eachCell((c, col) => {
      max[col] = Math.max(max[col] ?? 0, c.text.length);
    });
  });
  const last = max.length - 1;
  max.forEach((len, col) => {
    ws.getColumn(col).width = col === last ? Math.min(90, Math.max(30, len + 2)) : Math.min(30, Math.max(6, len + 2));
  });
}

// ───────────────────────────── order ─────────────────────────────

/** File-level first, then by sheet (tab order), row and column; ties keep the order given. */
function sortPlaced(wb: ExcelJS.Workbook, placed: Placed[]): Placed[] {
  const sheetRank = new Map(wb.worksheets.map((ws, i) => [ws.id, i]));
  const key = ({ d, at }: Placed): number[] => [
    d.row === null ? 0 : 1,
    at ? (sheetRank.get(at.ws.id) ?? 0) : -1,
    d.row ?? 0,
    columnNumber(d.column),
  ];
  return sortByKeys(placed, key);
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}
