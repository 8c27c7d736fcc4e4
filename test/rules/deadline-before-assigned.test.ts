import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/deadline-before-assigned.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('deadline-before-assigned', () => {
  it('fires when the deadline is earlier than the assigned date', () => {
    const task = makeTask({ assigned: { kind: 'date', date: '2024-03-15' }, deadline: { kind: 'date', date: '2024-03-14' } });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'deadline' }, data: { deadline: '14/03/2024', assigned: '15/03/2024' } }]);
  });

  it('is silent for a deadline on the assigned day, or when a date is missing', () => {
    expect(
      runRule(rule, makeTask({ assigned: { kind: 'date', date: '2024-03-15' }, deadline: { kind: 'date', date: '2024-03-15' } })),
    ).toEqual([]);
    expect(runRule(rule, makeTask({ assigned: { kind: 'empty' }, deadline: { kind: 'date', date: '2020-01-01' } }))).toEqual([]);
    expect(runRule(rule, makeTask({ assigned: { kind: 'date', date: '2024-03-15' }, deadline: { kind: 'invalid', text: 'x' } }))).toEqual(
      [],
    );
  });
});
