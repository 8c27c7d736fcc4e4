import { describe, expect, it } from 'vitest';
import { dateCell } from '../../src/write/sheet-model.js';

describe('dateCell', () => {
  /** Excel's day number of a yyyy-mm-dd as Date.UTC reads it */
  const utc = (d: string): number => {
    const [y = NaN, m = NaN, day = NaN] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, day) / 86_400_000 + 25_569;
  };

  it('is Excel’s day number: 1 March 1900 is 61, 30 September 2024 is 45565', () => {
    expect(dateCell('1900-03-01')).toBe(61);
    expect(dateCell('2024-09-30')).toBe(45565);
  });

  it('reads every day from 1900 to 2100, a day that does not exist and an early year as Date.UTC does', () => {
    const days: string[] = [];
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    days.push('2023-02-29', '2024-02-30', '2024-04-31', '0050-06-01', '0999-12-31', '9999-12-31');
    expect(days.filter((d) => dateCell(d) !== utc(d))).toEqual([]);
    expect(dateCell('2024-13-01')).toBe(utc('2024-13-01'));
  });
});
