// The periods clerks write (SPEC §2.3 "Deadlines may also name a period", §5 `--period`): one reader for
// a register's deadline cells and for the `--period` option, so both understand the same forms.
// One function per subpath: the whole of date-fns would slow every start.
import { endOfMonth } from 'date-fns/endOfMonth';
import { formatISO } from 'date-fns/formatISO';
import { setYear } from 'date-fns/setYear';
import { startOfMonth } from 'date-fns/startOfMonth';
import type { IsoDate } from '../types.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/**
 * A period named in a text. `index` is the month (1–12), quarter (1–4) or half (1–2), 0 for a year;
 * `year` is the (last) year. A stage (`Giai đoạn 2021-2025`) spans `firstYear` … `year`.
 */
export type NamedPeriod = { kind: PeriodKind; year: number; index: number } | { kind: 'stage'; firstYear: number; year: number; index: 0 };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * The period a folded text (normalise/text.ts `fold`) names, or null: `Tháng 9/2024`, `tháng 09 năm 2024`,
 * `T9/2024`, `9/2024`, `09/2024`; `Quý III/2024`, `Quý 3/2024`, `Quý 3 năm 2024`, `Q3/2024`;
 * `6 tháng đầu năm 2024`, `6 tháng cuối năm 2024`; `Năm 2024`, `2024`; `Giai đoạn 2021-2025`, `2021 - 2025`.
 * A month or quarter out of range, or a stage that ends before it begins, names nothing.
 */
export function namedPeriod(f: string): NamedPeriod | null {
  let m: RegExpExecArray | null;
  if ((m = /^(?:(?:thang|t)\s*)?(\d{1,2})\s+(?:nam\s+)?(\d{4})$/.exec(f))) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[2]), index: month } : null;
  }
  if ((m = /^(?:quy\s*|q)(iv|i{1,3}|[1-4])\s+(?:nam\s+)?(\d{4})$/.exec(f))) {
    const quarter = m[1] ?? ''; // the group is not optional: always matched
    return { kind: 'quarter', year: Number(m[2]), index: ROMAN[quarter] ?? Number(quarter) };
  }
  if ((m = /^6\s+thang\s+(dau|cuoi)\s+(?:nam\s+)?(\d{4})$/.exec(f))) {
    return { kind: 'half', year: Number(m[2]), index: m[1] === 'dau' ? 1 : 2 };
  }
  if ((m = /^(?:nam\s+)?(\d{4})$/.exec(f))) return { kind: 'year', year: Number(m[1]), index: 0 };
  // folding turned the dash of 2021-2025, 2021 – 2025 into a space
  if ((m = /^(?:giai\s+doan\s+)?(\d{4})\s+(\d{4})$/.exec(f))) {
    const [from, to] = [Number(m[1]), Number(m[2])];
    return to >= from ? { kind: 'stage', firstYear: from, year: to, index: 0 } : null;
  }
  return null;
}

/** The first and the last month (1–12) of the period; a stage's first month is in its first year. */
export function periodMonths(p: NamedPeriod): [first: number, last: number] {
  switch (p.kind) {
    case 'month':
      return [p.index, p.index];
    case 'quarter':
      return [3 * p.index - 2, 3 * p.index];
    case 'half':
      return [6 * p.index - 5, 6 * p.index];
    case 'year':
    case 'stage':
      return [1, 12];
  }
}

/** The first day of the month, in the local calendar (a year below 100 stays that year). */
const monthDate = (year: number, month: number): Date => setYear(new Date(2000, month - 1, 1), year);
const day = (d: Date): IsoDate => formatISO(d, { representation: 'date' });

/** The first and the last day of the period, both inclusive. */
export function periodRange(p: NamedPeriod): { start: IsoDate; end: IsoDate } {
  const [first, last] = periodMonths(p);
  const firstYear = p.kind === 'stage' ? p.firstYear : p.year;
  return { start: day(startOfMonth(monthDate(firstYear, first))), end: day(endOfMonth(monthDate(p.year, last))) };
}
