import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/at-risk.js';
import { makeCtx, makeTask, runRule } from '../helpers/make.js';

// Assigned 1 January, due 30 October 2024 (303 days); on 30 September, 30 days before the deadline,
// 273 days have gone: 90.1% of the time, so with a gap of 30 points progress must reach 60.1%.
const base = { assigned: { kind: 'date' as const, date: '2024-01-01' }, deadline: { kind: 'date' as const, date: '2024-10-30' } };
const ctx = makeCtx({ asOf: '2024-09-30' });

describe('at-risk', () => {
  it('fires when the deadline is near and progress lags the time spent by more than the gap', () => {
    const task = makeTask({ ...base, progress: { kind: 'number', value: 50 } });
    expect(runRule(rule, task, ctx)).toEqual([
      {
        at: { task, column: 'deadline' },
        data: { deadline: '30/10/2024', days: 30, elapsed: 90, progress: 50 },
      },
    ]);
  });

  it("takes an empty progress as 0 and counts from 1 January of the deadline's year without an assigned date", () => {
    const task = makeTask({ assigned: { kind: 'empty' }, deadline: { kind: 'date', date: '2024-10-15' }, status: 'not_started' });
    expect(runRule(rule, task, ctx)[0]?.data).toMatchObject({ days: 15, progress: 0 });
  });

  it('is silent once progress keeps up within the gap', () => {
    expect(runRule(rule, makeTask({ ...base, progress: { kind: 'number', value: 60 } }), ctx)).toHaveLength(1);
    expect(runRule(rule, makeTask({ ...base, progress: { kind: 'number', value: 60.2 } }), ctx)).toEqual([]);
  });

  it('is silent when the deadline is further than atRiskDays, already past (overdue), or the task is finished', () => {
    expect(runRule(rule, makeTask({ ...base, deadline: { kind: 'date', date: '2024-10-31' } }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ ...base, deadline: { kind: 'date', date: '2024-09-29' } }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ ...base, status: 'done' }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ ...base, status: 'cancelled' }), ctx)).toEqual([]);
  });

  it('is silent when the task was assigned on or after its deadline', () => {
    const task = makeTask({ assigned: { kind: 'date', date: '2024-10-30' }, deadline: base.deadline });
    expect(runRule(rule, task, ctx)).toEqual([]);
  });

  it('follows atRiskDays and atRiskGap from the configuration', () => {
    const task = makeTask({ ...base, progress: { kind: 'number', value: 50 } });
    expect(
      runRule(rule, task, makeCtx({ asOf: '2024-09-30', thresholds: { maxOpenTasksPerOwner: 7, atRiskDays: 29, atRiskGap: 30 } })),
    ).toEqual([]);
    expect(
      runRule(rule, task, makeCtx({ asOf: '2024-09-30', thresholds: { maxOpenTasksPerOwner: 7, atRiskDays: 30, atRiskGap: 45 } })),
    ).toEqual([]);
  });
});
