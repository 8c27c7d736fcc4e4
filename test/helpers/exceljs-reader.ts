// exceljs's reading of a workbook, as tiendo's Cell values: the oracle the reader tests compare
// src/read/xlsx.ts against, cell for cell. Test code only: exceljs inflates every part itself, so it
// is never given a file that has not been checked first.
import type ExcelJS from 'exceljs';
import { isoFromUtc } from '../../src/domain/dates.js';
import { isResultSheet, isSummaryWorkbook } from '../../src/domain/marks.js';
import type { ReadResult } from '../../src/read/file.js';
import { legacyFontKind, tcvn3ToUnicode } from '../../src/read/legacy.js';
import { displayNumber, formatKind } from '../../src/read/numfmt.js';
import { displayIso, FIRST_TRUSTED_DAY } from '../../src/read/xlsx-sheet.js';
import type { Cell, Problem, RawWorkbook, Sheet, SheetRow } from '../../src/types.js';

function refused(messageId: string, data: Record<string, string | number>): ReadResult {
  return { ok: false, kind: null, problem: { rule: 'file-unreadable', at: {}, messageId, data } };
}

export async function readXlsxWithExceljs(buf: Buffer): Promise<ReadResult> {
  // Loaded on demand: exceljs takes a tenth of a second to load, in every worker.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    return refused('corrupt', { reason: String((e as Error).message ?? e) });
  }
  if (
    isSummaryWorkbook(
      wb.keywords,
      wb.worksheets.map((ws) => ws.name),
    )
  )
    return { ok: false, kind: 'xlsx', skip: true, reason: 'summary' };
  const worksheets = wb.worksheets.filter((ws) => !isResultSheet(ws.name));
  if (worksheets.length === 0) {
    return { ok: false, kind: 'xlsx', problem: { rule: 'file-unreadable', at: {}, messageId: 'empty', data: {} } };
  }
  const problems: Problem[] = [];
  const sheets = worksheets.map((ws) => readSheetWithExceljs(ws, problems));
  const workbook: RawWorkbook = { kind: 'xlsx', sheets };
  return { ok: true, kind: 'xlsx', workbook, problems };
}

function readSheetWithExceljs(ws: ExcelJS.Worksheet, problems: Problem[]): Sheet {
  const rows: SheetRow[] = [];
  let columnCount = 0;
  let vniReported = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      const cell = readCellWithExceljs(c);
      if (!cell) return;
      const legacy = legacyFontKind(cell.font);
      if (legacy === 'tcvn3' || legacy === 'tcvn3-upper') {
        cell.text = tcvn3ToUnicode(cell.text, legacy === 'tcvn3-upper');
      } else if (legacy === 'vni' && /[^\x00-\x7f]/.test(cell.text) && !vniReported) {
        vniReported = true;
        problems.push({
          rule: 'legacy-encoding',
          at: { sheet: ws.name, row: rowNumber, column: c.address.replace(/\d+$/, '') },
          messageId: 'default',
          data: { font: cell.font ?? '' },
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
  const sheet: Sheet = {
    name: ws.name,
    rows,
    rowCount: Math.max(ws.rowCount, rows.at(-1)?.number ?? 0),
    columnCount: Math.max(columnCount, ws.columnCount),
  };
  if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = ws.state;
  return sheet;
}

function readCellWithExceljs(c: ExcelJS.Cell): Cell | null {
  if (c.isMerged && c.master.address !== c.address) {
    if (c.master.col !== c.col) return null;
  }
  const numFmt = typeof c.numFmt === 'string' ? c.numFmt : '';
  const value = c.value;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) {
      const font = c.font?.name;
      return { text: `=${c.formula ?? ''}`, formulaWithoutResult: true, ...(font ? { font } : {}) };
    }
  }
  return fromExceljsValue(value, numFmt, c.font?.name);
}

function fromExceljsValue(value: ExcelJS.CellValue, numFmt: string, font: string | undefined): Cell | null {
  const base: Cell = { text: '' };
  if (font) base.font = font;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { ...base, text: value.normalize('NFC').trim() };
  if (typeof value === 'number') {
    const cell: Cell = { ...base, text: String(value), number: value };
    const format = /^general$/i.test(numFmt) ? '' : numFmt;
    if (formatKind(format) === 'percent') cell.percent = true;
    if (format) {
      const shown = displayNumber(value, format);
      if (shown !== cell.text) cell.shown = shown;
    }
    return cell;
  }
  if (typeof value === 'boolean') return { ...base, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ...base, text: '' };
    const iso = isoFromUtc(value);
    if (iso < FIRST_TRUSTED_DAY) return { ...base, text: iso };
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
      return fromExceljsValue((value as { result?: ExcelJS.CellValue }).result ?? null, numFmt, font);
    }
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text;
      if (typeof text === 'string') return { ...base, text: text.normalize('NFC').trim() };
      if (text && typeof text === 'object') return fromExceljsValue(text as ExcelJS.CellValue, numFmt, font);
      return null;
    }
  }
  return { ...base, text: String(value) };
}
