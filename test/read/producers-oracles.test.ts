// Every workbook of fixtures/producers read by tiendo, cell for cell, against what openpyxl and
// LibreOffice read from the same bytes (issue #15): text, numbers, dates, percentages, every sheet,
// hidden ones included. Each part skips, saying so, where its tool is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/read/xlsx.js';
import type { Cell, Sheet } from '../../src/types.js';
import { at } from '../helpers/at.js';
import { hasSoffice } from '../helpers/soffice.js';

const DIR = fileURLToPath(new URL('../../fixtures/producers/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../scripts/openpyxl_fixtures.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();
const hasOpenpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
if (!hasOpenpyxl)
  console.warn(
    'producers-oracles: no /usr/bin/python3 with openpyxl (apt-get install python3-openpyxl): the openpyxl comparison is skipped',
  );
if (!hasSoffice) console.warn('producers-oracles: no soffice (LibreOffice): the LibreOffice comparison is skipped');

async function sheetsOf(file: string): Promise<Sheet[]> {
  const r = await readXlsx(readFileSync(join(DIR, file)), { maxFileBytes: 200 * 1024 * 1024 });
  if (!r.ok) throw new Error(`${file} not read`);
  return r.workbook.sheets;
}

const cellAt = (s: Sheet, row: number, col: number): Cell | null => s.rows.find((r) => r.number === row)?.cells[col] ?? null;

/** A cell the other reader leaves empty: tiendo's too, or the text of a merge down repeated from above. */
function emptyThere(s: Sheet, row: number, col: number): void {
  const mine = cellAt(s, row, col);
  if (mine) expect(mine.text, `${s.name}!${row}:${col + 1} repeats the cell above`).toBe(cellAt(s, row - 1, col)?.text);
}

describe.skipIf(!hasOpenpyxl)('fixtures/producers as openpyxl reads them', () => {
  const dumps = hasOpenpyxl
    ? (JSON.parse(execFileSync(PYTHON, [SCRIPT, 'dump', ...files.map((f) => join(DIR, f))], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
        sheets: { name: string; rows: Record<string, Record<string, { v: unknown }>> }[];
      }[])
    : [];
  it.each(files.map((f, i) => [f, i] as const))('%s', async (file, i) => {
    const mine = await sheetsOf(file);
    // openpyxl 3.0 finds no sheet in a Strict Open XML workbook (LibreOffice reads it, below)
    const dump = at(dumps, i, 'openpyxl dump');
    if (/strict/.test(file) && dump.sheets.length === 0) return;
    expect(mine.map((s) => s.name)).toEqual(dump.sheets.map((s) => s.name));
    dump.sheets.forEach((theirs, k) => {
      const s = at(mine, k, 'sheet');
      const last = Math.max(s.rows.at(-1)?.number ?? 0, ...Object.keys(theirs.rows).map(Number));
      for (let row = 1; row <= last; row++) {
        for (let col = 0; col < Math.max(s.columnCount, 12); col++) {
          const v = theirs.rows[String(row)]?.[String(col)]?.v;
          const where = `${s.name}!${row}:${col + 1}`;
          const c = cellAt(s, row, col);
          if (v === undefined || v === null || v === '') emptyThere(s, row, col);
          else if (typeof v === 'string') expect(c?.text, where).toBe(v.normalize('NFC').trim());
          else if (typeof v === 'number') expect(c?.number, where).toBe(v);
          else expect(c?.date, where).toBe((v as { date: string }).date);
        }
      }
    });
  });
});

/** LibreOffice's text for a date (MM/DD/YYYY, its default en-US locale) as yyyy-mm-dd. */
const loDate = (t: string) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[1]}-${m[2]}` : null;
};

describe.skipIf(!hasSoffice)('fixtures/producers as LibreOffice reads them', () => {
  it('reads every sheet of every file to the same cells', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-lo-csv-'));
    const profile = mkdtempSync(join(tmpdir(), 'tiendo-lo-profile-'));
    // every sheet to its own CSV (-1), in UTF-8 (76), raw values but dates and percentages as shown
    for (let attempt = 0; attempt < 2 && readdirSync(out).length === 0; attempt++) {
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
          '--outdir',
          out,
          ...files.map((f) => join(DIR, f)),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
    }
    const outputs = readdirSync(out);
    const converted = new Set(files.filter((f) => outputs.some((o) => o.startsWith(`${f.replace(/\.xlsx$/, '')}-`))));
    const refused = files.filter((f) => !converted.has(f));
    // LibreOffice 7.4 cannot open a zip whose directory is found through the Zip64 end record
    // ("source file could not be loaded"); openpyxl reads these two (above), and so does tiendo.
    expect(refused.filter((f) => !/zip64-(infozip|streamed)/.test(f))).toEqual([]);
    if (refused.length) console.warn(`producers-oracles: LibreOffice could not open ${refused.join(', ')}`);
    for (const file of files.filter((f) => converted.has(f))) {
      const mine = await sheetsOf(file);
      for (const s of mine) {
        const csv = join(out, `${file.replace(/\.xlsx$/, '')}-${s.name}.csv`);
        const records = parse(readFileSync(csv, 'utf8'), { relax_column_count: true }) as string[][];
        records.forEach((fields, r) =>
          fields.forEach((t, col) => {
            const row = r + 1;
            const where = `${file} ${s.name}!${row}:${col + 1}`;
            const c = cellAt(s, row, col);
            if (t === '') return emptyThere(s, row, col);
            if (loDate(t) && c?.date) return expect(c.date, where).toBe(loDate(t));
            if (/^-?\d+(\.\d+)?%$/.test(t)) {
              expect(c?.percent, where).toBe(true);
              return expect(Math.round((c?.number ?? NaN) * 1e6)).toBe(Math.round(Number(t.slice(0, -1)) * 1e4));
            }
            if (c?.number !== undefined) return expect(c.number, where).toBe(Number(t));
            expect(c?.text, where).toBe(t.normalize('NFC').trim());
          }),
        );
      }
    }
  }, 240_000);
});
