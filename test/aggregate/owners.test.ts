// Per cadre (SPEC §7.2) on the fixture province: every counted task under exactly one cadre of its
// unit, the unnamed and the several-named under "(chưa rõ người)", names as the roster spells them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NO_OWNER, ownerCounts } from '../../src/aggregate/owners.js';
import { rollup } from '../../src/rollup.js';

const PROVINCE = fileURLToPath(new URL('../../fixtures/province/', import.meta.url));

describe('owners', async () => {
  const { result, run } = await rollup({
    paths: ['registers'],
    cwd: PROVINCE,
    period: '2024-Q3',
    out: mkdtempSync(join(tmpdir(), 'tiendo-owners-')),
  });

  it('puts every counted task under one cadre of its unit: the owners of a unit add up to its own register', () => {
    for (const u of result.units) {
      const mine = result.owners.filter((o) => o.unit === u.unit.code);
      expect(
        mine.reduce((n, o) => n + o.counts.registered, 0),
        u.unit.code,
      ).toBe(u.own.registered);
      for (const k of ['doneOnTime', 'doneLate', 'pendingOnTime', 'pendingOverdue', 'cancelled', 'unclassified'] as const) {
        expect(
          mine.reduce((n, o) => n + o.counts[k], 0),
          `${u.unit.code} ${k}`,
        ).toBe(u.own[k]);
      }
    }
  });

  it('counts a task with no owner or with several under "(chưa rõ người)" of its unit, listed last', () => {
    const tanDinh = result.owners.filter((o) => o.unit === '07672');
    expect(tanDinh.at(-1)).toMatchObject({ name: NO_OWNER });
    expect(tanDinh.at(-1)!.counts.registered).toBeGreaterThanOrEqual(2);
  });

  it('sorts by unit code, then name in Vietnamese collation, and takes the position from the roster', () => {
    const keys = result.owners.map((o) => o.unit);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    const withRoster = result.owners.filter((o) => o.name !== NO_OWNER && o.position);
    expect(withRoster.length).toBeGreaterThan(5);
  });

  it('merges spellings of one name, keeping the roster’s', () => {
    const task = result.tasks.find((t) => t.task.owners.length === 1)!;
    const shouted = { ...task, task: { ...task.task, owners: task.task.owners.map((o) => o.toUpperCase()) } };
    const merged = ownerCounts([task, shouted], run.roster, result.asOf, result.period);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.counts.registered).toBe(2);
  });
});
