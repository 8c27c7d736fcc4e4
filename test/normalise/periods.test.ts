import { describe, expect, it } from 'vitest';
import { namedPeriod, periodRange } from '../../src/normalise/periods.js';
import { fold } from '../../src/normalise/text.js';

// The one reader behind deadline periods (SPEC §2.3) and --period (SPEC §5): on folded text.
describe('namedPeriod', () => {
  it.each([
    ['Tháng 9/2024', { kind: 'month', year: 2024, index: 9 }, '2024-09-01', '2024-09-30'],
    ['T2/2023', { kind: 'month', year: 2023, index: 2 }, '2023-02-01', '2023-02-28'],
    ['09/2024', { kind: 'month', year: 2024, index: 9 }, '2024-09-01', '2024-09-30'],
    ['Quý IV/2024', { kind: 'quarter', year: 2024, index: 4 }, '2024-10-01', '2024-12-31'],
    ['Q1/2024', { kind: 'quarter', year: 2024, index: 1 }, '2024-01-01', '2024-03-31'],
    ['6 tháng cuối năm 2024', { kind: 'half', year: 2024, index: 2 }, '2024-07-01', '2024-12-31'],
    ['Năm 2024', { kind: 'year', year: 2024, index: 0 }, '2024-01-01', '2024-12-31'],
    ['Giai đoạn 2021-2025', { kind: 'stage', firstYear: 2021, year: 2025, index: 0 }, '2021-01-01', '2025-12-31'],
  ])('%s', (text, period, start, end) => {
    const p = namedPeriod(fold(text));
    expect(p).toEqual(period);
    expect(periodRange(p!)).toEqual({ start, end });
  });

  it.each(['Tháng 13/2024', 'Quý V/2024', '2025-2021', '7 tháng đầu năm 2024', '30/09/2024', ''])('names nothing in %j', (text) => {
    expect(namedPeriod(fold(text))).toBeNull();
  });
});
