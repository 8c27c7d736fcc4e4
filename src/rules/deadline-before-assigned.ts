// deadline-before-assigned: the deadline is earlier than the assigned date.
import { displayDate } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'deadline-before-assigned',
    severity: 'error',
    description: {
      vi: 'Thời hạn hoàn thành sớm hơn ngày giao',
      en: 'The deadline is earlier than the assigned date',
    },
    messages: {
      default: {
        vi: 'Thời hạn hoàn thành {{deadline}} sớm hơn ngày giao {{assigned}} — kiểm tra lại hai ngày này',
        en: 'The deadline {{deadline}} is earlier than the assigned date {{assigned}} — check both dates',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    const { assigned, deadline } = task;
    if (assigned.kind !== 'date' || deadline.kind !== 'date' || deadline.date >= assigned.date) return;
    report({
      at: { task, column: 'deadline' },
      data: { deadline: displayDate(deadline.date), assigned: displayDate(assigned.date) },
    });
  },
});

export default rule;
