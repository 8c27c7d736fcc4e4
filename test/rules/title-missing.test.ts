import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/title-missing.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('title-missing', () => {
  it('fires on a row with data but no task content', () => {
    expect(runRule(rule, makeTask({ title: null }))).toEqual([{ at: { task: expect.anything(), column: 'title' } }]);
    expect(runRule(rule, makeTask({ title: '  ' }))).toHaveLength(1);
  });

  it('is silent when the task is described', () => {
    expect(runRule(rule, makeTask({ title: 'Làm đường' }))).toEqual([]);
  });
});
