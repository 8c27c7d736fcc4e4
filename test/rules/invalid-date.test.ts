import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/invalid-date.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('invalid-date', () => {
  it('reports each unreadable date at its own cell, worded for the column', () => {
    const task = makeTask({
      assigned: { kind: 'invalid', text: '31/02/2024' },
      deadline: { kind: 'invalid', text: 'Cuối năm' },
      completed: { kind: 'invalid', text: '15/13/2024' },
    });
    expect(runRule(rule, task)).toEqual([
      { at: { task, column: 'assigned' }, messageId: 'assigned', data: { text: '31/02/2024' } },
      { at: { task, column: 'deadline' }, messageId: 'deadline', data: { text: 'Cuối năm' } },
      { at: { task, column: 'completed' }, messageId: 'completed', data: { text: '15/13/2024' } },
    ]);
  });

  it('quotes the number read and what its format displays, where that is something else', () => {
    const task = makeTask({ deadline: { kind: 'invalid', text: '45565' }, shown: { deadline: 'Ngày 45565' } });
    expect(runRule(rule, task)).toEqual([
      { at: { task, column: 'deadline' }, messageId: 'shown', data: { text: '45565', shown: 'Ngày 45565' } },
    ]);
  });

  it('is silent for dates, periods and empty cells', () => {
    const task = makeTask({
      assigned: { kind: 'empty' },
      deadline: { kind: 'date', date: '2024-12-31', period: 'Năm 2024' },
      completed: { kind: 'date', date: '2024-02-29' },
    });
    expect(runRule(rule, task)).toEqual([]);
  });
});
