import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/deadline-missing.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('deadline-missing', () => {
  it('fires when the deadline is empty', () => {
    const task = makeTask({ deadline: { kind: 'empty' } });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'deadline' } }]);
  });

  it('is silent for a period deadline, and for an unreadable one (invalid-date says it)', () => {
    expect(runRule(rule, makeTask({ deadline: { kind: 'date', date: '2024-09-30', period: 'Quý III/2024' } }))).toEqual([]);
    expect(runRule(rule, makeTask({ deadline: { kind: 'invalid', text: 'Cuối năm' } }))).toEqual([]);
  });
});
