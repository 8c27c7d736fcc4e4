// A template written by tiendo and filled in by openpyxl (fixtures/template, made by
// scripts/make-template-fixture.sh) validates clean and rolls up into the right unit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tiendo } from '../helpers/cli.js';

const dir = fileURLToPath(new URL('../../fixtures/template/', import.meta.url));

describe('a template filled in by openpyxl', () => {
  it('validates with no diagnostic and resolves to the second of two Xã Tân Sơn', () => {
    const r = tiendo(['validate', 'registers', '--as-of', '2024-09-30', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.diagnostics).toEqual([]);
    expect(json.files).toEqual([{ path: 'registers/07800-filled.xlsx', unit: { code: '07800', name: 'Xã Tân Sơn' }, tasks: 3, errors: 0, warnings: 0 }]);
  });
  it('rolls up into its unit and its district, not the other Tân Sơn', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-template-'));
    const r = tiendo(['rollup', 'registers', '--as-of', '2024-09-30', '--period', '2024-Q3', '--out', out, '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const units = Object.fromEntries(JSON.parse(r.stdout).units.map((u: { code: string; own: object; total: object }) => [u.code, u]));
    expect(units['07800'].own).toEqual({
      registered: 3, doneOnTime: 1, doneLate: 1, pendingOnTime: 1, pendingOverdue: 0, cancelled: 0, unclassified: 0,
      doneInPeriod: 1, completionRate: 66.7, onTimeRate: 50,
    });
    expect(units['215'].total.registered).toBe(3);
    expect(units['07700'].total.registered).toBe(0);
    expect(units['24'].total.registered).toBe(3);
  });
});
