// completion-before-assigned: a completion date before the assigned date.
import { displayDate } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'completion-before-assigned',
    severity: 'error',
    description: {
      vi: 'Ngày hoàn thành trước ngày giao',
      en: 'Completion date before the assigned date',
    },
    messages: {
      default: {
        vi: 'Ngày hoàn thành {{completed}} trước ngày giao {{assigned}} — kiểm tra lại hai ngày này',
        en: 'The completion date {{completed}} is before the assigned date {{assigned}} — check both dates',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    const { assigned, completed } = task;
    if (assigned.kind !== 'date' || completed.kind !== 'date' || completed.date >= assigned.date) return;
    report({
      at: { task, column: 'completed' },
      data: { completed: displayDate(completed.date), assigned: displayDate(assigned.date) },
    });
  },
});

export default rule;
