import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/report-stale.js';
import type { Status } from '../../src/types.js';
import { makeCtx, makeTask, runRule } from '../helpers/make.js';

describe('report-stale', () => {
  const ctx = makeCtx({ asOf: '2024-09-30', period: { label: '2024-09', start: '2024-09-01', end: '2024-09-30' } });
  const data = { start: '01/09/2024', end: '30/09/2024' };

  it('fires for an unfinished task of a unit that sends updates, none of them in the period', () => {
    const last = makeTask({ updateDates: ['2024-08-31'] });
    expect(runRule(rule, last, ctx)).toEqual([{ at: { task: last }, messageId: 'default', data }]);
    const never = makeTask({ updateDates: [] });
    expect(runRule(rule, never, ctx)).toEqual([{ at: { task: never }, messageId: 'never', data }]);
  });

  it('is silent when updated in the period, when finished, and for a unit that sends no updates', () => {
    expect(runRule(rule, makeTask({ updateDates: ['2024-08-31', '2024-09-20'] }), ctx)).toEqual([]);
    for (const status of ['done', 'cancelled'] as Status[]) expect(runRule(rule, makeTask({ status, updateDates: [] }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ updateDates: undefined }), ctx)).toEqual([]);
  });
});
