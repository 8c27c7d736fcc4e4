// tiendo's own .xlsx reader against exceljs's, cell for cell, on every workbook under fixtures/:
// the same text, numbers, dates, percent and error flags, formulas, legacy fonts and problems.
// Two differences are the reader's fixes and are checked as such: ISO date cells (`t="d"`, which
// exceljs reads as the number 2024) and the East Asian built-in date formats (27–36, 50–58, which
// exceljs does not know) are dates. Fonts are compared only where they matter (legacy encodings):
// a cell without a style of its own is in the workbook's default font, which exceljs leaves out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { legacyFontKind } from '../../src/read/legacy.js';
import { readXlsx, slideFormula } from '../../src/read/xlsx.js';
import { at, first } from '../helpers/at.js';
import { readXlsxWithExceljs } from '../helpers/exceljs-reader.js';
import { inflateEntry, zipEntries } from '../../src/zip/read.js';
import type { Cell, Sheet } from '../../src/types.js';
import { formatKind } from '../../src/read/numfmt.js';
import { rezip } from '../../scripts/zip-forms.js';

const ROOT = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function workbooks(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) workbooks(p, out);
    else if (/\.xlsx$/i.test(name)) out.push(p);
  }
  return out;
}

function comparable(c: Cell | null): Partial<Cell> | null {
  if (!c) return null;
  const { font, ...rest } = c;
  return legacyFontKind(font) ? { ...rest, font } : rest;
}

/** Addresses (sheet index → `row:col`) of cells the reader is meant to read differently from exceljs. */
function fixedCells(buf: Buffer): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const entries = zipEntries(buf);
  if (!entries) return out;
  const text = (name: string) => {
    const e = entries.find((x) => x.name === name);
    return e ? inflateEntry(buf, e).toString('utf8') : '';
  };
  const styles = text('xl/styles.xml');
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)/g)].map(([, attrs = '']) =>
    Number(/numFmtId="(\d+)"/.exec(attrs)?.[1] ?? 0),
  );
  const custom = new Set([...styles.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1])));
  // A % in quotes or escaped is no percentage (exceljs takes any % for one): 0"%", 0\%.
  const literalPercent = new Set(
    [...styles.matchAll(/<numFmt\b([^>]*)>/g)]
      .map(([, attrs = '']) => [Number(/numFmtId="(\d+)"/.exec(attrs)?.[1]), /formatCode="([^"]*)"/.exec(attrs)?.[1] ?? ''] as const)
      .filter(([, code]) => code.includes('%') && formatKind(code.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) !== 'percent')
      .map(([id]) => id),
  );
  const eastAsian = (id: number) => !custom.has(id) && ((id >= 27 && id <= 36) || (id >= 50 && id <= 58));
  const sheets = entries
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => Number(/\d+/.exec(a.name)![0]) - Number(/\d+/.exec(b.name)![0]));
  sheets.forEach((e, i) => {
    const set = new Set<string>();
    for (const m of inflateEntry(buf, e)
      .toString('utf8')
      .matchAll(/<c\b([^>]*)>/g)) {
      const attrs = m[1] ?? '';
      const [, letters, row] = /\br="([A-Z]+)(\d+)"/.exec(attrs) ?? [];
      if (!letters || !row) continue;
      const s = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
      if (/\bt="d"/.test(attrs) || eastAsian(xfs[s] ?? 0) || literalPercent.has(xfs[s] ?? 0)) {
        let col = 0;
        for (const ch of letters) col = col * 26 + ch.charCodeAt(0) - 64;
        set.add(`${row}:${col}`);
      }
    }
    out.set(i, set);
  });
  return out;
}

function compareSheets(mine: Sheet, theirs: Sheet, fixed: Set<string>): void {
  expect(mine.name).toBe(theirs.name);
  const rows = new Map(theirs.rows.map((r) => [r.number, r.cells]));
  const numbers = new Set([...mine.rows.map((r) => r.number), ...theirs.rows.map((r) => r.number)]);
  for (const n of numbers) {
    const a = mine.rows.find((r) => r.number === n)?.cells ?? [];
    const b = rows.get(n) ?? [];
    for (let c = 0; c < Math.max(a.length, b.length); c++) {
      if (fixed.has(`${n}:${c + 1}`)) {
        if (a[c]?.number !== undefined) {
          // a number in a format with a literal percent sign: the number itself, no fraction
          expect(a[c]?.percent, `${mine.name}!row ${n} col ${c + 1}: not a percentage`).toBeUndefined();
          expect(a[c]?.number).toBe(b[c]?.number);
          continue;
        }
        expect(a[c]?.date, `${mine.name}!row ${n} col ${c + 1}: a date`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        continue;
      }
      expect(comparable(a[c] ?? null), `${mine.name}!row ${n} col ${c + 1}`).toEqual(comparable(b[c] ?? null));
    }
  }
  expect(mine.rowCount).toBeGreaterThanOrEqual(mine.rows.at(-1)?.number ?? 0);
  expect(mine.columnCount).toBeGreaterThanOrEqual(Math.max(0, ...mine.rows.map((r) => r.cells.length)));
}

describe('the reader agrees with exceljs on every fixture workbook', () => {
  const files = workbooks(ROOT);
  it('finds fixture workbooks', () => expect(files.length).toBeGreaterThan(10));
  for (const path of files) {
    it(relative(ROOT, path), async () => {
      const buf = readFileSync(path);
      const mine = await readXlsx(buf, { maxFileBytes: 200 * 1024 * 1024 });
      let theirs = await readXlsxWithExceljs(buf);
      if (!theirs.ok && mine.ok && /[\\/]producers[\\/]/.test(path)) {
        // A legal form of the container exceljs cannot open (Zip64, data descriptors): it reads the
        // same parts in a plain zip.
        const parts = zipEntries(buf)!
          .filter((e) => !e.name.endsWith('/'))
          .map((e) => ({ name: e.name, data: inflateEntry(buf, e) }));
        theirs = await readXlsxWithExceljs(rezip(parts));
        if (!theirs.ok) return; // rows and cells without r=, which exceljs cannot read: test/e2e/producers.test.ts checks every task
      }
      if (!theirs.ok) {
        // exceljs refuses it too (its words differ: the reason is in Vietnamese here)
        expect(mine.ok).toBe(false);
        if (!mine.ok && !theirs.skip) expect(mine.skip ? 'skip' : mine.problem.messageId).toBe(theirs.problem.messageId);
        return;
      }
      expect(mine.ok, JSON.stringify(mine)).toBe(true);
      if (!mine.ok) return;
      expect(mine.problems).toEqual(theirs.problems);
      expect(mine.workbook.sheets.map((s) => s.name)).toEqual(theirs.workbook.sheets.map((s) => s.name));
      const fixed = fixedCells(buf);
      mine.workbook.sheets.forEach((s, i) => compareSheets(s, at(theirs.workbook.sheets, i, 'exceljs sheet'), fixed.get(i) ?? new Set()));
    });
  }
});

describe('shared formulas show the formula a dependent cell computes', () => {
  it('moves relative references, not absolute ones, functions or names', () => {
    expect(slideFormula('B2*2+$C$1+SUM(D2:D3)', 3, 1)).toBe('C5*2+$C$1+SUM(E5:E6)');
    expect(slideFormula('Sheet1!A1+LOG10(A1)', 1, 0)).toBe('Sheet1!A2+LOG10(A2)');
  });
});

describe('a sheet too large to hold whole is read in chunks, with the same cells', () => {
  it('agrees with exceljs on a 30,000-row register (a 9 MB sheet, streamed)', async () => {
    const { bigRegister } = await import('../../scripts/make-hostile.js');
    const buf = bigRegister('Xã Tam Dị', 30_000);
    const sheet = zipEntries(buf)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(sheet.size).toBeGreaterThan(4 << 20);
    const mine = await readXlsx(buf, { maxFileBytes: 200 * 1024 * 1024 });
    const theirs = await readXlsxWithExceljs(buf);
    expect(mine.ok && theirs.ok).toBe(true);
    if (!mine.ok || !theirs.ok) return;
    expect(mine.workbook.sheets[0]?.rows.length).toBe(30_004);
    compareSheets(first(mine.workbook.sheets), first(theirs.workbook.sheets), new Set());
  }, 60_000);
});

describe('SpreadsheetML with a namespace prefix (x:row, x:c …), as some generators write it', () => {
  it('reads the same cells, whole or in chunks', async () => {
    const { bigRegister, zip } = await import('../../scripts/make-hostile.js');
    for (const rows of [3, 30_000]) {
      const plain = bigRegister('Xã Tam Dị', rows);
      const entries = zipEntries(plain)!.map((e) => {
        let data = inflateEntry(plain, e);
        if (/^xl\/(worksheets\/sheet1|sharedStrings)\.xml$/.test(e.name)) {
          const xml = data.toString('utf8').replace(/<(\/?)(worksheet|sheetData|row|c|v|f|is|t|sst|si|mergeCells|mergeCell)\b/g, '<$1x:$2');
          data = Buffer.from(
            xml
              .replace('<x:worksheet ', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')
              .replace('<x:sst ', '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '),
          );
        }
        return { name: e.name, data };
      });
      const prefixed = zip(entries);
      const a = await readXlsx(plain, { maxFileBytes: 200 * 1024 * 1024 });
      const b = await readXlsx(prefixed, { maxFileBytes: 200 * 1024 * 1024 });
      expect(b.ok && b.workbook.sheets[0]?.rows.length).toBe(rows + 4);
      expect(b).toEqual(a);
    }
  }, 60_000);
});
