// What the two renderings of an annotated copy share (./annotate.ts): the result sheet's words and
// columns, the fills, the note lines, the names of sheets, and the order of diagnostics.
import type { Diagnostic, Lang, RawWorkbook, Register } from '../types.js';
import { RESULT_SHEET } from '../domain/marks.js';

export { RESULT_SHEET };

/** Fills of a flagged cell (Excel's own "bad" and "neutral" fills). */
export const ERROR_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';

/** The columns of the result table, by language. The last but one holds the link to the cell. */
export const RESULT_COLUMNS: Record<Lang, readonly string[]> = {
  vi: ['Mức độ', 'Quy tắc', 'Trang tính', 'Dòng', 'Cột', 'Ô', 'Mã việc', 'Nội dung'],
  en: ['Severity', 'Rule', 'Sheet', 'Row', 'Column', 'Cell', 'Task id', 'Message'],
};

export const TEXT = {
  vi: {
    title: (file: string) => `KẾT QUẢ KIỂM TRA: ${file}`,
    unit: (u: string | null) => `Đơn vị: ${u ?? 'chưa xác định'}`,
    counts: (e: number, w: number) =>
      e + w === 0 ? 'Không có lỗi hoặc cảnh báo nào.' : `Có ${e} lỗi và ${w} cảnh báo.`,
    howTo: 'Bấm vào địa chỉ ở cột "Ô" để đến ô có vấn đề (ô tô đỏ là lỗi, tô vàng là cảnh báo; rê chuột vào ô để xem ghi chú). Sửa trong tệp gốc rồi gửi lại.',
    fileLevel: 'Lỗi của cả tệp:',
    severity: { error: 'Lỗi', warning: 'Cảnh báo' },
    large: (cells: string) =>
      `Tệp có ${cells} ô, quá lớn để chép nguyên định dạng: bản này giữ giá trị các ô, tô màu và ghi chú ô có vấn đề (ô tô đỏ là lỗi, tô vàng là cảnh báo). Bấm vào địa chỉ ở cột "Ô" để đến ô đó. Sửa trong tệp gốc rồi gửi lại.`,
  },
  en: {
    title: (file: string) => `CHECK RESULTS: ${file}`,
    unit: (u: string | null) => `Unit: ${u ?? 'not determined'}`,
    counts: (e: number, w: number) =>
      e + w === 0 ? 'No errors or warnings.' : `${e} error(s) and ${w} warning(s).`,
    howTo: 'Click an address in the "Cell" column to go to the cell (red fill = error, yellow = warning; hover a cell to read its note). Correct the original file and send it again.',
    fileLevel: 'Problems with the whole file:',
    severity: { error: 'error', warning: 'warning' },
    large: (cells: string) =>
      `The file has ${cells} cells, too many to copy with its formatting: this copy keeps the cells' values, and colours and notes the cells with problems (red fill = error, yellow = warning). Click an address in the "Cell" column to go to the cell. Correct the original file and send it again.`,
  },
} as const;

export interface AnnotateInput {
  register: Register;
  /** the diagnostics of this file, messages already in `lang` */
  diagnostics: Diagnostic[];
  outDir: string;
  lang: Lang;
  /** every input path of the run: none is ever overwritten */
  inputs: string[];
  /** the output's base name when two inputs share one; default: the input's name without extension */
  name?: string;
}

/**
 * Above this many cells a register is not loaded into exceljs, which holds ~1.5 KB per cell (a
 * 100,000-row register: 1.4 GB): its copy is streamed from the cells as read (writeStreamedCopy).
 * Registers as units send them have a few hundred cells.
 */
export const IN_MEMORY_MAX_CELLS = 200_000;

export function cellCount(raw: RawWorkbook | null): number {
  let n = 0;
  for (const sheet of raw?.sheets ?? []) for (const row of sheet.rows) for (const c of row.cells) if (c) n++;
  return n;
}

/** Excel's sheet names: at most 31 characters, none of \ / ? * [ ] :, unique ignoring case. */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = (wanted.replace(/[\\/?*[\]:]/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Dữ liệu').slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

/** `[Lỗi] Chưa có người chịu trách nhiệm — … (owner-missing)` */
export function noteLine(d: Diagnostic, lang: Lang): string {
  return `[${TEXT[lang].severity[d.severity]}] ${d.message} (${d.rule})`;
}

/** `'Danh mục'` — quoted always, an apostrophe doubled, as Excel writes references. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function columnNumber(letters: string | null): number {
  if (!letters) return 0;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
