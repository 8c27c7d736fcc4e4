// Workbooks through exceljs, turned into plain cells. The traps (LIBRARIES.md): dates come back
// at UTC midnight, merged cells repeat their master's value, formulas carry a cached result or none,
// rich text comes in runs, and the font name is what tells legacy-encoded text.
import ExcelJS from 'exceljs';
import { isoFromUtc } from '../normalise/values.js';
import type { Cell, Problem, RawWorkbook, Sheet, SheetRow } from '../types.js';
import { OUTPUT_MARK } from '../write/atomic.js';
import type { ReadResult } from './file.js';
import { legacyFontKind, tcvn3ToUnicode } from './legacy.js';

/** The first real day: serials below 61 are shifted by Excel's fictitious 29/02/1900. */
const FIRST_TRUSTED_DAY = '1900-03-01';

export async function readXlsx(buf: Buffer): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    return {
      ok: false,
      kind: 'xlsx',
      problem: { rule: 'file-unreadable', at: {}, messageId: 'corrupt', data: { reason: String((e as Error).message ?? e) } },
    };
  }
  if (wb.keywords === OUTPUT_MARK) return { ok: false, kind: 'xlsx', skip: true };
  if (wb.worksheets.length === 0) {
    return { ok: false, kind: 'xlsx', problem: { rule: 'file-unreadable', at: {}, messageId: 'empty', data: {} } };
  }
  const problems: Problem[] = [];
  const sheets = wb.worksheets.map((ws) => readSheet(ws, problems));
  const workbook: RawWorkbook = { kind: 'xlsx', sheets };
  return { ok: true, kind: 'xlsx', workbook, problems };
}

function readSheet(ws: ExcelJS.Worksheet, problems: Problem[]): Sheet {
  const rows: SheetRow[] = [];
  let columnCount = 0;
  const vniReported = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      const cell = readCell(c);
      if (!cell) return;
      const legacy = legacyFontKind(c.font?.name);
      if (legacy === 'tcvn3' || legacy === 'tcvn3-upper') {
        cell.text = tcvn3ToUnicode(cell.text, legacy === 'tcvn3-upper');
      } else if (legacy === 'vni' && /[^\x00-\x7f]/.test(cell.text) && !vniReported.has(ws.name)) {
        // One warning per sheet is enough to ask for a conversion.
        vniReported.add(ws.name);
        problems.push({
          rule: 'legacy-encoding',
          at: { sheet: ws.name, row: rowNumber, column: c.address.replace(/\d+$/, '') },
          messageId: 'default',
          data: { font: c.font?.name ?? '' },
        });
      }
      if (cell.text === '' && cell.number === undefined && cell.date === undefined) return;
      cells[col - 1] = cell;
      columnCount = Math.max(columnCount, col);
    });
    if (cells.length > 0) {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ number: rowNumber, cells });
    }
  });
  return { name: ws.name, rows, rowCount: Math.max(ws.rowCount, rows.at(-1)?.number ?? 0), columnCount: Math.max(columnCount, ws.columnCount) };
}

/** A cell's value as plain data; null for an empty cell or the non-leading part of a horizontal merge. */
function readCell(c: ExcelJS.Cell): Cell | null {
  if (c.isMerged && c.master.address !== c.address) {
    // A merge repeats its master's value in every cell. Keep it down a column (an owner merged over
    // several task rows owns each of them) but not across a row (a section title spans the table once).
    if (c.master.col !== c.col) return null;
  }
  const numFmt = typeof c.numFmt === 'string' ? c.numFmt : '';
  const font = c.font?.name;
  return fromValue(c.value, numFmt, font);
}

function fromValue(value: ExcelJS.CellValue, numFmt: string, font: string | undefined): Cell | null {
  const base: Cell = { text: '' };
  if (font) base.font = font;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { ...base, text: value.normalize('NFC').trim() };
  if (typeof value === 'number') {
    const cell: Cell = { ...base, text: String(value), number: value };
    if (numFmt.includes('%')) cell.percent = true;
    return cell;
  }
  if (typeof value === 'boolean') return { ...base, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ...base, text: '' };
    const iso = isoFromUtc(value);
    if (iso < FIRST_TRUSTED_DAY) return { ...base, text: iso }; // left as text: parseDate will call it invalid
    return { ...base, text: displayIso(iso), date: iso };
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = value.richText.map((r) => r.text).join('');
      const runFont = value.richText.find((r) => r.font?.name)?.font?.name;
      return { ...base, ...(runFont ? { font: runFont } : {}), text: text.normalize('NFC').trim() };
    }
    if ('error' in value) return { ...base, text: String(value.error), error: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) return { ...base, text: '', formulaWithoutResult: true };
      return fromValue(result, numFmt, font);
    }
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text;
      if (typeof text === 'string') return { ...base, text: text.normalize('NFC').trim() };
      if (text && typeof text === 'object') return fromValue(text as ExcelJS.CellValue, numFmt, font);
      return null;
    }
  }
  return { ...base, text: String(value) };
}

function displayIso(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
