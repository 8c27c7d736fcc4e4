import { describe, expect, it } from 'vitest';
import { inPeriod, parsePeriod, periodOfAsOf, periodTitle } from '../../src/classify/period.js';
import { UsageError } from '../../src/errors.js';

describe('parsePeriod', () => {
  it.each([
    ['2024-03', '2024-03', '2024-03-01', '2024-03-31'],
    ['2024-3', '2024-03', '2024-03-01', '2024-03-31'],
    ['2024-02', '2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02', '2023-02-01', '2023-02-28'],
    ['2024-12', '2024-12', '2024-12-01', '2024-12-31'],
    ['2024-Q1', '2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-q3', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['2024-Q4', '2024-Q4', '2024-10-01', '2024-12-31'],
    ['2024-H1', '2024-H1', '2024-01-01', '2024-06-30'],
    ['2024-h2', '2024-H2', '2024-07-01', '2024-12-31'],
    [' 2024 ', '2024', '2024-01-01', '2024-12-31'],
  ])('%s → %s, %s … %s', (text, label, start, end) => {
    expect(parsePeriod(text)).toEqual({ label, start, end });
  });

  it.each(['', '2024-13', '2024-00', '2024-Q5', '2024-H3', '24-03', '03/2024', 'Quý 3', '2024-03-01', 'abc'])(
    'refuses %j with a Vietnamese usage error',
    (text) => {
      expect(() => parsePeriod(text)).toThrow(UsageError);
      expect(() => parsePeriod(text)).toThrow(/Kỳ báo cáo .* không hợp lệ — ghi theo dạng 2024-03/);
    },
  );
});

describe('periodOfAsOf', () => {
  it('is the month of the as-of date', () => {
    expect(periodOfAsOf('2024-02-05')).toEqual({ label: '2024-02', start: '2024-02-01', end: '2024-02-29' });
  });
});

describe('periodTitle', () => {
  it('names the period as a report does', () => {
    expect(periodTitle(parsePeriod('2024-03'))).toBe('Tháng 3 năm 2024');
    expect(periodTitle(parsePeriod('2024-Q3'))).toBe('Quý III năm 2024');
    expect(periodTitle(parsePeriod('2024-H1'))).toBe('6 tháng đầu năm 2024');
    expect(periodTitle(parsePeriod('2024-H2'))).toBe('6 tháng cuối năm 2024');
    expect(periodTitle(parsePeriod('2024'))).toBe('Năm 2024');
    expect(periodTitle(parsePeriod('2024-Q3'), 'en')).toBe('Q3 2024');
    expect(periodTitle({ label: 'x', start: '2024-01-01', end: '2024-02-15' })).toBe('Từ ngày 01/01/2024 đến ngày 15/02/2024');
  });

  it('inPeriod includes both ends', () => {
    const p = parsePeriod('2024-Q3');
    expect([inPeriod('2024-07-01', p), inPeriod('2024-09-30', p), inPeriod('2024-06-30', p), inPeriod('2024-10-01', p)])
      .toEqual([true, true, false, false]);
  });
});
