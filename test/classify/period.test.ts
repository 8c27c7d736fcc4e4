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

  // SPEC §2.3: every form a deadline may name a period in, read the same way by --period
  it.each([
    ['Tháng 9/2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['tháng 09 năm 2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['T9/2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['t2/2024', '2024-02', '2024-02-01', '2024-02-29'],
    ['9/2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['09/2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['03/2024', '2024-03', '2024-03-01', '2024-03-31'],
    ['12/2023', '2023-12', '2023-12-01', '2023-12-31'],
    ['Quý III/2024', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['Quý IV/2024', '2024-Q4', '2024-10-01', '2024-12-31'],
    ['Quý I/2025', '2025-Q1', '2025-01-01', '2025-03-31'],
    ['Quý 3/2024', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['Quý 2 năm 2024', '2024-Q2', '2024-04-01', '2024-06-30'],
    ['Q3/2024', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['6 tháng đầu năm 2024', '2024-H1', '2024-01-01', '2024-06-30'],
    ['6 tháng cuối năm 2024', '2024-H2', '2024-07-01', '2024-12-31'],
    ['Năm 2024', '2024', '2024-01-01', '2024-12-31'],
    // case, diacritics, NFD and spacing do not matter
    ['QUÝ III/2024', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['quy iii/2024', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['Quý III/2024'.normalize('NFD'), '2024-Q3', '2024-07-01', '2024-09-30'],
    ['6 tháng đầu năm 2024'.normalize('NFD'), '2024-H1', '2024-01-01', '2024-06-30'],
    ['  Quý  III / 2024 ', '2024-Q3', '2024-07-01', '2024-09-30'],
    ['THANG 9/2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['Tháng 9 / 2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['T 9/2024', '2024-09', '2024-09-01', '2024-09-30'],
    ['6 THÁNG CUỐI NĂM 2024', '2024-H2', '2024-07-01', '2024-12-31'],
    ['nam 2024', '2024', '2024-01-01', '2024-12-31'],
    ['2024 - Q3', '2024-Q3', '2024-07-01', '2024-09-30'],
  ])('%j → %s, %s … %s', (text, label, start, end) => {
    expect(parsePeriod(text)).toEqual({ label, start, end });
  });

  it('titles a period typed the Vietnamese way as the canonical one', () => {
    expect(periodTitle(parsePeriod('Quý III/2024'))).toBe('Quý III năm 2024');
    expect(periodTitle(parsePeriod('T9/2024'))).toBe('Tháng 9 năm 2024');
    expect(periodTitle(parsePeriod('6 tháng cuối năm 2024'))).toBe('6 tháng cuối năm 2024');
    expect(periodTitle(parsePeriod('Năm 2024'))).toBe('Năm 2024');
  });

  it.each([
    '',
    '2024-13',
    '2024-00',
    '2024-Q5',
    '2024-H3',
    '24-03',
    'Quý 3',
    '2024-03-01',
    'abc',
    'Tháng 13/2024',
    '0/2024',
    'Quý V/2024',
    'Quý 5/2024',
    'Q0/2024',
    '7 tháng đầu năm 2024',
    '6 tháng giữa năm 2024',
    'Năm 24',
    '9/24',
    '1899',
    'Năm 3000',
    '30/09/2024',
    'ngày 30 tháng 9 năm 2024',
    'Tháng 9',
    'Quý III/2024 và Quý IV/2024',
  ])('refuses %j with one Vietnamese line listing the accepted forms', (text) => {
    expect(() => parsePeriod(text)).toThrow(UsageError);
    expect(() => parsePeriod(text)).toThrow(
      /^Kỳ báo cáo ".*" không hợp lệ — ghi theo dạng 2024-03 hoặc Tháng 3\/2024 \(tháng\), 2024-Q3 hoặc Quý III\/2024 \(quý\), 2024-H1 hoặc 6 tháng đầu năm 2024 \(6 tháng\), 2024 hoặc Năm 2024 \(năm\)$/,
    );
  });

  it('says it in English with --lang en', () => {
    expect(() => parsePeriod('Quý 9/2024', 'en')).toThrow(/^Period "Quý 9\/2024" is not valid — write 2024-03 or Tháng 3\/2024 \(month\)/);
  });

  it.each(['Giai đoạn 2021-2025', 'giai doan 2021 - 2025', '2021-2025', '2021 – 2025'])(
    'refuses the multi-year stage %j: a rollup reports one month, quarter, half-year or year',
    (text) => {
      expect(() => parsePeriod(text)).toThrow(UsageError);
      expect(() => parsePeriod(text)).toThrow(
        /^Kỳ báo cáo ".*" là cả giai đoạn 2021–2025 — tổng hợp theo một tháng, quý, 6 tháng hoặc năm: --period 2025 cho năm 2025, hoặc theo dạng 2024-03/,
      );
      expect(() => parsePeriod(text, 'en')).toThrow(/^Period ".*" is a stage of several years/);
    },
  );

  it('gives one line, never a line break', () => {
    for (const text of ['x', 'Giai đoạn 2021-2025']) {
      try {
        parsePeriod(text);
      } catch (e) {
        expect((e as Error).message).not.toMatch(/\n/);
      }
    }
  });
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
    expect([inPeriod('2024-07-01', p), inPeriod('2024-09-30', p), inPeriod('2024-06-30', p), inPeriod('2024-10-01', p)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
