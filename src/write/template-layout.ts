// What the parts of a register template share (./template.ts): its sheets' names and rows, the
// columns it asks for, the font, borders and header style, and a few sheet helpers.
import type ExcelJS from 'exceljs';
import { COLUMNS } from '../domain/columns.js';
import type { ColumnKey } from '../types.js';
import { columnLetters } from '../domain/cell-ref.js';

export const TEMPLATE_SHEET = 'Danh mục';
export const TEMPLATE_PROGRESS_SHEET = 'Tiến độ';
export const TEMPLATE_GUIDE_SHEET = 'Hướng dẫn';
/** Hidden: the values of the drop-downs (an inline list is limited to 255 characters and cannot hold a comma). */
export const TEMPLATE_LISTS_SHEET = 'Danh sách chọn';

/** Rows of `Danh mục`: the title block above, the header, the column numbers `(1) (2) …`, then the body. */
export const TEMPLATE_HEADER_ROW = 8;
export const TEMPLATE_FIRST_BODY_ROW = 10;
/** Body rows prepared with checks; rows inserted below them stay editable too. */
export const TEMPLATE_BODY_ROWS = 100;
/**
 * The first body rows are ruled (bordered) for the clerk to fill in, on screen or by hand on the printed
 * form. Only these: a printer prints every bordered row, and 100 empty ruled rows are four blank pages
 * (LibreOffice, for its part, prints none of a run of more than 84 alike rows).
 */
export const TEMPLATE_RULED_ROWS = 25;

/** `Tiến độ`: header on row 1, updates from row 2. */
export const TEMPLATE_PROGRESS_HEADER_ROW = 1;
export const TEMPLATE_PROGRESS_ROWS = 200;
export const TEMPLATE_PROGRESS_RULED_ROWS = 25;
export const PROGRESS_HEADERS = [
  'Mã việc',
  'Ngày báo cáo',
  'Tiến độ (%)',
  'Kết quả đạt được',
  'Tình trạng',
  'Ngày hoàn thành',
  'Ghi chú',
] as const;

/**
 * The columns of the template, in order: every key but `unitCode`. The unit is named by the title
 * block instead — a `Mã đơn vị` prefilled on every body row would make each unused row look like
 * a row with data (`title-missing`), and an empty one says nothing.
 */
export const TEMPLATE_COLUMNS: ColumnKey[] = COLUMNS.map((c) => c.key).filter((k) => k !== 'unitCode');

/** The common fields offered in the `Lĩnh vực` drop-down; other values may be typed. */
export const COMMON_FIELDS = ['Xây dựng Đảng', 'Kinh tế', 'Văn hóa - Xã hội', 'Quốc phòng - An ninh', 'Nội chính', 'Dân vận'];

/** The column letter of each key in `Danh mục`. */
export function templateColumnLetter(key: ColumnKey): string {
  const i = TEMPLATE_COLUMNS.indexOf(key);
  if (i < 0) throw new Error(`column ${key} is not in the template`);
  return letter(i + 1);
}

export const FONT = 'Times New Roman';
/**
 * `Danh mục`'s body and header size. Eighteen columns fit A4 landscape (about 145 units at 100 %) only scaled
 * down: the widths below add up to about 170, so the page prints at about 85 %, 11 pt at about 9.3 pt (the
 * first widths, 290 units at 12 pt, printed at about 6 pt). Headers wrap onto up to four lines.
 */
export const BODY_SIZE = 11;
export const WIDTH: Partial<Record<ColumnKey, number>> = {
  no: 4.5,
  id: 7.5,
  title: 24,
  category: 9.5,
  field: 9.5,
  owner: 11,
  position: 9,
  leadUnit: 9,
  supportUnits: 9,
  assigned: 10,
  deadline: 10.5,
  target: 6,
  measure: 6,
  achieved: 6,
  progress: 6,
  status: 9.5,
  completed: 10,
  note: 11,
};
/** Every cell of a body column: top-aligned, wrapped but for the dates, unlocked. */
export const bodyAlignment = (k: ColumnKey): Partial<ExcelJS.Alignment> => ({ vertical: 'top', wrapText: !isDate(k) });
export const isDate = (k: ColumnKey): boolean => k === 'assigned' || k === 'deadline' || k === 'completed';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
export const LOCKED: Partial<ExcelJS.Protection> = { locked: true };

/** A table header cell: bold, centred, wrapped, bordered, shaded, locked (the register's and the Tiến độ sheet's). */
export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: BODY_SIZE, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: THIN,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  protection: LOCKED,
};
export const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };

export interface ListRanges {
  status: string;
  category: string;
  field: string;
  owner: string | null;
}

export function validate(ws: ExcelJS.Worksheet, range: string, dv: ExcelJS.DataValidation): void {
  // `dataValidations` is on every worksheet, missing from exceljs's typings
  (ws as ExcelJS.Worksheet & { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, dv);
}

// ───────────────────────────── shared ─────────────────────────────

export function freeze(ws: ExcelJS.Worksheet, rows: number): void {
  ws.views = [{ state: 'frozen', ySplit: rows, activeCell: `A${rows + 1}` }];
}

/**
 * Protection without a password: it stops accidental edits to the locked header, and a clerk who
 * must change it can lift it from the menu. Rows may be added, sized and sorted.
 */
export function protect(ws: ExcelJS.Worksheet): Promise<void> {
  return ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
}

export const letter = columnLetters;
