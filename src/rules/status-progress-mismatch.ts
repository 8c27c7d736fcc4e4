// status-progress-mismatch: a typed status that contradicts the progress — typed, or achieved/target
// (capped at 100, SPEC §2.3). An inferred status cannot contradict: it is derived from the progress.
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'status-progress-mismatch',
    severity: 'error',
    description: {
      vi: 'Tình trạng và tiến độ mâu thuẫn: đã hoàn thành mà tiến độ dưới 100%, chưa triển khai mà tiến độ trên 0%, hoặc tiến độ 100% mà chưa hoàn thành',
      en: 'Status and progress disagree: done below 100%, not started above 0%, or 100% but not done',
    },
    messages: {
      default: {
        vi: 'Tình trạng "{{status}}" không khớp với tiến độ {{progress}} — sửa lại tình trạng hoặc tiến độ',
        en: 'The status "{{status}}" does not match the progress {{progress}} — correct the status or the progress',
      },
      done: {
        vi: 'Tình trạng "{{status}}" nhưng tiến độ mới đạt {{progress}} — sửa tiến độ thành 100% hoặc sửa tình trạng',
        en: 'The status is "{{status}}" but the progress is only {{progress}} — make the progress 100% or correct the status',
      },
      notStarted: {
        vi: 'Tình trạng "{{status}}" nhưng tiến độ đã đạt {{progress}} — sửa tình trạng thành Đang thực hiện hoặc sửa tiến độ',
        en: 'The status is "{{status}}" but the progress is already {{progress}} — make the status Đang thực hiện or correct the progress',
      },
      complete: {
        vi: 'Tiến độ đạt {{progress}} nhưng tình trạng là "{{status}}" — sửa tình trạng thành Đã hoàn thành và ghi ngày hoàn thành, hoặc sửa tiến độ',
        en: 'The progress is {{progress}} but the status is "{{status}}" — make the status Đã hoàn thành with a completion date, or correct the progress',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    const { status, progress } = task;
    if (task.statusInferred || status === null || progress.kind !== 'number') return;
    const p = task.progressComputed ? Math.min(progress.value, 100) : progress.value;
    if (!(p >= 0 && p <= 100)) return; // invalid-progress
    let messageId: 'done' | 'notStarted' | 'complete' | null = null;
    if (status === 'done' && p < 100) messageId = 'done';
    else if (status === 'not_started' && p > 0) messageId = 'notStarted';
    else if (p === 100 && status !== 'done' && status !== 'cancelled') messageId = 'complete';
    if (!messageId) return;
    const typed = task.progressComputed ? '' : (task.text.progress ?? '');
    report({
      at: { task, column: 'status' },
      messageId,
      data: { status: task.text.status ?? status, progress: typed.endsWith('%') ? typed : `${typed || Math.round(p * 10) / 10}%` },
    });
  },
});

export default rule;
