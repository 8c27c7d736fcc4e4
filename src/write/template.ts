// A register ready to fill (`tiendo template`): the title block that names the unit, the canonical
// headers, drop-downs and checks on the body cells, a `Tiến độ` sheet for monthly updates and a
// `Hướng dẫn` sheet. It is not tiendo's output: it comes back filled in, so it is not marked.
import ExcelJS from 'exceljs';
import { COLUMNS } from '../domain/columns.js';
import { CATEGORY_LABEL, STATUS_LABEL } from '../normalise/values.js';
import type { ColumnKey, IsoDate, Roster, Unit, UnitTree } from '../types.js';
import { writeWorkbookAtomic } from './atomic.js';
import {
  BODY_SIZE,
  COMMON_FIELDS,
  DATE_FORMAT,
  FONT,
  HEADER_STYLE,
  LOCKED,
  TEMPLATE_BODY_ROWS,
  TEMPLATE_COLUMNS,
  TEMPLATE_FIRST_BODY_ROW,
  TEMPLATE_GUIDE_SHEET,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_LISTS_SHEET,
  TEMPLATE_PROGRESS_SHEET,
  TEMPLATE_RULED_ROWS,
  TEMPLATE_SHEET,
  THIN,
  UNLOCKED,
  WIDTH,
  bodyAlignment,
  freeze,
  isDate,
  letter,
  protect,
  validate,
  type ListRanges,
} from './template-layout.js';
import { buildGuide, buildProgress } from './template-progress.js';

export {
  COMMON_FIELDS,
  PROGRESS_HEADERS,
  TEMPLATE_BODY_ROWS,
  TEMPLATE_COLUMNS,
  TEMPLATE_FIRST_BODY_ROW,
  TEMPLATE_GUIDE_SHEET,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_LISTS_SHEET,
  TEMPLATE_PROGRESS_HEADER_ROW,
  TEMPLATE_PROGRESS_ROWS,
  TEMPLATE_PROGRESS_RULED_ROWS,
  TEMPLATE_PROGRESS_SHEET,
  TEMPLATE_RULED_ROWS,
  TEMPLATE_SHEET,
  templateColumnLetter,
} from './template-layout.js';

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
  return m?.[2] ?? '……………';
}

// ───────────────────────────── Danh mục ─────────────────────────────

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
  const range = (i: number) => `${sheet}!$${letter(i + 1)}$1:$${letter(i + 1)}$${columns[i]?.length ?? 0}`;
  ws.getColumn(4).width = 30;
  return { status: range(0), category: range(1), field: range(2), owner: owners.length > 0 ? range(3) : null };
}
