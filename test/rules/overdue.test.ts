import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/overdue.js';
import type { Status } from '../../src/types.js';
import { makeCtx, makeTask, runRule } from '../helpers/make.js';

describe('overdue', () => {
  const ctx = makeCtx({ asOf: '2024-09-30' });

  it.each<Status>(['not_started', 'in_progress', 'paused'])('fires on a %s task past its deadline, counting the days', (status) => {
    const task = makeTask({ status, deadline: { kind: 'date', date: '2024-08-31' } });
    expect(runRule(rule, task, ctx)).toEqual([{ at: { task, column: 'deadline' }, data: { deadline: '31/08/2024', days: 30 } }]);
  });

  it('counts days across a leap day and a year end', () => {
    const [r] = runRule(rule, makeTask({ deadline: { kind: 'date', date: '2023-12-31' } }), makeCtx({ asOf: '2024-03-01' }));
    expect(r?.data?.days).toBe(61);
  });

  it('is silent on the deadline day, and for finished or cancelled tasks', () => {
    expect(runRule(rule, makeTask({ deadline: { kind: 'date', date: '2024-09-30' } }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ status: 'done', deadline: { kind: 'date', date: '2024-01-31' } }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ status: 'cancelled', deadline: { kind: 'date', date: '2024-01-31' } }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ status: null, deadline: { kind: 'date', date: '2024-01-31' } }), ctx)).toEqual([]);
  });
});
