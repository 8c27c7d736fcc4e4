// The reporting period of a rollup (SPEC §5 `--period`): a month, a quarter, a half-year or a year, in the
// canonical forms (`2024-03`, `2024-Q3`, `2024-H1`, `2024`) or any form a deadline may name one (SPEC §2.3).
import { UsageError } from '../errors.js';
import { namedPeriod, periodRange, type NamedPeriod, type PeriodKind } from '../normalise/periods.js';
import { fold } from '../normalise/text.js';
import type { IsoDate, Lang, Period } from '../types.js';

export type { PeriodKind } from '../normalise/periods.js';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number): string => String(n).padStart(2, '0');

const FORMS = {
  vi:
    'ghi theo dạng 2024-03 hoặc Tháng 3/2024 (tháng), 2024-Q3 hoặc Quý III/2024 (quý), ' +
    '2024-H1 hoặc 6 tháng đầu năm 2024 (6 tháng), 2024 hoặc Năm 2024 (năm)',
  en:
    'write 2024-03 or Tháng 3/2024 (month), 2024-Q3 or Quý III/2024 (quarter), ' +
    '2024-H1 or 6 tháng đầu năm 2024 (half-year), 2024 or Năm 2024 (year)',
};

function usage(text: string, lang: Lang): UsageError {
  return new UsageError(lang === 'en' ? `Period "${text}" is not valid — ${FORMS.en}` : `Kỳ báo cáo "${text}" không hợp lệ — ${FORMS.vi}`);
}

/** A stage of several years is a deadline, not a reporting period: its report would be one of its years. */
function stage(text: string, from: number, to: number, lang: Lang): UsageError {
  return new UsageError(
    lang === 'en'
      ? `Period "${text}" is a stage of several years — a rollup reports one month, quarter, half-year or year: ` +
          `--period ${to} for the year ${to}, or ${FORMS.en.replace(/^write /, '')}`
      : `Kỳ báo cáo "${text}" là cả giai đoạn ${from}–${to} — tổng hợp theo một tháng, quý, 6 tháng hoặc năm: ` +
          `--period ${to} cho năm ${to}, hoặc ${FORMS.vi.replace(/^ghi /, '')}`,
  );
}

/** The canonical spellings, folded: `2024 03`, `2024 q3`, `2024 h1` (a year alone is a named period). */
function canonicalPeriod(f: string): NamedPeriod | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}) (\d{1,2})$/.exec(f))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), index: month } : null;
  }
  if ((m = /^(\d{4}) ?q([1-4])$/.exec(f))) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  if ((m = /^(\d{4}) ?h([12])$/.exec(f))) return { kind: 'half', year: Number(m[1]), index: Number(m[2]) };
  return null;
}

/** The canonical label of a period: `2024-03`, `2024-Q3`, `2024-H1`, `2024`. */
function labelOf(p: NamedPeriod): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${pad(p.index)}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'half':
      return `${p.year}-H${p.index}`;
    default:
      return String(p.year);
  }
}

/**
 * Reads `--period`: a month (`2024-03`, `Tháng 3/2024`, `T3/2024`, `3/2024`, `03/2024`), a quarter (`2024-Q3`,
 * `Quý III/2024`, `Quý 3/2024`, `Q3/2024`), a half-year (`2024-H1`, `6 tháng đầu năm 2024`, `6 tháng cuối năm 2024`)
 * or a year (`2024`, `Năm 2024`), in any case, with or without diacritics, NFC or NFD, spaces tolerated.
 * The label is the canonical spelling (`Quý III/2024` → `2024-Q3`, `2024-3` → `2024-03`). A stage of several
 * years (`Giai đoạn 2021-2025`), which a deadline may name, is refused: see `stage`.
 */
export function parsePeriod(text: string, lang: Lang = 'vi'): Period {
  const f = fold(text);
  const p = canonicalPeriod(f) ?? namedPeriod(f);
  if (!p) throw usage(text, lang);
  if (p.kind === 'stage') throw stage(text, p.firstYear, p.year, lang);
  if (p.year < 1900 || p.year > 2999) throw usage(text, lang);
  return { label: labelOf(p), ...periodRange(p) };
}

/**
 * The period used when no `--period` is given: the calendar month of the as-of date
 * (a monthly rollup is the clerks' routine; `--as-of 2024-03-15` alone reports on March 2024).
 */
export function periodOfAsOf(asOf: IsoDate): Period {
  const p: NamedPeriod = { kind: 'month', year: Number(asOf.slice(0, 4)), index: Number(asOf.slice(5, 7)) };
  return { label: labelOf(p), ...periodRange(p) };
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
    return lang === 'en' ? `${dmy(period.start)} to ${dmy(period.end)}` : `Từ ngày ${dmy(period.start)} đến ngày ${dmy(period.end)}`;
  }
  if (lang === 'en') {
    switch (k.kind) {
      case 'month':
        return `${MONTHS_EN[k.index - 1]} ${k.year}`;
      case 'quarter':
        return `Q${k.index} ${k.year}`;
      case 'half':
        return `H${k.index} ${k.year}`;
      case 'year':
        return String(k.year);
    }
  }
  switch (k.kind) {
    case 'month':
      return `Tháng ${k.index} năm ${k.year}`;
    case 'quarter':
      return `Quý ${ROMAN[k.index - 1]} năm ${k.year}`;
    case 'half':
      return `6 tháng ${k.index === 1 ? 'đầu' : 'cuối'} năm ${k.year}`;
    case 'year':
      return `Năm ${k.year}`;
  }
}

/** Whether a day falls inside the period (both ends inclusive). */
export function inPeriod(d: IsoDate, period: Period): boolean {
  return d >= period.start && d <= period.end;
}
