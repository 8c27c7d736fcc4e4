import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/completion-before-assigned.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('completion-before-assigned', () => {
  it('fires on a completion date before the assigned date', () => {
    const task = makeTask({
      status: 'done',
      assigned: { kind: 'date', date: '2024-03-01' },
      completed: { kind: 'date', date: '2024-02-28' },
    });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'completed' }, data: { completed: '28/02/2024', assigned: '01/03/2024' } }]);
  });

  it('is silent when completed on the assigned day, or with no assigned date', () => {
    expect(
      runRule(rule, makeTask({ assigned: { kind: 'date', date: '2024-03-01' }, completed: { kind: 'date', date: '2024-03-01' } })),
    ).toEqual([]);
    expect(runRule(rule, makeTask({ assigned: { kind: 'empty' }, completed: { kind: 'date', date: '2020-01-01' } }))).toEqual([]);
  });
});
