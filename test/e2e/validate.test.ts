// The built CLI on whole provinces of registers written by other programs (exceljs, openpyxl,
// LibreOffice, hand-made CSV): every planted error at its file, row and rule, and nothing else.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tiendo } from '../helpers/cli.js';
import { compareSets, type ExpectedDiagnostic } from '../helpers/expected.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

describe.each(['province', 'two-tier'])('validate fixtures/%s', (set) => {
  const dir = FIXTURES + set;
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as { asOf: string; diagnostics: ExpectedDiagnostic[] };

  it('reports every planted error at its file, row and rule, and no error anywhere else', () => {
    const r = tiendo(['validate', 'registers', '--as-of', expected.asOf, '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    const { expected: want, reported } = compareSets(expected.diagnostics, json.diagnostics);
    expect(reported).toEqual(want);
    expect(r.status).toBe(want.length ? 1 : 0);
  });

  it('gives the same result with the same inputs under another time zone', () => {
    const a = tiendo(['validate', 'registers', '--as-of', expected.asOf, '--format', 'json'], { cwd: dir });
    const b = tiendo(['validate', 'registers', '--as-of', expected.asOf, '--format', 'json'], {
      cwd: dir,
      env: { TZ: 'America/New_York' },
    });
    expect(b.stdout).toBe(a.stdout);
  });

  it('never names a lock file or a hidden file', () => {
    const json = JSON.parse(tiendo(['validate', 'registers', '--as-of', expected.asOf, '--format', 'json'], { cwd: dir }).stdout);
    for (const f of json.files) expect(f.path).not.toMatch(/(^|\/)(~\$|\.)[^/]*$/);
    expect(existsSync(`${dir}/registers`)).toBe(true);
  });
});
