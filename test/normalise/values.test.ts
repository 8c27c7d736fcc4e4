import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { describe, it, expect } from 'vitest';
import type { Cell, DateValue, NumberValue } from '../../src/types.js';
import {
  addDays,
  CATEGORY_LABEL,
  daysBetween,
  displayDate,
  isoFromUtc,
  parseCategory,
  parseDate,
  parseDeadline,
  parseNumber,
  parseProgress,
  parseStatus,
  STATUS_LABEL,
  today,
  vietnameseDateLine,
} from '../../src/normalise/values.js';

const text = (t: string): Cell => ({ text: t });
const nfd = (s: string) => s.normalize('NFD');
const date = (d: string): DateValue => ({ kind: 'date', date: d });
const period = (d: string, p: string): DateValue => ({ kind: 'date', date: d, period: p });
const invalid = (t: string): DateValue => ({ kind: 'invalid', text: t });
const num = (value: number): NumberValue => ({ kind: 'number', value });
const bad = (t: string): NumberValue => ({ kind: 'invalid', text: t });

describe('parseDate', () => {
  it.each<[string, DateValue]>([
    ['15/03/2024', date('2024-03-15')],
    ['01/03/2024', date('2024-03-01')],
    ['1/3/2024', date('2024-03-01')],
    ['5/10/2024', date('2024-10-05')],
    ['15-03-2024', date('2024-03-15')],
    ['15.03.2024', date('2024-03-15')],
    ['2024-03-15', date('2024-03-15')],
    ['2024-3-5', date('2024-03-05')],
    ['ngày 15 tháng 3 năm 2024', date('2024-03-15')],
    ['Ngày 05 tháng 10 năm 2024', date('2024-10-05')],
    ['NGÀY 15 THÁNG 03 NĂM 2024', date('2024-03-15')],
    ['ngay 15 thang 3 nam 2024', date('2024-03-15')],
    ['ngày  15  tháng 3   năm 2024', date('2024-03-15')],
    ['15 tháng 3 năm 2024', date('2024-03-15')],
    ['Ngày 15/3/2024', date('2024-03-15')],
    ['  15/03/2024  ', date('2024-03-15')],
    ['15/03/2024 00:00:00', date('2024-03-15')],
    ['2024-03-15 00:00:00', date('2024-03-15')],
    ['2024-03-15T00:00:00', date('2024-03-15')],
    ['15/03/2024 14:30', date('2024-03-15')],
    ['29/02/2024', date('2024-02-29')],
    ['31/12/2024', date('2024-12-31')],
    // day first, always: 03/04 is 3 April, never 4 March
    ['03/04/2024', date('2024-04-03')],
    ['12/01/2025', date('2025-01-12')],
  ])('%j → %j', (input, expected) => {
    expect(parseDate(text(input))).toEqual(expected);
  });

  it.each([
    '31/02/2024', // no such day
    '29/02/2023', // not a leap year
    '31/04/2024',
    '00/03/2024',
    '15/13/2024', // day first: 13 is no month
    '03/15/2024', // a US date is not read as one
    '15/03/24', // 2-digit year
    '15-3-24',
    '2024-02-30',
    'ngày 31 tháng 2 năm 2024',
    'ngày 15 tháng 3', // no year
    'Tháng 9/2024', // a period is a deadline, not a date
    '2024',
    'abc',
    '15/03/2024 abc',
    '15/02/1900', // before 1 March 1900: a typo
    '15/03/0224',
  ])('%j is invalid', (input) => {
    expect(parseDate(text(input))).toEqual(invalid(input));
  });

  it('reports the cleaned text of an invalid date', () => {
    expect(parseDate(text('  31/02/2024 '))).toEqual(invalid('31/02/2024'));
  });

  it('reads NFD text', () => {
    expect(parseDate(text(nfd('Ngày 15 tháng 3 năm 2024')))).toEqual(date('2024-03-15'));
  });

  it('is empty for no cell or blank text', () => {
    expect(parseDate(null)).toEqual({ kind: 'empty' });
    expect(parseDate(undefined)).toEqual({ kind: 'empty' });
    expect(parseDate(text(''))).toEqual({ kind: 'empty' });
    expect(parseDate(text('   '))).toEqual({ kind: 'empty' });
  });

  it('takes a date cell as it is', () => {
    expect(parseDate({ text: '15/03/2024', date: '2024-03-15' })).toEqual(date('2024-03-15'));
    expect(parseDate({ text: '', date: '1900-03-01' })).toEqual(date('1900-03-01'));
  });

  it('refuses a date cell before 1 March 1900 (Excel serials below 61)', () => {
    expect(parseDate({ text: '14/02/1900', date: '1900-02-14' })).toEqual(invalid('14/02/1900'));
    expect(parseDate({ text: '', date: '1900-02-28' })).toEqual(invalid('1900-02-28'));
  });

  it('refuses a plain number: an unformatted serial is not a date we trust', () => {
    expect(parseDate({ text: '45366', number: 45366 })).toEqual(invalid('45366'));
    expect(parseDate({ text: '', number: 2024 })).toEqual(invalid('2024'));
  });

  it('refuses an error value or a formula without result', () => {
    expect(parseDate({ text: '', error: '#N/A' })).toEqual(invalid('#N/A'));
    expect(parseDate({ text: '=A1+30', formulaWithoutResult: true }).kind).toBe('invalid');
  });
});

describe('parseDeadline', () => {
  it.each<[string, DateValue]>([
    ['30/09/2024', date('2024-09-30')],
    ['ngày 15 tháng 3 năm 2024', date('2024-03-15')],
    ['Tháng 9/2024', period('2024-09-30', 'Tháng 9/2024')],
    ['tháng 09 năm 2024', period('2024-09-30', 'tháng 09 năm 2024')],
    ['THÁNG 2/2024', period('2024-02-29', 'THÁNG 2/2024')],
    ['Tháng 2/2023', period('2023-02-28', 'Tháng 2/2023')],
    ['T9/2024', period('2024-09-30', 'T9/2024')],
    ['t12/2024', period('2024-12-31', 't12/2024')],
    ['09/2024', period('2024-09-30', '09/2024')],
    ['9/2024', period('2024-09-30', '9/2024')],
    ['4/2024', period('2024-04-30', '4/2024')],
    ['Quý I/2024', period('2024-03-31', 'Quý I/2024')],
    ['Quý II/2024', period('2024-06-30', 'Quý II/2024')],
    ['Quý III/2024', period('2024-09-30', 'Quý III/2024')],
    ['Quý IV/2024', period('2024-12-31', 'Quý IV/2024')],
    ['quý iii/2024', period('2024-09-30', 'quý iii/2024')],
    ['Quý 3/2024', period('2024-09-30', 'Quý 3/2024')],
    ['Quý 3 năm 2024', period('2024-09-30', 'Quý 3 năm 2024')],
    ['Quý III năm 2024', period('2024-09-30', 'Quý III năm 2024')],
    ['6 tháng đầu năm 2024', period('2024-06-30', '6 tháng đầu năm 2024')],
    ['6 tháng cuối năm 2024', period('2024-12-31', '6 tháng cuối năm 2024')],
    ['Năm 2024', period('2024-12-31', 'Năm 2024')],
    ['năm 2025', period('2025-12-31', 'năm 2025')],
    ['2024', period('2024-12-31', '2024')],
    ['Giai đoạn 2021-2025', period('2025-12-31', 'Giai đoạn 2021-2025')],
    ['Giai đoạn 2021 - 2025', period('2025-12-31', 'Giai đoạn 2021 - 2025')],
    ['2021 - 2025', period('2025-12-31', '2021 - 2025')],
    ['2021-2025', period('2025-12-31', '2021-2025')],
    ['2021–2025', period('2025-12-31', '2021–2025')],
    ['  Quý   III/2024 ', period('2024-09-30', 'Quý III/2024')],
  ])('%j → %j', (input, expected) => {
    expect(parseDeadline(text(input))).toEqual(expected);
  });

  it('reads NFD periods and keeps the NFC text', () => {
    expect(parseDeadline(text(nfd('Quý III/2024')))).toEqual(period('2024-09-30', 'Quý III/2024'));
    expect(parseDeadline(text(nfd('6 tháng đầu năm 2024')))).toEqual(period('2024-06-30', '6 tháng đầu năm 2024'));
  });

  it.each([
    '31/02/2024',
    'Tháng 13/2024',
    'Tháng 0/2024',
    'T9/24',
    '9/24',
    'Quý V/2024',
    'Quý 5/2024',
    'Quý III',
    '6 tháng đầu năm',
    '9 tháng đầu năm 2024',
    'Giai đoạn 2025-2021',
    '2021-25',
    'Năm 24',
    'Cuối năm',
    'Thường xuyên',
    'Trước 30/9/2024',
    'abc',
  ])('%j is invalid', (input) => {
    expect(parseDeadline(text(input))).toEqual(invalid(input));
  });

  it('is empty for no cell or blank text', () => {
    expect(parseDeadline(null)).toEqual({ kind: 'empty' });
    expect(parseDeadline(text(' '))).toEqual({ kind: 'empty' });
  });

  it('takes a date cell as a day, not a period', () => {
    expect(parseDeadline({ text: '30/09/2024', date: '2024-09-30' })).toEqual(date('2024-09-30'));
    expect(parseDeadline({ text: '', date: '1900-01-15' })).toEqual(invalid('1900-01-15'));
  });

  it('takes a number cell 2024 as the year', () => {
    expect(parseDeadline({ text: '2024', number: 2024 })).toEqual(period('2024-12-31', '2024'));
    expect(parseDeadline({ text: '', number: 2025 })).toEqual(period('2025-12-31', '2025'));
  });

  it('refuses other number cells', () => {
    expect(parseDeadline({ text: '45566', number: 45566 })).toEqual(invalid('45566'));
    expect(parseDeadline({ text: '2024.5', number: 2024.5 })).toEqual(invalid('2024.5'));
    expect(parseDeadline({ text: '9', number: 9 })).toEqual(invalid('9'));
  });
});

describe('parseNumber', () => {
  it.each<[string, NumberValue]>([
    ['41,8', num(41.8)],
    ['1.686', num(1686)],
    ['1.686,5', num(1686.5)],
    ['1.686.000', num(1686000)],
    ['2.188', num(2188)],
    ['41.8', num(41.8)],
    ['0.455', num(0.455)],
    ['0,455', num(0.455)],
    ['705', num(705)],
    ['0', num(0)],
    ['1 686', num(1686)],
    ['1\u00a0686', num(1686)],
    ['1\u202f686', num(1686)],
    ['1 686,5', num(1686.5)],
    ['12 345 678', num(12345678)],
    ['  58 ', num(58)],
    ['-5', num(-5)],
    ['1234,5', num(1234.5)],
  ])('%j → %j', (input, expected) => {
    expect(parseNumber(text(input))).toEqual(expected);
  });

  it.each([
    '1,686,000', // a comma is always decimal
    '1.68.6',
    '1 68',
    '12 34',
    '45%',
    '41,8 hộ',
    'abc',
    '1e5',
    ',5',
    '--5',
  ])('%j is invalid', (input) => {
    expect(parseNumber(text(input))).toEqual(bad(input));
  });

  it('takes a number cell as it is', () => {
    expect(parseNumber({ text: '1686', number: 1686 })).toEqual(num(1686));
    expect(parseNumber({ text: '41.8', number: 41.8 })).toEqual(num(41.8));
    expect(parseNumber({ text: '35%', number: 0.35, percent: true })).toEqual(num(0.35));
  });

  it('is empty for blank text, invalid for an error or a date cell', () => {
    expect(parseNumber(null)).toEqual({ kind: 'empty' });
    expect(parseNumber(text(''))).toEqual({ kind: 'empty' });
    expect(parseNumber({ text: '', error: '#DIV/0!' })).toEqual(bad('#DIV/0!'));
    expect(parseNumber({ text: '15/03/2024', date: '2024-03-15' })).toEqual(bad('15/03/2024'));
    expect(parseNumber({ text: 'NaN', number: NaN }).kind).toBe('invalid');
  });
});

describe('parseProgress', () => {
  it.each<[string, NumberValue]>([
    ['45', num(45)],
    ['45%', num(45)],
    ['45,5%', num(45.5)],
    ['45.5', num(45.5)],
    ['45,5 %', num(45.5)],
    ['45,5', num(45.5)],
    ['100%', num(100)],
    ['0', num(0)],
    // only the format makes a fraction: typed 0,455 is 0.455
    ['0,455', num(0.455)],
    ['0.455', num(0.455)],
    // out of range is still a number: the rule judges it
    ['119%', num(119)],
    ['150', num(150)],
    ['-10', num(-10)],
  ])('%j → %j', (input, expected) => {
    expect(parseProgress(text(input))).toEqual(expected);
  });

  it.each(['abc', '45%%', '%', '45 phần trăm', 'Xong', '50-60%'])('%j is invalid', (input) => {
    expect(parseProgress(text(input))).toEqual(bad(input));
  });

  it('reads a percent cell as a fraction, without float noise', () => {
    expect(parseProgress({ text: '45.5%', number: 0.455, percent: true })).toEqual(num(45.5));
    expect(parseProgress({ text: '', number: 0.07, percent: true })).toEqual(num(7));
    expect(parseProgress({ text: '', number: 0.29, percent: true })).toEqual(num(29));
    expect(parseProgress({ text: '', number: 1, percent: true })).toEqual(num(100));
    expect(parseProgress({ text: '', number: 1.194, percent: true })).toEqual(num(119.4));
  });

  it('reads a plain number cell as 0–100', () => {
    expect(parseProgress({ text: '45', number: 45 })).toEqual(num(45));
    expect(parseProgress({ text: '0.455', number: 0.455 })).toEqual(num(0.455));
  });

  it('is empty for blank text', () => {
    expect(parseProgress(null)).toEqual({ kind: 'empty' });
    expect(parseProgress(text('  '))).toEqual({ kind: 'empty' });
  });

  it('is invalid for an error value', () => {
    expect(parseProgress({ text: '', error: '#VALUE!' })).toEqual(bad('#VALUE!'));
  });
});

describe('parseStatus', () => {
  it.each([
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
    ['Huỷ', 'cancelled'],
    ['Không thực hiện', 'cancelled'],
    ['Đã hủy', 'cancelled'],
    ['Đã huỷ', 'cancelled'],
    ['Dừng thực hiện', 'cancelled'],
    // case, diacritics, spacing and punctuation ignored
    ['ĐÃ HOÀN THÀNH', 'done'],
    ['da hoan thanh', 'done'],
    ['  Đang   thực hiện. ', 'in_progress'],
    ['Đang thực\nhiện', 'in_progress'],
    [nfd('Tạm dừng'), 'paused'],
    ['xong!', 'done'],
  ])('%j → %s', (input, status) => {
    expect(parseStatus(input)).toEqual({ status, empty: false });
  });

  it('is empty for blank text', () => {
    expect(parseStatus('')).toEqual({ status: null, empty: true });
    expect(parseStatus('   ')).toEqual({ status: null, empty: true });
  });

  it.each([
    ['Hoàn thàn', STATUS_LABEL.done],
    ['Đang thuc hein', STATUS_LABEL.in_progress],
    ['Chưa triển kha', STATUS_LABEL.not_started],
    ['Tạm dưng lại', STATUS_LABEL.paused],
    ['Đã hủy bỏ', STATUS_LABEL.cancelled],
  ])('%j is unknown, suggests %j', (input, suggestion) => {
    expect(parseStatus(input)).toEqual({ status: null, empty: false, suggestion });
  });

  it('suggests a canonical label, never an alias', () => {
    const labels = Object.values(STATUS_LABEL);
    for (const t of ['Xongg', 'Dang lamm', 'abc', '100%']) {
      const r = parseStatus(t);
      expect(r.status).toBe(null);
      expect(labels).toContain(r.suggestion);
    }
    // "Xongg" is closest to the alias Xong, reported as the done label
    expect(parseStatus('Xongg').suggestion).toBe('Đã hoàn thành');
    expect(parseStatus('Đang lamm').suggestion).toBe('Đang thực hiện');
    expect(parseStatus('Tạm hoãnn').suggestion).toBe('Tạm dừng');
  });
});

describe('parseCategory', () => {
  it.each([
    ['Việc khó', 'hard'],
    ['VIỆC KHÓ', 'hard'],
    ['Nhiệm vụ trọng tâm', 'key'],
    ['Việc đột phá', 'breakthrough'],
    ['Đột phá', 'breakthrough'],
    ['Vấn đề bức xúc', 'pressing'],
    ['Bức xúc', 'pressing'],
    ['nổi cộm', 'pressing'],
    ['Vấn đề bức xúc, nổi cộm', 'pressing'],
    ['Bức xúc, nổi cộm', 'pressing'],
    [nfd('Việc đột phá'), 'breakthrough'],
    ['viec  kho', 'hard'],
  ])('%j → %s', (input, category) => {
    expect(parseCategory(input)).toEqual({ category, invalid: false });
  });

  it('takes every label back', () => {
    for (const [category, label] of Object.entries(CATEGORY_LABEL)) {
      expect(parseCategory(label)).toEqual({ category, invalid: false });
    }
  });

  it('is key when empty', () => {
    expect(parseCategory('')).toEqual({ category: 'key', invalid: false });
    expect(parseCategory('  ')).toEqual({ category: 'key', invalid: false });
  });

  it.each(['Việc dễ', 'Khó', 'abc'])('%j is unknown: key, invalid', (input) => {
    expect(parseCategory(input)).toEqual({ category: 'key', invalid: true });
  });
});

describe('calendar days', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-03-31', 0, '2024-03-31'],
    // across the European and American DST changes: still whole days
    ['2024-03-30', 2, '2024-04-01'],
    ['2024-10-26', 2, '2024-10-28'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('addDays(%s, %d) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ['2024-09-30', '2024-10-15', 15],
    ['2024-10-15', '2024-09-30', -15],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-03-30', '2024-04-01', 2],
    ['2024-01-01', '2025-01-01', 366],
    ['2024-05-05', '2024-05-05', 0],
  ])('daysBetween(%s, %s) = %d', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it('counts and shows every day from 1900 to 2100, and a day that does not exist, as date-fns does', () => {
    const localDay = (d: string): Date => {
      const [y = 0, m = 1, day = 1] = d.split('-').map(Number);
      const date = new Date(y, m - 1, day);
      date.setFullYear(y);
      return date;
    };
    const days: string[] = [];
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    days.push('2023-02-29', '2024-02-30', '2024-04-31', '2024-06-00', '0999-12-31', '9999-12-31');
    const origin = '2024-09-30';
    let differs = 0;
    for (const d of days) {
      if (daysBetween(d, origin) !== differenceInCalendarDays(localDay(origin), localDay(d))) differs++;
      if (daysBetween(origin, d) !== differenceInCalendarDays(localDay(d), localDay(origin))) differs++;
      if (displayDate(d) !== format(localDay(d), 'dd/MM/yyyy')) differs++;
    }
    expect(days.length).toBeGreaterThan(73_000);
    expect(differs).toBe(0);
  });

  it('throws on a malformed day (a bug of the caller)', () => {
    expect(() => addDays('15/03/2024', 1)).toThrow();
    expect(() => displayDate('2024-3-5')).toThrow();
  });

  // Reading dates with local getters gives the previous day west of Greenwich. Node caches TZ at startup,
  // so the run under a negative TZ (TZ=America/New_York) is the CI's job; here UTC fields are pinned down.
  it('isoFromUtc reads the UTC fields', () => {
    expect(isoFromUtc(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03-01');
    expect(isoFromUtc(new Date(Date.UTC(2024, 0, 1)))).toBe('2024-01-01');
    expect(isoFromUtc(new Date(Date.UTC(2024, 11, 31, 23, 59, 59)))).toBe('2024-12-31');
    expect(isoFromUtc(new Date('2024-03-01T00:00:00.000Z'))).toBe('2024-03-01');
  });

  it('today is the local calendar day', () => {
    const now = new Date();
    const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const t = today();
    expect(t).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // a test running across midnight sees at most the next day
    expect([local, addDays(local, 1)]).toContain(t);
  });
});

describe('display', () => {
  it.each([
    ['2024-02-05', 'ngày 05 tháng 02 năm 2024'],
    ['2024-01-31', 'ngày 31 tháng 01 năm 2024'],
    ['2024-10-15', 'ngày 15 tháng 10 năm 2024'],
    ['2024-03-09', 'ngày 09 tháng 3 năm 2024'],
    ['2024-12-01', 'ngày 01 tháng 12 năm 2024'],
    ['2024-09-30', 'ngày 30 tháng 9 năm 2024'],
  ])('vietnameseDateLine(%s) = %s', (d, line) => {
    expect(vietnameseDateLine(d)).toBe(line);
  });

  it.each([
    ['2024-03-09', '09/03/2024'],
    ['2024-12-31', '31/12/2024'],
    ['2024-10-05', '05/10/2024'],
  ])('displayDate(%s) = %s', (d, shown) => {
    expect(displayDate(d)).toBe(shown);
  });
});
