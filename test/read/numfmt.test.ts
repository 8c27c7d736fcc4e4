// Number formats: what a format makes of a number (SPEC §2.3: a percentage only when a `%` stands
// outside quotes and escapes; a date only when date codes do), and the text a cell displays.
// The kinds below are LibreOffice's (soffice 7, exporting each format of the table to CSV "as
// shown"); test/read/numfmt-soffice.test.ts repeats that comparison where soffice is installed.
import { describe, expect, it } from 'vitest';
import { BUILTIN_FORMATS, displayNumber, formatKind, isDateFormat, isPercentFormat } from '../../src/read/numfmt.js';
import { FORMAT_KINDS } from './numfmt-table.js';

/** Built-in ids LibreOffice shows as a date or a time, and as a percentage; every other id 0–58 is a number or text. */
const LO_DATE_IDS = [
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
];
const LO_PERCENT_IDS = [9, 10];

describe('the kind of a number format', () => {
  it.each(FORMAT_KINDS)('%s is %s', (code, kind) => {
    expect(formatKind(code)).toBe(kind);
  });

  it('reads every built-in id 0–58 as LibreOffice does', () => {
    for (let id = 0; id <= 58; id++) {
      const code = BUILTIN_FORMATS[id] ?? '';
      expect(isDateFormat(code), `id ${id} (${code}) a date`).toBe(LO_DATE_IDS.includes(id));
      expect(isPercentFormat(code), `id ${id} (${code}) a percentage`).toBe(LO_PERCENT_IDS.includes(id));
    }
  });
});

describe('the text a number displays (a Vietnamese-locale spreadsheet)', () => {
  it.each([
    [44.5, '0"%"', '45%'],
    [44.5, '0\\%', '45%'],
    [44.5, '0.0"%"', '44,5%'],
    [0.455, '0.0%', '45,5%'],
    [1.5, '0%', '150%'],
    [0.0725, '0.00%', '7,25%'],
    [1686, '#,##0', '1.686'],
    [1686.5, '#,##0.0', '1.686,5'],
    [41.8, 'General', '41,8'],
    [41.8, '', '41,8'],
    [-5, '0', '-5'],
    [-5, '#,##0;[Red](#,##0)', '(5)'],
    [0, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', ' - '],
    [1686000, '0.0,', '1686,0'],
    [45, '"Ngày "0', 'Ngày 45'],
    [2.5, '0', '3'],
    [0.5, '#.##', ',5'],
    [12, '0.0#', '12,0'],
    [45, '[$-42A]0', '45'],
  ] as const)('%s in %s shows %s', (n, code, shown) => {
    expect(displayNumber(n, code)).toBe(shown);
  });
});
