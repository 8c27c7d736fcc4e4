// A register ready to fill (`tiendo template`): the title block that names the unit, the canonical
// headers, drop-downs and checks on the body cells, a `Tiến độ` sheet for monthly updates and a
// `Hướng dẫn` sheet. It is not tiendo's output: it comes back filled in, so it is not marked.
import ExcelJS from 'exceljs';
import { COLUMNS } from '../domain/columns.js';
import { CATEGORY_LABEL, STATUS_LABEL } from '../normalise/values.js';
import type { ColumnKey, IsoDate, Roster, Unit, UnitTree } from '../types.js';
import { writeWorkbookAtomic } from './atomic.js';

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

const FONT = 'Times New Roman';
/**
 * `Danh mục`'s body and header size. Eighteen columns fit A4 landscape (about 145 units at 100 %) only scaled
 * down: the widths below add up to about 170, so the page prints at about 85 %, 11 pt at about 9.3 pt (the
 * first widths, 290 units at 12 pt, printed at about 6 pt). Headers wrap onto up to four lines.
 */
const BODY_SIZE = 11;
const WIDTH: Partial<Record<ColumnKey, number>> = {
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
const bodyAlignment = (k: ColumnKey): Partial<ExcelJS.Alignment> => ({ vertical: 'top', wrapText: !isDate(k) });
const isDate = (k: ColumnKey): boolean => k === 'assigned' || k === 'deadline' || k === 'completed';
const DATE_FORMAT = 'dd/mm/yyyy';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const LOCKED: Partial<ExcelJS.Protection> = { locked: true };

/** A table header cell: bold, centred, wrapped, bordered, shaded, locked (the register's and the Tiến độ sheet's). */
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: BODY_SIZE, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: THIN,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  protection: LOCKED,
};
const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };

export interface TemplateInput {
  unit: Unit;
  tree: UnitTree;
  roster: Roster | null;
  year: number;
  out: string;
  asOf: IsoDate;
}

export async function writeTemplate(input: TemplateInput): Promise<void> {
  const wb = await buildTemplate(input);
  await writeWorkbookAtomic(wb, input.out);
}

/** The template as a workbook, for tests and for the writer. */
export async function buildTemplate(input: Omit<TemplateInput, 'out'>): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const main = wb.addWorksheet(TEMPLATE_SHEET);
  const progress = wb.addWorksheet(TEMPLATE_PROGRESS_SHEET);
  const guide = wb.addWorksheet(TEMPLATE_GUIDE_SHEET);
  const lists = wb.addWorksheet(TEMPLATE_LISTS_SHEET, { state: 'hidden' });

  const owners = cadresInPost(input.roster, input.unit.code, input.asOf);
  const ranges = fillLists(lists, owners);
  buildMain(main, input, ranges);
  buildProgress(progress, ranges);
  buildGuide(guide);
  for (const ws of [main, progress, guide]) await protect(ws);
  return wb;
}

// ───────────────────────────── the title block ─────────────────────────────

/**
 * The lines that name the unit (SPEC §2.3): its superior's Party body, then its own committee —
 * `ĐẢNG BỘ HUYỆN LỤC NAM` over `ĐẢNG ỦY XÃ YÊN SƠN`, `ĐẢNG BỘ TỈNH BẮC GIANG` over `HUYỆN ỦY LỤC NAM`.
 * Both lines name a unit by the title rules, so the register resolves to the deepest one whose
 * parent is named too. A root unit has only its own line.
 */
export function titleLines(unit: Unit, tree: UnitTree): { superior: string | null; own: string } {
  const parent = unit.parent ? (tree.byCode.get(unit.parent) ?? null) : null;
  return {
    superior: parent ? upper(withOrgan(parent.name, 'Đảng bộ')) : null,
    own: upper(committee(unit.name)),
  };
}

const ORGAN_WORDS = /^(đảng bộ|đảng ủy|đảng uỷ|chi bộ|ban thường vụ|tỉnh ủy|huyện ủy|quận ủy|thị ủy|thành ủy)(?=\s|$)/iu;

/** The committee of a unit: the organ word its level takes (`Huyện Lục Nam` → `Huyện ủy Lục Nam`). */
function committee(name: string): string {
  const n = name.normalize('NFC').trim();
  if (ORGAN_WORDS.test(n)) return n;
  const levels: [RegExp, string][] = [
    [/^tỉnh\s+/iu, 'Tỉnh ủy '],
    [/^huyện\s+/iu, 'Huyện ủy '],
    [/^quận\s+/iu, 'Quận ủy '],
    [/^thị xã\s+/iu, 'Thị ủy '],
    [/^(thành phố|tp\.?)\s+/iu, 'Thành ủy '],
  ];
  for (const [re, organ] of levels) if (re.test(n)) return n.replace(re, organ);
  return `Đảng ủy ${n}`;
}

function withOrgan(name: string, organ: string): string {
  const n = name.normalize('NFC').trim();
  return ORGAN_WORDS.test(n) ? n : `${organ} ${n}`;
}

function upper(s: string): string {
  return s.toLocaleUpperCase('vi').normalize('NFC');
}

/** The place in the date line: the unit's name without its level word (`Xã Yên Sơn` → `Yên Sơn`). */
function place(unit: Unit): string {
  const m = /^(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+(.+)$/iu.exec(unit.name.normalize('NFC').trim());
  return m ? m[2] : '……………';
}

// ───────────────────────────── Danh mục ─────────────────────────────

interface ListRanges {
  status: string;
  category: string;
  field: string;
  owner: string | null;
}

function buildMain(ws: ExcelJS.Worksheet, input: Omit<TemplateInput, 'out'>, ranges: ListRanges): void {
  const n = TEMPLATE_COLUMNS.length;
  const specs = new Map(COLUMNS.map((c) => [c.key, c]));
  const col = (k: ColumnKey) => TEMPLATE_COLUMNS.indexOf(k) + 1;

  // Column styles first: cells made later inherit them, and rows a clerk adds below the body stay editable.
  TEMPLATE_COLUMNS.forEach((k, i) => {
    const c = ws.getColumn(i + 1);
    c.width = WIDTH[k] ?? 10;
    c.font = { name: FONT, size: BODY_SIZE };
    c.alignment = bodyAlignment(k);
    c.protection = UNLOCKED;
    if (isDate(k)) c.numFmt = DATE_FORMAT;
  });

  // The title block. Left: superior over own committee, a `*` under it; right: the Party's name and the date line.
  const { superior, own } = titleLines(input.unit, input.tree);
  const leftEnd = Math.min(col('owner'), n);
  const rightStart = Math.min(col('assigned'), n);
  const left = superior ? [superior, own] : [own];
  left.forEach((text, i) => {
    mergeText(ws, i + 1, 1, leftEnd, text, { name: FONT, size: 13, bold: i === left.length - 1 });
  });
  mergeText(ws, left.length + 1, 1, leftEnd, '*', { name: FONT, size: 13 });
  mergeText(ws, 1, rightStart, n, 'ĐẢNG CỘNG SẢN VIỆT NAM', { name: FONT, size: 15, bold: true, underline: true });
  mergeText(ws, 2, rightStart, n, `${place(input.unit)}, ngày …… tháng …… năm ${input.year}`, { name: FONT, size: 13, italic: true });
  mergeText(ws, 5, 1, n, `DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ NĂM ${input.year}`, { name: FONT, size: 14, bold: true });
  mergeText(ws, 6, 1, n, `(Mã đơn vị: ${input.unit.code})`, { name: FONT, size: 12, italic: true });

  // The header and the column numbers.
  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  const numbers = ws.getRow(TEMPLATE_HEADER_ROW + 1);
  TEMPLATE_COLUMNS.forEach((k, i) => {
    const spec = specs.get(k)!;
    const h = header.getCell(i + 1);
    h.value = spec.headers[0];
    h.style = { ...HEADER_STYLE }; // a copy: exceljs sets font, fill … on the object it is given
    const c = numbers.getCell(i + 1);
    c.value = `(${i + 1})`;
    c.style = {
      font: { name: FONT, size: 11, italic: true },
      alignment: { horizontal: 'center' },
      border: THIN,
      protection: LOCKED,
    };
  });
  header.height = 62;

  // Everything above the body is locked, empty cells included (the columns' own style unlocks them).
  for (let r = 1; r < TEMPLATE_FIRST_BODY_ROW; r++) {
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(r, c);
      cell.style = { ...cell.style, protection: LOCKED };
    }
  }

  // The body: the first rows ruled for the clerk, the checks on every prepared row (one validation per column).
  for (let r = TEMPLATE_FIRST_BODY_ROW; r < TEMPLATE_FIRST_BODY_ROW + TEMPLATE_RULED_ROWS; r++) {
    TEMPLATE_COLUMNS.forEach((k, i) => {
      ws.getCell(r, i + 1).style = {
        font: { name: FONT, size: BODY_SIZE },
        border: THIN,
        alignment: bodyAlignment(k),
        protection: UNLOCKED,
        ...(isDate(k) ? { numFmt: DATE_FORMAT } : {}),
      };
    });
  }
  const v = validations(ranges);
  TEMPLATE_COLUMNS.forEach((k, i) => {
    const dv = v[k];
    const c = letter(i + 1);
    if (dv) validate(ws, `${c}${TEMPLATE_FIRST_BODY_ROW}:${c}${TEMPLATE_FIRST_BODY_ROW + TEMPLATE_BODY_ROWS - 1}`, dv);
  });

  freeze(ws, TEMPLATE_FIRST_BODY_ROW - 1);
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW + 1}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    horizontalCentered: true,
  };
}

/**
 * One validation over a whole range. Set cell by cell, exceljs joins the cells back into ranges after
 * sorting their addresses as text (A10 before A2), and a sheet whose rows start below 10 got overlapping
 * ranges (A10:A201 and A2:A201), which Excel offers to repair. A range as the key is written as it is.
 */
function validate(ws: ExcelJS.Worksheet, range: string, dv: ExcelJS.DataValidation): void {
  // `dataValidations` is on every worksheet, missing from exceljs's typings
  (ws as ExcelJS.Worksheet & { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, dv);
}

function mergeText(ws: ExcelJS.Worksheet, row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>): void {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = text;
  cell.style = { font, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, protection: LOCKED };
}

/** The check on each column of `Danh mục`; none on free text. */
function validations(r: ListRanges): Partial<Record<ColumnKey, ExcelJS.DataValidation>> {
  const date = (title: string): ExcelJS.DataValidation => ({
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
    showInputMessage: true,
    promptTitle: title,
    prompt: 'Ghi ngày/tháng/năm, ví dụ 15/03/2024.',
    // A warning, not a stop: on a machine set to month-first dates a correct day-first date is text to Excel.
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Ngày chưa đúng',
    error: 'Ghi ngày/tháng/năm, ví dụ 15/03/2024.',
  });
  const list = (range: string, title: string, prompt: string, errorStyle: 'stop' | 'warning'): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [range],
    showInputMessage: true,
    promptTitle: title,
    prompt,
    showErrorMessage: true,
    errorStyle,
    errorTitle: title,
    error:
      errorStyle === 'stop'
        ? 'Chọn một giá trị trong danh sách.'
        : 'Tên này không có trong danh sách cán bộ đang công tác ở đơn vị. Vẫn ghi?',
  });
  const amount = (title: string): ExcelJS.DataValidation => ({
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: 'Ghi một số, ví dụ 35 hoặc 41,8.',
  });
  return {
    category: list(r.category, 'Loại việc', 'Chọn loại việc; để trống là Nhiệm vụ trọng tâm.', 'stop'),
    field: {
      ...list(r.field, 'Lĩnh vực', 'Chọn hoặc ghi lĩnh vực.', 'stop'),
      // Other fields may be typed: the list only helps.
      showErrorMessage: false,
    },
    owner: r.owner
      ? list(r.owner, 'Người chịu trách nhiệm', 'Chọn một cán bộ chịu trách nhiệm chính — chỉ một người.', 'warning')
      : undefined,
    assigned: date('Ngày giao'),
    deadline: {
      // Any value: a deadline may be a day (30/09/2024) or a period (Quý III/2024, Năm 2024), so only a prompt.
      // 'any' is what Excel writes for "Any value"; exceljs writes it as no type, but its typings omit it.
      type: 'any' as ExcelJS.DataValidation['type'],
      formulae: [],
      showInputMessage: true,
      promptTitle: 'Thời hạn hoàn thành',
      prompt: 'Bắt buộc. Một ngày (30/09/2024) hoặc một kỳ (Tháng 9/2024, Quý III/2024, 6 tháng đầu năm 2024, Năm 2024).',
    },
    target: amount('Chỉ tiêu'),
    achieved: amount('Kết quả đạt được'),
    progress: {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showInputMessage: true,
      promptTitle: 'Tiến độ (%)',
      prompt: 'Từ 0 đến 100.',
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Tiến độ (%)',
      error: 'Tiến độ là một số từ 0 đến 100.',
    },
    status: list(r.status, 'Tình trạng', 'Chọn tình trạng; để trống thì suy ra từ tiến độ và ngày hoàn thành.', 'stop'),
    completed: date('Ngày hoàn thành'),
  };
}

// ───────────────────────────── the lists ─────────────────────────────

/** The cadres holding a post in the unit on `asOf`, by name, once each, in Vietnamese order. */
export function cadresInPost(roster: Roster | null, unitCode: string, asOf: IsoDate): string[] {
  if (!roster) return [];
  const byKey = new Map<string, string>();
  for (const c of roster.cadres) {
    if (c.unit !== unitCode) continue;
    if (c.from !== null && c.from > asOf) continue;
    if (c.to !== null && c.to < asOf) continue;
    const name = c.name.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (name && !byKey.has(c.key)) byKey.set(c.key, name);
  }
  return [...byKey.values()].sort(new Intl.Collator('vi').compare);
}

function fillLists(ws: ExcelJS.Worksheet, owners: string[]): ListRanges {
  const columns: string[][] = [Object.values(STATUS_LABEL), Object.values(CATEGORY_LABEL), COMMON_FIELDS, owners];
  columns.forEach((values, i) => values.forEach((v, j) => (ws.getCell(j + 1, i + 1).value = v)));
  const sheet = `'${TEMPLATE_LISTS_SHEET.replace(/'/g, "''")}'`;
  const range = (i: number) => `${sheet}!$${letter(i + 1)}$1:$${letter(i + 1)}$${columns[i].length}`;
  ws.getColumn(4).width = 30;
  return { status: range(0), category: range(1), field: range(2), owner: owners.length > 0 ? range(3) : null };
}

// ───────────────────────────── Tiến độ ─────────────────────────────

function buildProgress(ws: ExcelJS.Worksheet, ranges: ListRanges): void {
  const widths = [12, 14, 11, 14, 18, 14, 30];
  widths.forEach((w, i) => {
    const c = ws.getColumn(i + 1);
    c.width = w;
    c.font = { name: FONT, size: 12 };
    c.alignment = { vertical: 'top', wrapText: i === 6 };
    c.protection = UNLOCKED;
    if (i === 1 || i === 5) c.numFmt = DATE_FORMAT;
  });
  const header = ws.getRow(TEMPLATE_PROGRESS_HEADER_ROW);
  PROGRESS_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.style = { ...HEADER_STYLE };
  });
  header.height = 32;

  const main = `'${TEMPLATE_SHEET.replace(/'/g, "''")}'`;
  const idCol = templateColumnLetter('id');
  const ids = `${main}!$${idCol}$${TEMPLATE_FIRST_BODY_ROW}:$${idCol}$${TEMPLATE_FIRST_BODY_ROW + TEMPLATE_BODY_ROWS - 1}`;
  const checks: (ExcelJS.DataValidation | undefined)[] = [
    {
      type: 'list',
      allowBlank: true,
      formulae: [ids],
      showInputMessage: true,
      promptTitle: 'Mã việc',
      prompt: 'Mã việc như ở trang Danh mục.',
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Mã việc',
      error: 'Mã này chưa có ở trang Danh mục. Vẫn ghi?',
    },
    {
      // A day or a month (`Tháng 3/2024`, meaning its last day): a prompt, no check.
      type: 'any' as ExcelJS.DataValidation['type'],
      formulae: [],
      showInputMessage: true,
      promptTitle: 'Ngày báo cáo',
      prompt: 'Ngày báo cáo (31/03/2024) hoặc kỳ báo cáo (Tháng 3/2024).',
    },
    {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Tiến độ (%)',
      error: 'Tiến độ là một số từ 0 đến 100.',
    },
    {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Kết quả đạt được',
      error: 'Ghi một số, ví dụ 35 hoặc 41,8.',
    },
    {
      type: 'list',
      allowBlank: true,
      formulae: [ranges.status],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Tình trạng',
      error: 'Chọn một giá trị trong danh sách.',
    },
    {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Ngày hoàn thành',
      error: 'Ghi ngày/tháng/năm, ví dụ 15/03/2024.',
    },
    undefined,
  ];
  const first = TEMPLATE_PROGRESS_HEADER_ROW + 1;
  for (let r = first; r < first + TEMPLATE_PROGRESS_RULED_ROWS; r++) {
    checks.forEach((_, i) => {
      ws.getCell(r, i + 1).style = {
        font: { name: FONT, size: 12 },
        border: THIN,
        alignment: { vertical: 'top', wrapText: i === 6 },
        protection: UNLOCKED,
        ...(i === 1 || i === 5 ? { numFmt: DATE_FORMAT } : {}),
      };
    });
  }
  checks.forEach((dv, i) => {
    if (dv) validate(ws, `${letter(i + 1)}${first}:${letter(i + 1)}${first + TEMPLATE_PROGRESS_ROWS - 1}`, dv);
  });
  freeze(ws, TEMPLATE_PROGRESS_HEADER_ROW);
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
  };
}

// ───────────────────────────── Hướng dẫn ─────────────────────────────

const PROGRESS_HELP: Record<(typeof PROGRESS_HEADERS)[number], string> = {
  'Mã việc': 'Mã việc như ở trang Danh mục (hoặc STT của việc).',
  'Ngày báo cáo': 'Ngày báo cáo (31/03/2024) hoặc kỳ báo cáo (Tháng 3/2024, hiểu là ngày cuối tháng).',
  'Tiến độ (%)': 'Tiến độ đến ngày báo cáo, từ 0 đến 100 (%).',
  'Kết quả đạt được': 'Số lượng đã đạt được đến ngày báo cáo.',
  'Tình trạng': 'Chưa triển khai, Đang thực hiện, Đã hoàn thành, Tạm dừng hoặc Đã hủy.',
  'Ngày hoàn thành': 'Ngày hoàn thành thực tế, khi đã hoàn thành.',
  'Ghi chú': 'Kết quả thực hiện bằng lời, khó khăn, kiến nghị.',
};

// `Hướng dẫn`: 96 units fit A4 portrait nearly at 100 % (12 pt), where 134 printed at about 8 pt. Each row
// is as tall as its wrapped text: LibreOffice fits only rows with a line break, and printed the rest over the next.
const GUIDE_WIDTHS = [7, 21, 9, 59];
/** Characters a line of 12 pt Times New Roman holds in `width` units, counted on the generous side. */
const perLine = (width: number): number => Math.max(1, Math.floor((width - 1.5) / 1.0));
const guideLines = (text: string, width: number): number => Math.max(1, Math.ceil(text.length / (perLine(width) * 0.9)));

function buildGuide(ws: ExcelJS.Worksheet): void {
  GUIDE_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const all = GUIDE_WIDTHS.reduce((a, b) => a + b, 0);
  const font = { name: FONT, size: 12 };
  const line = (text: string, f: Partial<ExcelJS.Font> = font) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).style = { font: f, alignment: { wrapText: true, vertical: 'top' } };
    // a larger font holds fewer characters a line, bold capitals fewer still
    const k = ((f.size ?? 12) / 12) * (f.bold ? 1.4 : 1);
    row.height = guideLines(text, all / k) * 16 * ((f.size ?? 12) / 12) + 2;
  };
  const table = (title: string, rows: [string, string, string, string][]) => {
    ws.addRow([]);
    line(title, { ...font, bold: true });
    const h = ws.addRow(['Cột', 'Tên cột', 'Bắt buộc', 'Cách ghi']);
    h.eachCell((c) => (c.style = { font: { ...font, bold: true }, border: THIN, alignment: { horizontal: 'center' } }));
    for (const r of rows) {
      const row = ws.addRow(r);
      row.eachCell({ includeEmpty: true }, (c, i) => {
        c.style = {
          font,
          border: THIN,
          alignment: { wrapText: true, vertical: 'top', horizontal: i === 1 || i === 3 ? 'center' : 'left' },
        };
      });
      row.height = Math.max(...r.map((text, i) => guideLines(text, GUIDE_WIDTHS[i]))) * 16 + 2;
    }
  };

  line('HƯỚNG DẪN GHI DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ', { ...font, size: 14, bold: true });
  line(
    `1. Trang "${TEMPLATE_SHEET}": ghi mỗi việc trên một dòng, bắt đầu từ dòng ${TEMPLATE_FIRST_BODY_ROW}. Không sửa tên đơn vị, dòng tiêu đề cột và dòng số cột (đã khóa để tránh sửa nhầm; nếu cần, bỏ khóa bằng Review/Xem lại → Unprotect Sheet/Bỏ bảo vệ trang tính, không có mật khẩu).`,
  );
  line('2. Mỗi việc ghi rõ người, rõ việc, rõ trách nhiệm, rõ tiến độ: một người chịu trách nhiệm chính và một thời hạn hoàn thành.');
  line(
    '3. Ngày ghi theo ngày/tháng/năm, ví dụ 15/03/2024. Thời hạn có thể là một kỳ: Tháng 9/2024, Quý III/2024, 6 tháng đầu năm 2024, Năm 2024.',
  );
  line(
    '4. Có thể thêm dòng mục (ví dụ "I. LĨNH VỰC XÂY DỰNG ĐẢNG") phía trên các việc của một lĩnh vực; khi đó cột Lĩnh vực có thể để trống.',
  );
  line(
    `5. Hằng tháng cập nhật tiến độ ở trang "${TEMPLATE_PROGRESS_SHEET}": mỗi lần báo cáo một việc là một dòng, ghi Mã việc và ngày báo cáo.`,
  );
  line('6. Không đổi tên các trang, không đổi tên và thứ tự các cột.');

  table(
    `Các cột của trang "${TEMPLATE_SHEET}"`,
    TEMPLATE_COLUMNS.map((k, i) => {
      const spec = COLUMNS.find((c) => c.key === k)!;
      return [`(${i + 1})`, spec.headers[0], spec.required ? 'Có' : '', spec.help];
    }),
  );
  table(
    `Các cột của trang "${TEMPLATE_PROGRESS_SHEET}"`,
    PROGRESS_HEADERS.map((h, i) => [`(${i + 1})`, h, i < 2 ? 'Có' : '', PROGRESS_HELP[h]]),
  );
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

// ───────────────────────────── shared ─────────────────────────────

function freeze(ws: ExcelJS.Worksheet, rows: number): void {
  ws.views = [{ state: 'frozen', ySplit: rows, activeCell: `A${rows + 1}` }];
}

/**
 * Protection without a password: it stops accidental edits to the locked header, and a clerk who
 * must change it can lift it from the menu. Rows may be added, sized and sorted.
 */
function protect(ws: ExcelJS.Worksheet): Promise<void> {
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

function letter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
