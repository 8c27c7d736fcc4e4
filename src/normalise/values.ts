// Reading the values of a register's cells (SPEC §2.3). Pure functions, no I/O.
import type { Category, Cell, DateValue, IsoDate, NumberValue, Status } from '../types.js';
import { lastDayOfMonth, makeDate } from '../domain/dates.js';
import { namedPeriod, periodMonths } from './periods.js';
import { clean, distance, fold } from './text.js';

// Calendar days (addDays, displayDate …) live in domain/dates.ts; re-exported for the stages that
// read values and dates together.
export { addDays, daysBetween, displayDate, isoFromUtc, today, vietnameseDateLine } from '../domain/dates.js';

// ───────────────────────────── dates and deadlines ─────────────────────────────

// A time after the day, as Excel, LibreOffice and Google Sheets write date-times as text.
const TRAILING_TIME = /(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[ap]\.?m\.?|sa|ch))?\s*Z?$/iu;
const DAY_FIRST = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const YEAR_FIRST = /^(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
// on folded text: "ngay 15 thang 3 nam 2024", "15 thang 03 nam 2024"
const SPELLED = /^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$/;

/** The day written in a text, or null. */
function dateFromText(text: string): IsoDate | null {
  return remembered(DAYS, text, dayOf);
}

function dayOf(text: string): IsoDate | null {
  // `15/10/2024` as it is, most days are written: neither a time nor `ngày` to take off.
  let m = DAY_FIRST.exec(text);
  if (m) return makeDate(Number(m[3]), Number(m[2]), Number(m[1]));
  // A time has a colon and `ngày` an n: only then the expressions.
  const untimed = text.includes(':') ? text.replace(TRAILING_TIME, '') : text;
  const s = (untimed.charCodeAt(0) | 0x20) === 0x6e ? untimed.replace(/^ngày\s*/iu, '') : untimed;
  m = DAY_FIRST.exec(s);
  if (m) return makeDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = YEAR_FIRST.exec(s);
  if (m) return makeDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = SPELLED.exec(fold(s));
  if (m) return makeDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** What to show for a cell that could not be read. */
function shown(cell: Cell): string {
  return clean(cell.text) || cell.error || cell.date || (cell.number !== undefined ? String(cell.number) : '');
}

function unreadable(cell: Cell): boolean {
  return cell.error !== undefined || cell.formulaWithoutResult === true;
}

/** A date: a date cell, or text `dd/mm/yyyy` `d/m/yyyy` `dd-mm-yyyy` `dd.mm.yyyy` `yyyy-mm-dd` `ngày 15 tháng 3 năm 2024`. Day first, always. A day that does not exist (31/02/2024) is invalid. */
export function parseDate(cell: Cell | null | undefined): DateValue {
  if (!cell) return { kind: 'empty' };
  if (unreadable(cell)) return { kind: 'invalid', text: shown(cell) };
  if (cell.date !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell.date);
    const day = m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    return day ? { kind: 'date', date: day } : { kind: 'invalid', text: shown(cell) };
  }
  // A bare number is an unformatted serial or a year: not a day we can trust.
  if (cell.number !== undefined) return { kind: 'invalid', text: shown(cell) };
  const text = clean(cell.text);
  if (text === '') return { kind: 'empty' };
  const day = dateFromText(text);
  return day ? { kind: 'date', date: day } : { kind: 'invalid', text };
}

/** The last day of the period a folded text names (normalise/periods.ts), or null. */
function periodEnd(f: string): IsoDate | null {
  const p = namedPeriod(f);
  return p ? lastDayOfMonth(p.year, periodMonths(p)[1]) : null;
}

/** A deadline: a date as parseDate, or a period meaning its last day (`Tháng 9/2024`, `T9/2024`, `09/2024`, `Quý III/2024`, `Quý 3/2024`, `6 tháng đầu năm 2024`, `6 tháng cuối năm 2024`, `Năm 2024`, `2024`, `Giai đoạn 2021-2025`, `2021 - 2025`); `period` set to the text. */
export function parseDeadline(cell: Cell | null | undefined): DateValue {
  if (!cell) return { kind: 'empty' };
  if (!unreadable(cell) && cell.date === undefined && cell.number !== undefined) {
    // A year typed in a number cell: 2024.
    const y = cell.number;
    const end = Number.isInteger(y) ? periodEnd(String(y)) : null;
    return end ? { kind: 'date', date: end, period: clean(cell.text) || String(y) } : { kind: 'invalid', text: shown(cell) };
  }
  const asDate = parseDate(cell);
  if (asDate.kind !== 'invalid' || unreadable(cell) || cell.date !== undefined) return asDate;
  const text = clean(cell.text);
  const end = periodEnd(fold(text));
  return end ? { kind: 'date', date: end, period: text } : asDate;
}

// ───────────────────────────── numbers ─────────────────────────────

/** The number written in a text, Vietnamese style, or null. */
function numberFromText(text: string): number | null {
  let s = text;
  // A space (NBSP included: clean made it a space) between groups of three digits: 1 686, 1 686,5.
  // A group never follows a leading 0, so 0.455 stays a decimal.
  if (/^[+-]?[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d+)?$/.test(s)) s = s.replace(/ /g, '');
  let m: RegExpExecArray | null;
  if ((m = /^([+-]?)([1-9]\d{0,2}(?:\.\d{3})+|\d+),(\d+)$/.exec(s))) {
    // A comma is always decimal; dots before it group thousands: 41,8  1.686,5
    const [, sign = '', whole = '', fraction = ''] = m; // every group takes part in a match
    return Number(`${sign}${whole.replace(/\./g, '')}.${fraction}`);
  }
  if (/^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, '')); // 1.686  1.686.000
  if (/^[+-]?\d+(?:\.\d+)?$/.test(s)) return Number(s); // 41.8  705
  return null;
}

/** A number: a number cell, or text with a decimal comma and thousands dots (`41,8`, `1.686`, `1.686,5`). A comma is always decimal; a dot followed by groups of exactly three digits is a thousands separator, any other single dot is decimal (`41.8`). A space or NBSP between groups of three digits is a thousands separator too (`1 686`); other spaces and a `%` are not allowed here (invalid). */
export function parseNumber(cell: Cell | null | undefined): NumberValue {
  if (!cell) return { kind: 'empty' };
  if (unreadable(cell)) return { kind: 'invalid', text: shown(cell) };
  if (cell.number !== undefined) {
    return Number.isFinite(cell.number) ? { kind: 'number', value: cell.number } : { kind: 'invalid', text: shown(cell) };
  }
  const text = clean(cell.text);
  if (text === '') return { kind: 'empty' };
  const n = numberFromText(text);
  return n === null ? { kind: 'invalid', text } : { kind: 'number', value: n };
}

/** Float noise off (0.455 × 100 = 45.50000000000001): ten decimals are more than any register shows. */
function round10(x: number): number {
  if (Number.isInteger(x)) return x === 0 ? 0 : x; // nothing to take off (-0 becomes 0, as toFixed makes it), and toFixed is slow
  return Number(x.toFixed(10));
}

/** Progress in 0–100 units: `45`, `45%`, `45,5%`, `45.5`; a percent-formatted cell holds a fraction (0.455 → 45.5). Out-of-range values are returned as numbers (the rule judges them). */
export function parseProgress(cell: Cell | null | undefined): NumberValue {
  if (!cell) return { kind: 'empty' };
  if (unreadable(cell)) return { kind: 'invalid', text: shown(cell) };
  if (cell.number !== undefined) {
    if (!Number.isFinite(cell.number)) return { kind: 'invalid', text: shown(cell) };
    return { kind: 'number', value: cell.percent ? round10(cell.number * 100) : cell.number };
  }
  const text = clean(cell.text);
  if (text === '') return { kind: 'empty' };
  // Only the format makes a fraction: a typed 0,455 is 0.455, a typed 45,5% is 45.5.
  const n = numberFromText(text.replace(/\s*%$/, ''));
  return n === null ? { kind: 'invalid', text } : { kind: 'number', value: round10(n) };
}

// ───────────────────────────── vocabularies ─────────────────────────────

// Never empty: parseStatus starts from the first.
const STATUS_ALIASES: [[string, Status], ...[string, Status][]] = [
  ['Chưa triển khai', 'not_started'],
  ['Chưa thực hiện', 'not_started'],
  ['Chưa bắt đầu', 'not_started'],
  ['Đang thực hiện', 'in_progress'],
  ['Đang triển khai', 'in_progress'],
  ['Đang làm', 'in_progress'],
  ['Đã hoàn thành', 'done'],
  ['Hoàn thành', 'done'],
  ['Xong', 'done'],
  ['Tạm dừng', 'paused'],
  ['Tạm hoãn', 'paused'],
  ['Hủy', 'cancelled'],
  ['Không thực hiện', 'cancelled'],
  ['Đã hủy', 'cancelled'],
  ['Dừng thực hiện', 'cancelled'],
];
const STATUS_BY_FOLD = new Map(STATUS_ALIASES.map(([alias, status]) => [fold(alias), status]));

const CATEGORY_ALIASES: [string, Category][] = [
  ['Việc khó', 'hard'],
  ['Nhiệm vụ trọng tâm', 'key'],
  ['Việc đột phá', 'breakthrough'],
  ['Đột phá', 'breakthrough'],
  // SPEC lists "Vấn đề bức xúc, Bức xúc, nổi cộm"; the label (and the template's help) joins them.
  ['Vấn đề bức xúc', 'pressing'],
  ['Bức xúc', 'pressing'],
  ['Nổi cộm', 'pressing'],
  ['Vấn đề bức xúc, nổi cộm', 'pressing'],
  ['Bức xúc, nổi cộm', 'pressing'],
];
const CATEGORY_BY_FOLD = new Map(CATEGORY_ALIASES.map(([alias, category]) => [fold(alias), category]));

/** The status vocabulary (SPEC §2.3); null when the text is not in it (then `suggestion` is the closest canonical label in Vietnamese). '' → { status: null, empty: true }. */
export function parseStatus(text: string): StatusRead {
  return { ...remembered(STATUSES, text, statusOf) };
}

type StatusRead = { status: Status | null; empty: boolean; suggestion?: string };

/**
 * `read(text)`, remembered by text: a register's few statuses, categories and days recur row after
 * row and register after register (emptied when full; the caller copies what it hands out).
 */
function remembered<T>(memo: Map<string, T>, text: string, read: (text: string) => T): T {
  let value = memo.get(text);
  if (value === undefined) {
    if (memo.size >= 10_000) memo.clear(); // the texts of the registers being read stay
    value = read(text);
    memo.set(text, value);
  }
  return value;
}

const STATUSES = new Map<string, StatusRead>();
const CATEGORIES = new Map<string, { category: Category; invalid: boolean }>();
const DAYS = new Map<string, IsoDate | null>();

function statusOf(text: string): StatusRead {
  if (clean(text) === '') return { status: null, empty: true };
  const status = STATUS_BY_FOLD.get(fold(text));
  if (status) return { status, empty: false };
  let best = STATUS_ALIASES[0];
  let bestDistance = Infinity;
  for (const entry of STATUS_ALIASES) {
    const d = distance(text, entry[0]);
    if (d < bestDistance) [best, bestDistance] = [entry, d];
  }
  return { status: null, empty: false, suggestion: STATUS_LABEL[best[1]] };
}

/** The category vocabulary; empty → key; unknown → { category: 'key', invalid: true }. */
export function parseCategory(text: string): { category: Category; invalid: boolean } {
  return { ...remembered(CATEGORIES, text, categoryOf) };
}

function categoryOf(text: string): { category: Category; invalid: boolean } {
  if (clean(text) === '') return { category: 'key', invalid: false };
  const category = CATEGORY_BY_FOLD.get(fold(text));
  return category ? { category, invalid: false } : { category: 'key', invalid: true };
}

/** A task not yet finished: not started, in progress or paused (not done, not cancelled). */
export function isUnfinished(status: Status | null): boolean {
  return status === 'not_started' || status === 'in_progress' || status === 'paused';
}

/** The Vietnamese label of each status and category, for messages and workbooks. */
export const STATUS_LABEL: Record<Status, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  paused: 'Tạm dừng',
  cancelled: 'Đã hủy',
};
export const CATEGORY_LABEL: Record<Category, string> = {
  hard: 'Việc khó',
  key: 'Nhiệm vụ trọng tâm',
  breakthrough: 'Việc đột phá',
  pressing: 'Vấn đề bức xúc, nổi cộm',
};
