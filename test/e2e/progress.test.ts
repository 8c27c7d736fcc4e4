// Progress updates (SPEC §2.4) end to end: a district's registers as sent at the start of the
// quarter, and September's updates in one `--progress` file. The values after the updates are
// checked and counted; diagnostics about an updated value point at the update's cell, also in the
// annotated copies.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tiendo } from '../helpers/cli.js';

const DIR = fileURLToPath(new URL('../../fixtures/progress/', import.meta.url));

interface Json {
  files: { path: string; tasks: number; errors: number; warnings: number }[];
  diagnostics: { rule: string; file: string; sheet: string | null; row: number; column: string; taskId: string }[];
  annotated?: string[];
}

describe('validate --progress', () => {
  const without = JSON.parse(tiendo(['validate', 'registers', '--as-of', '2024-09-30', '--format', 'json'], { cwd: DIR }).stdout) as Json;
  const out = mkdtempSync(join(tmpdir(), 'tiendo-progress-'));
  const r = tiendo(
    ['validate', 'registers', '--progress', 'cap-nhat-thang-9.csv', '--as-of', '2024-09-30', '--format', 'json', '--annotate', out],
    { cwd: DIR },
  );
  const json = JSON.parse(r.stdout) as Json;
  const found = (rule: string) =>
    json.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.file}:${d.row}:${d.column} ${d.taskId ?? ''}`.trim());

  it('lists the progress file with the registers, its problems counted', () => {
    expect(r.status, r.stderr).toBe(1);
    expect(json.files.map((f) => f.path)).toEqual(['registers/07651_quy3.csv', 'registers/07654_quy3.csv', 'cap-nhat-thang-9.csv']);
    expect(json.files[2]).toMatchObject({ tasks: 0, errors: 2, warnings: 1 });
  });

  it('applies the updates: the task finished in September is no longer overdue', () => {
    expect(
      without.diagnostics
        .filter((d) => d.rule === 'overdue')
        .map((d) => d.taskId)
        .sort(),
    ).toEqual(['YS-03']);
    expect(found('overdue')).toEqual(['registers/07651_quy3.csv:4:F YS-03']);
  });

  it('points at the update’s cell: a lower figure, an unknown task, a status outside the vocabulary', () => {
    expect(found('progress-regressed')).toEqual(['cap-nhat-thang-9.csv:4:D YS-02']);
    expect(found('update-unknown-task')).toEqual(['cap-nhat-thang-9.csv:6:B']);
    expect(found('invalid-status')).toEqual(['cap-nhat-thang-9.csv:5:E TS-01']);
  });

  it('judges staleness only for units that send updates: YS-03 was not updated in September', () => {
    expect(found('report-stale')).toEqual(['registers/07651_quy3.csv:4:A YS-03']);
  });

  it('annotates the progress file too, at the update’s cell', async () => {
    expect(json.annotated).toHaveLength(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'cap-nhat-thang-9.checked.xlsx'));
    const note = wb.worksheets[1]?.getCell('E5').note;
    expect(JSON.stringify(note)).toContain('invalid-status');
  });
});

describe('rollup --progress', () => {
  const out = mkdtempSync(join(tmpdir(), 'tiendo-progress-rollup-'));
  const roll = (extra: string[]) =>
    JSON.parse(tiendo(['rollup', 'registers', '--out', out, '--period', '2024-09', '--format', 'json', ...extra], { cwd: DIR }).stdout) as {
      units: { code: string; own: Record<string, number | null> }[];
    };

  it('counts the values after the updates: YS-01 done on time in the period', () => {
    const before = roll([]).units.find((u) => u.code === '07651')!.own;
    const after = roll(['--progress', 'cap-nhat-thang-9.csv']).units.find((u) => u.code === '07651')!.own;
    expect(before).toMatchObject({ registered: 3, doneOnTime: 0, pendingOverdue: 1 });
    expect(after).toMatchObject({ registered: 3, doneOnTime: 1, doneInPeriod: 1, pendingOverdue: 1, pendingOnTime: 1 });
  });
});
