// The kinds of test/read/numfmt.test.ts checked against LibreOffice itself, where it is installed:
// a workbook with a number in every built-in id 0–58 and in every custom format of the table is
// exported to CSV "as shown"; a number shown with `/` or `:` is a date or time, with `%` a percentage.
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { xlsx } from '../../scripts/make-hostile.js';
import { BUILTIN_FORMATS, formatKind } from '../../src/read/numfmt.js';
import { convertTo, hasSoffice } from '../helpers/soffice.js';
import { FORMAT_KINDS } from './numfmt-table.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A workbook whose row i holds a serial and a fraction in style i: ids 0–58, then the custom codes. */
function probe(codes: string[]): Buffer {
  const ids = [...Array.from({ length: 59 }, (_, i) => i), ...codes.map((_, i) => 164 + i)];
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="${codes.length}">${codes.map((c, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(c)}"/>`).join('')}</numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="${ids.length}">${ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
  const rows = ids
    .map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="${i}"><v>45565.25</v></c><c r="B${i + 1}" s="${i}"><v>0.455</v></c></row>`)
    .join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  return xlsx([{ name: 'S', rows: [] }], {
    entries: (es) =>
      es.map((e) =>
        e.name === 'xl/styles.xml'
          ? { ...e, data: Buffer.from(styles) }
          : e.name === 'xl/worksheets/sheet1.xml'
            ? { ...e, data: Buffer.from(sheet) }
            : e,
      ),
  });
}

describe.skipIf(!hasSoffice)('number formats as LibreOffice shows them', () => {
  it('agrees on the kind of every built-in id and every format of the table', () => {
    const codes = FORMAT_KINDS.map(([c]) => c);
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-numfmt-'));
    writeFileSync(join(dir, 'probe.xlsx'), probe(codes));
    const [csv] = convertTo('csv', [join(dir, 'probe.xlsx')], dir);
    if (!csv) throw new Error('LibreOffice wrote no CSV');
    const rows = parse(readFileSync(csv, 'latin1'), { relax_column_count: true }) as string[][];
    const all = [...Array.from({ length: 59 }, (_, i) => BUILTIN_FORMATS[i] ?? ''), ...codes];
    const kinds = rows.map(([serial = '', fraction = '']) => (/[/:]/.test(serial) ? 'date' : fraction.includes('%') ? 'percent' : 'other'));
    const mine = all.map((code) => {
      const k = formatKind(code);
      return k === 'date' || k === 'percent' ? k : 'other';
    });
    expect(mine.map((k, i) => `${all[i]}: ${k}`)).toEqual(kinds.map((k, i) => `${all[i]}: ${k}`));
  }, 120_000);
});
