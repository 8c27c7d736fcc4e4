import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/completion-in-future.js';
import { makeCtx, makeTask, runRule } from '../helpers/make.js';

describe('completion-in-future', () => {
  const ctx = makeCtx({ asOf: '2024-09-30' });

  it('fires on a completion date after the as-of date', () => {
    const task = makeTask({ status: 'done', completed: { kind: 'date', date: '2024-10-01' } });
    expect(runRule(rule, task, ctx)).toEqual([
      { at: { task, column: 'completed' }, data: { completed: '01/10/2024', asOf: '30/09/2024' } },
    ]);
  });

  it('is silent on the as-of date itself', () => {
    expect(runRule(rule, makeTask({ status: 'done', completed: { kind: 'date', date: '2024-09-30' } }), ctx)).toEqual([]);
  });
});
