import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/invalid-progress.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('invalid-progress', () => {
  it('fires on a typed progress that is not a number', () => {
    const task = makeTask({ progress: { kind: 'invalid', text: 'Đang làm' } });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'progress' }, data: { text: 'Đang làm' } }]);
  });

  it('fires on a typed progress outside 0–100', () => {
    const task = makeTask({ progress: { kind: 'number', value: 150 }, text: { progress: '150%' } });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'progress' }, messageId: 'range', data: { value: 150 } }]);
    expect(runRule(rule, makeTask({ progress: { kind: 'number', value: -5 } }))[0]?.data).toEqual({ value: -5 });
  });

  it('quotes the value read, and the text the cell displays where that is another number', () => {
    // 1.234 in a 0% cell: read as 123.4, shown as 123%
    const task = makeTask({ progress: { kind: 'number', value: 123.4 }, text: { progress: '1.234' }, shown: { progress: '123%' } });
    expect(runRule(rule, task)).toEqual([
      { at: { task, column: 'progress' }, messageId: 'rangeShown', data: { value: 123.4, shown: '123%' } },
    ]);
    // a progress update replaced the value: the register cell's display is no longer what was read
    const updated = makeTask({
      progress: { kind: 'number', value: 130 },
      shown: { progress: '123%' },
      at: { progress: { file: 'u.csv', sheet: null, row: 2, column: 'C' } },
    });
    expect(runRule(rule, updated)).toEqual([{ at: { task: updated, column: 'progress' }, messageId: 'range', data: { value: 130 } }]);
  });

  it('is silent on 0 and 100, and on a computed progress above 100 (119% of the target)', () => {
    expect(runRule(rule, makeTask({ progress: { kind: 'number', value: 0 } }))).toEqual([]);
    expect(runRule(rule, makeTask({ progress: { kind: 'number', value: 100 } }))).toEqual([]);
    const computed = makeTask({
      target: { kind: 'number', value: 35 },
      achieved: { kind: 'number', value: 41.8 },
      progress: { kind: 'number', value: 119.43 },
      progressComputed: true,
    });
    expect(runRule(rule, computed)).toEqual([]);
  });
});
