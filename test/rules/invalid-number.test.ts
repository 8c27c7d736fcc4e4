import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/invalid-number.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('invalid-number', () => {
  it('fires on a target or achieved figure that is not a number, at its cell', () => {
    const task = makeTask({ target: { kind: 'invalid', text: '13 nhà' }, achieved: { kind: 'invalid', text: 'khoảng 9' } });
    expect(runRule(rule, task)).toEqual([
      { at: { task, column: 'target' }, messageId: 'target', data: { text: '13 nhà' } },
      { at: { task, column: 'achieved' }, messageId: 'achieved', data: { text: 'khoảng 9' } },
    ]);
  });

  it('is silent on numbers and empty cells', () => {
    expect(runRule(rule, makeTask({ target: { kind: 'number', value: 1686 }, achieved: { kind: 'empty' } }))).toEqual([]);
  });
});
