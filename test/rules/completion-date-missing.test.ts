import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/completion-date-missing.js';
import { ALL_COLUMNS, makeTask, runRule } from '../helpers/make.js';

describe('completion-date-missing', () => {
  it('fires on a done task without a completion date, at the completion cell', () => {
    const task = makeTask({ status: 'done', completed: { kind: 'empty' } });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'completed' } }]);
  });

  it('points at the status cell when the register has no completion column', () => {
    const { completed: _c, ...columns } = ALL_COLUMNS;
    const task = makeTask({ status: 'done', columns });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'status' } }]);
  });

  it('is silent with a completion date, or when not done', () => {
    expect(runRule(rule, makeTask({ status: 'done', completed: { kind: 'date', date: '2024-06-30' } }))).toEqual([]);
    expect(runRule(rule, makeTask({ status: 'in_progress' }))).toEqual([]);
    expect(runRule(rule, makeTask({ status: 'cancelled' }))).toEqual([]);
  });
});
