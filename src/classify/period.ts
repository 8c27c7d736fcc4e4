// The reporting period of a rollup (SPEC §5 `--period`): a month, a quarter, a half-year or a year.
import { UsageError } from '../errors.js';
import type { IsoDate, Lang, Period } from '../types.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): IsoDate => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
/** The last day of month `m` (1–12) of year `y`. */
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthsPeriod(label: string, y: number, firstMonth: number, lastMonth: number): Period {
  return { label, start: iso(y, firstMonth, 1), end: iso(y, lastMonth, lastDay(y, lastMonth)) };
}

function usage(text: string): UsageError {
  return new UsageError(
    `Kỳ báo cáo "${text}" không hợp lệ — ghi theo dạng 2024-03 (tháng), 2024-Q3 (quý), 2024-H1 (6 tháng) hoặc 2024 (năm)`,
  );
}

/**
 * Reads `--period`: `2024-03` (month), `2024-Q3` (quarter), `2024-H1` (half-year), `2024` (year).
 * The label is the canonical spelling (`2024-3` → `2024-03`, `2024-q3` → `2024-Q3`).
 */
export function parsePeriod(text: string): Period {
  const t = text.trim();
  let m: RegExpMatchArray | null;
  const year = (s: string): number => {
    const y = Number(s);
    if (y < 1900 || y > 2999) throw usage(text);
    return y;
  };
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) {
    const y = year(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw usage(text);
    return monthsPeriod(`${y}-${pad(mo)}`, y, mo, mo);
  }
  if ((m = /^(\d{4})-Q([1-4])$/i.exec(t))) {
    const y = year(m[1]);
    const q = Number(m[2]);
    return monthsPeriod(`${y}-Q${q}`, y, 3 * q - 2, 3 * q);
  }
  if ((m = /^(\d{4})-H([12])$/i.exec(t))) {
    const y = year(m[1]);
    const h = Number(m[2]);
    return monthsPeriod(`${y}-H${h}`, y, 6 * h - 5, 6 * h);
  }
  if ((m = /^(\d{4})$/.exec(t))) {
    const y = year(m[1]);
    return monthsPeriod(String(y), y, 1, 12);
  }
  throw usage(text);
}

/**
 * The period used when no `--period` is given: the calendar month of the as-of date
 * (a monthly rollup is the clerks' routine; `--as-of 2024-03-15` alone reports on March 2024).
 */
export function periodOfAsOf(asOf: IsoDate): Period {
  const [y, m] = asOf.split('-').map(Number);
  return monthsPeriod(`${y}-${pad(m)}`, y, m, m);
}

/** What kind of period a label names; null for a label that parsePeriod did not make. */
export function periodKind(period: Period): { kind: PeriodKind; year: number; index: number } | null {
  const l = period.label;
  let m: RegExpMatchArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(l))) return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(l))) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  if ((m = /^(\d{4})-H([12])$/.exec(l))) return { kind: 'half', year: Number(m[1]), index: Number(m[2]) };
  if ((m = /^(\d{4})$/.exec(l))) return { kind: 'year', year: Number(m[1]), index: 0 };
  return null;
}

const dmy = (d: IsoDate): string => d.split('-').reverse().join('/');

/**
 * The period as a report names it: `Tháng 3 năm 2024`, `Quý III năm 2024`, `6 tháng đầu năm 2024`,
 * `6 tháng cuối năm 2024`, `Năm 2024` (English: `March 2024`, `Q3 2024`, `H1 2024`, `2024`).
 */
export function periodTitle(period: Period, lang: Lang = 'vi'): string {
  const k = periodKind(period);
  if (!k) {
    return lang === 'en'
      ? `${dmy(period.start)} to ${dmy(period.end)}`
      : `Từ ngày ${dmy(period.start)} đến ngày ${dmy(period.end)}`;
  }
  if (lang === 'en') {
    switch (k.kind) {
      case 'month': return `${MONTHS_EN[k.index - 1]} ${k.year}`;
      case 'quarter': return `Q${k.index} ${k.year}`;
      case 'half': return `H${k.index} ${k.year}`;
      case 'year': return String(k.year);
    }
  }
  switch (k.kind) {
    case 'month': return `Tháng ${k.index} năm ${k.year}`;
    case 'quarter': return `Quý ${ROMAN[k.index - 1]} năm ${k.year}`;
    case 'half': return `6 tháng ${k.index === 1 ? 'đầu' : 'cuối'} năm ${k.year}`;
    case 'year': return `Năm ${k.year}`;
  }
}

/** Whether a day falls inside the period (both ends inclusive). */
export function inPeriod(d: IsoDate, period: Period): boolean {
  return d >= period.start && d <= period.end;
}
