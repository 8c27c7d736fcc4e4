// Calendar days, `yyyy-mm-dd`, with no time zone: a day typed 01/03/2024 is 1 March on any machine.
// Arithmetic and formats by date-fns on local midnights (calendar-day counts, safe across DST); a
// Date from a workbook is read by its UTC fields (exceljs and our reader give UTC midnight).
// One function per subpath: the whole of date-fns would slow every start.
import { addDays as addDaysFns } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import type { IsoDate } from '../types.js';

// Excel's serials before 1 March 1900 pass through its fictitious 29/02/1900 and read one day off;
// no register has a task dated then, so an earlier day is a typo, not a date.
const MIN_DATE: IsoDate = '1900-03-01';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The day, or null when it does not exist (31/02, 29/02 of a common year) or is before MIN_DATE. */
export function makeDate(y: number, m: number, d: number): IsoDate | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const day = iso(y, m, d);
  return day < MIN_DATE ? null : day;
}

export function lastDayOfMonth(y: number, m: number): IsoDate | null {
  if (m < 1 || m > 12) return null;
  return makeDate(y, m, daysInMonth(y, m));
}

/** Split a well-formed IsoDate; a malformed one is a bug of the caller. */
function partsOf(d: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) throw new Error(`not a yyyy-mm-dd date: ${JSON.stringify(d)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The digits of `s` from `at`, `n` of them, as a number; -1 when one is not a digit. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days from 1 January 1970 to a day of the proleptic Gregorian calendar, as Date.UTC counts them
 * (without a Date): the civil-from-days algorithm read backwards.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * The day's number (days from 1 January 1970) when `d` is a day that exists, read digit by digit;
 * null for anything else, which the callers read as before. The rules and the summaries ask it of every task.
 */
export function dayNumber(d: IsoDate): number | null {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return null;
  const y = digitsAt(d, 0, 4);
  const m = digitsAt(d, 5, 2);
  const day = digitsAt(d, 8, 2);
  if (y < 0 || m < 1 || m > 12 || day < 1) return null;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0;
  if (day > (MONTH_DAYS[m - 1] ?? 31) + leap) return null;
  return daysFromCivil(y, m, day);
}

/** The day as a local Date at midnight: date-fns counts calendar days on those, whatever the time zone. */
function local(d: IsoDate): Date {
  const [y, m, day] = partsOf(d);
  const date = new Date(y, m - 1, day);
  date.setFullYear(y); // years below 100 would otherwise be read as 19xx
  return date;
}

/** Date arithmetic on calendar days. */
export function addDays(d: IsoDate, n: number): IsoDate {
  const r = addDaysFns(local(d), n);
  return iso(r.getFullYear(), r.getMonth() + 1, r.getDate());
}
/** The number of days from `a` to `b`: positive when `b` is later (`daysBetween(deadline, asOf)` = days overdue). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const from = dayNumber(a);
  const to = dayNumber(b);
  return from !== null && to !== null ? to - from : differenceInCalendarDays(local(b), local(a));
}
/** yyyy-mm-dd from a Date's UTC fields (exceljs gives UTC midnight). */
export function isoFromUtc(d: Date): IsoDate {
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
/** Today in the local calendar of the machine. */
export function today(): IsoDate {
  const now = new Date();
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
/** `ngày 05 tháng 02 năm 2024` — leading zero on days below 10 and on months 1 and 2 (Hướng dẫn 36-HD/VPTW). */
export function vietnameseDateLine(d: IsoDate): string {
  const [y, m, day] = partsOf(d);
  return `ngày ${pad2(day)} tháng ${m <= 2 ? pad2(m) : String(m)} năm ${y}`;
}
/** dd/mm/yyyy for display. */
export function displayDate(d: IsoDate): string {
  // a day that exists is its own digits turned round; anything else as date-fns makes it
  return dayNumber(d) !== null ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : format(local(d), 'dd/MM/yyyy');
}
