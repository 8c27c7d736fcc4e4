import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/task-dropped.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('task-dropped', () => {
  it('fires on a task of the previous registers that the comparison found dropped while open', () => {
    const task = makeTask({ title: 'Trồng cây xanh', droppedFrom: 'thang-9/07651_thang9.csv' });
    expect(runRule(rule, task)).toEqual([{ at: { task }, data: { title: 'Trồng cây xanh', now: 'thang-9/07651_thang9.csv' } }]);
  });

  it('is silent on every other task (the comparison marks none when there is no --compare)', () => {
    expect(runRule(rule, makeTask())).toEqual([]);
  });
});
