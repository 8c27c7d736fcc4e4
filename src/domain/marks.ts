// How tiendo recognises the workbooks it wrote itself, when they come back as inputs.
// A summary workbook is never a register: it is skipped, and named as skipped. An annotated copy
// (`*.checked.xlsx`) IS a register — the unit's own, sent back corrected or not — read without its
// result sheet; its fills and notes are ignored by the reader and replaced by a fresh annotation.

/** The keyword in a summary workbook's properties (also on annotated copies before 0.2: see below). */
export const SUMMARY_MARK = 'tiendo-output';
/** The keyword in an annotated copy's properties. */
export const CHECKED_MARK = 'tiendo-checked';

/** The first sheet of an annotated copy: the contract, in Vietnamese whatever the language. Never a register. */
export const RESULT_SHEET = 'Kết quả kiểm tra';

/**
 * Sheets that only a summary workbook has together (SPEC §6): a workbook holding them is a summary
 * even when re-saved by a program that dropped its properties.
 */
const SUMMARY_SHEETS = ['Tổng hợp', 'Chi tiết', 'Lỗi dữ liệu'];

/**
 * Whether a workbook is a summary tiendo wrote: marked as one, or holding the summary's sheets.
 * Annotated copies written before they had their own mark carry SUMMARY_MARK too; their result
 * sheet tells them apart.
 */
export function isSummaryWorkbook(keywords: string | null | undefined, sheetNames: readonly string[]): boolean {
  const names = new Set(sheetNames.map((n) => n.normalize('NFC')));
  if (names.has(RESULT_SHEET)) return false;
  if (keywords === SUMMARY_MARK) return true;
  return SUMMARY_SHEETS.every((s) => names.has(s));
}

/** Whether a sheet is the result sheet of an annotated copy, never read as part of a register. */
export function isResultSheet(name: string): boolean {
  return name.normalize('NFC') === RESULT_SHEET;
}

/** `07672_thang9.checked` → `07672_thang9`: the name of the register a copy annotates. */
export function stripCheckedSuffix(stem: string): string {
  return stem.replace(/\.checked$/i, '');
}

/**
 * The folder the Windows build's monthly job writes into, inside the registers' folder (SPEC §8).
 * A folder walk never enters it: last month's annotated copies there are not this month's registers.
 */
export const RESULTS_FOLDER = 'tiendo-ket-qua';
