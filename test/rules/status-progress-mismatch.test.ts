import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/status-progress-mismatch.js';
import type { Status } from '../../src/types.js';
import { makeTask, runRule } from '../helpers/make.js';

const typed = (status: Status, statusText: string, progress: number, progressText = `${progress}`) =>
  makeTask({
    status,
    statusInferred: false,
    progress: { kind: 'number', value: progress },
    text: { status: statusText, progress: progressText },
  });

describe('status-progress-mismatch', () => {
  it('fires on done below 100%, at the status cell', () => {
    const task = typed('done', 'Đã hoàn thành', 80, '80%');
    expect(runRule(rule, task)).toEqual([
      { at: { task, column: 'status' }, messageId: 'done', data: { status: 'Đã hoàn thành', progress: '80%' } },
    ]);
  });

  it('fires on not started above 0%', () => {
    expect(runRule(rule, typed('not_started', 'Chưa triển khai', 20))[0]).toMatchObject({
      messageId: 'notStarted',
      data: { progress: '20%' },
    });
  });

  it('fires on 100% but not done', () => {
    expect(runRule(rule, typed('in_progress', 'Đang thực hiện', 100))[0]?.messageId).toBe('complete');
    expect(runRule(rule, typed('paused', 'Tạm dừng', 100))[0]?.messageId).toBe('complete');
  });

  it('is silent when status and progress agree, or for a cancelled task at 100%', () => {
    expect(runRule(rule, typed('done', 'Xong', 100))).toEqual([]);
    expect(runRule(rule, typed('not_started', 'Chưa thực hiện', 0))).toEqual([]);
    expect(runRule(rule, typed('in_progress', 'Đang làm', 60))).toEqual([]);
    expect(runRule(rule, typed('cancelled', 'Đã hủy', 100))).toEqual([]);
  });

  it('is silent when the status was inferred, or the typed progress is out of range (invalid-progress)', () => {
    expect(runRule(rule, { ...typed('done', '', 80), statusInferred: true })).toEqual([]);
    expect(runRule(rule, typed('in_progress', 'Đang thực hiện', 150))).toEqual([]);
  });
  it('judges a computed progress (achieved/target) capped at 100', () => {
    expect(runRule(rule, { ...typed('done', 'Đã hoàn thành', 80), progressComputed: true })).toHaveLength(1);
    expect(runRule(rule, { ...typed('done', 'Đã hoàn thành', 119), progressComputed: true })).toEqual([]);
    expect(runRule(rule, { ...typed('in_progress', 'Đang thực hiện', 119), progressComputed: true })).toHaveLength(1);
  });
});
