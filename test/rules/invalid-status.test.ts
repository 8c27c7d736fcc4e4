import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/invalid-status.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('invalid-status', () => {
  it('fires on a status outside the vocabulary, suggesting the closest', () => {
    const task = makeTask({ status: null, statusInferred: false, text: { status: 'Đã hoàn thàn' } });
    expect(runRule(rule, task)).toEqual([
      {
        at: { task, column: 'status' },
        messageId: 'suggest',
        data: { text: 'Đã hoàn thàn', suggestion: 'Đã hoàn thành' },
      },
    ]);
  });

  it('is silent on a status typed without diacritics (it is in the vocabulary)', () => {
    expect(runRule(rule, makeTask({ status: 'in_progress', text: { status: 'Dang thuc hien' } }))).toEqual([]);
  });

  it('is silent on a status in the vocabulary and on an empty status (inferred)', () => {
    expect(runRule(rule, makeTask({ status: 'done', text: { status: 'Xong' } }))).toEqual([]);
    expect(runRule(rule, makeTask({ status: 'not_started', statusInferred: true, text: { status: '' } }))).toEqual([]);
    expect(runRule(rule, makeTask({ status: 'not_started', statusInferred: true, text: {} }))).toEqual([]);
  });
});
