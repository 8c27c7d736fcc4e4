// Workbooks turned into plain cells, by a focused reader of the few SpreadsheetML parts a register
// needs (workbook, relationships, styles, shared strings, sheets), over the zip layer in ./zip.ts.
//
// Why not exceljs's reader: it keeps every cell as objects of a few kilobytes a row, inflates
// whatever the zip holds, and was the slowest step of a rollup (bench/RESULTS.md). This reader
// inflates each part itself with the output capped, refuses DOCTYPE and entities before parsing,
// streams large sheets in chunks, and keeps only the cells. It follows exceljs's reading where
// exceljs is right, so the readers agree cell for cell on every fixture (test/read/xlsx-reader.test.ts,
// with exceljs's reading in test/helpers/exceljs-reader.ts).
//
// The traps (LIBRARIES.md) it handles: dates are calendar days from the serial (1900 and 1904
// systems), detected from the number format as exceljs does; merged cells repeat their master's
// value down a column but not across a row; formulas give their cached result, or `=<formula>`
// when none was cached; rich text comes in runs; the font name tells legacy-encoded text.
//
// The parts: ./xml.ts (the scanner), ./xlsx-package.ts (the container and where the parts are),
// ./xlsx-parts.ts (styles, shared strings), ./xlsx-sheet.ts (a worksheet's cells).
import type { Problem, Sheet } from '../types.js';
import { isResultSheet, isSummaryWorkbook } from '../domain/marks.js';
import type { ReadResult } from './file.js';
import {
  keywords,
  openPackage,
  partPieces,
  partText,
  Refusal,
  relationships,
  targetOf,
  workbookXml,
  type Package,
  type Relationship,
  type SheetRef,
  type XlsxLimits,
} from './xlsx-package.js';
import { sharedStrings, stylesXml, type SharedString } from './xlsx-parts.js';
import { SheetReader, type SheetContext } from './xlsx-sheet.js';
import { firstElement } from './xml.js';
import { ZipError } from '../zip/read.js';

export type { XlsxLimits } from './xlsx-package.js';
export { slideFormula } from './xlsx-sheet.js';

function refused(messageId: string, data: Record<string, string | number>): ReadResult {
  // kind null: nothing downstream (an annotated copy) may open this file with another reader.
  return { ok: false, kind: null, problem: { rule: 'file-unreadable', at: {}, messageId, data } };
}

export async function readXlsx(buf: Buffer, limits: XlsxLimits = { maxFileBytes: 200 * 1024 * 1024 }): Promise<ReadResult> {
  try {
    return await readPackage(openPackage(buf, limits), limits);
  } catch (e) {
    if (e instanceof Refusal) return refused(e.messageId, e.data);
    if (e instanceof ZipError) {
      // A part that inflates past what the directory declared is a forged zip (a bomb that lies
      // about its size): the inflation stopped one byte past the declaration.
      return refused('corrupt', {
        reason:
          e.kind === 'tooLarge'
            ? `phần ${e.message.split(':')[0]} giải nén ra lớn hơn kích thước khai báo — tệp nén bị làm giả (zip bomb)`
            : `tệp nén hỏng: ${e.message}`,
      });
    }
    return refused('corrupt', { reason: String((e as Error)?.message ?? e) });
  }
}

/** The workbook part: its sheets, its folder and its relationships; refused when there is none. */
function workbookPart(
  pkg: Package,
  rootRels: Relationship[],
): { sheetRefs: SheetRef[]; date1904: boolean; wbDir: string; wbRels: Relationship[] } {
  const wbPath = targetOf(rootRels, 'officeDocument', 'xl/workbook.xml');
  if (/\.bin$/i.test(wbPath)) throw new Refusal('corrupt', { reason: 'sổ làm việc nhị phân (.xlsb)' });
  const wbXml = partText(pkg, wbPath);
  if (wbXml === null || !firstElement(wbXml, 'workbook')) throw new Refusal('corrupt', { reason: 'không phải sổ làm việc Excel' });
  const wbDir = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/') + 1) : '';
  const wbRels = relationships(partText(pkg, `${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`) ?? '', wbDir);
  const { sheets: sheetRefs, date1904 } = workbookXml(wbXml);
  return { sheetRefs, date1904, wbDir, wbRels };
}

async function readPackage(pkg: Package, limits: XlsxLimits): Promise<ReadResult> {
  const rootRels = relationships(partText(pkg, '_rels/.rels') ?? '', '');
  const core = partText(pkg, targetOf(rootRels, 'core-properties', 'docProps/core.xml'));
  const { sheetRefs, date1904, wbDir, wbRels } = workbookPart(pkg, rootRels);
  const names = sheetRefs.map((r) => r.name);
  if (isSummaryWorkbook(core ? keywords(core) : null, names)) return { ok: false, kind: 'xlsx', skip: true, reason: 'summary' };

  const styles = stylesXml(partText(pkg, targetOf(wbRels, 'styles', `${wbDir}styles.xml`)) ?? '');
  const strings: SharedString[] = [];
  await partPieces(pkg, targetOf(wbRels, 'sharedStrings', `${wbDir}sharedStrings.xml`), 'si', (text) => sharedStrings(text, strings));

  const ctx: SheetContext = {
    styles,
    strings,
    date1904,
    budget: { cells: 0, max: limits.maxCells ?? Math.floor(limits.maxFileBytes / 100) },
  };
  const problems: Problem[] = [];
  const sheets: Sheet[] = [];
  for (const ref of sheetRefs) {
    const rel = wbRels.find((r) => r.id === ref.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets: no cells
    if (isResultSheet(ref.name)) continue; // an annotated copy sent back: its register is the other sheets
    const reader = new SheetReader(ref.name, ctx);
    if (!(await partPieces(pkg, rel.target, 'row', (text) => reader.piece(text)))) continue;
    const sheet = reader.finish(problems);
    if (ref.hidden) sheet.hidden = ref.hidden;
    sheets.push(sheet);
  }
  if (sheets.length === 0) return { ok: false, kind: 'xlsx', problem: { rule: 'file-unreadable', at: {}, messageId: 'empty', data: {} } };
  return { ok: true, kind: 'xlsx', workbook: { kind: 'xlsx', sheets }, problems };
}
