// overdue: an unfinished task past its deadline on the as-of date.
import { daysBetween, displayDate, isUnfinished } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'overdue',
    severity: 'warning',
    description: {
      vi: 'Chưa hoàn thành mà đã quá thời hạn',
      en: 'Unfinished past its deadline',
    },
    messages: {
      default: {
        vi: 'Chưa hoàn thành, quá hạn {{days}} ngày (thời hạn {{deadline}}) — đôn đốc hoàn thành hoặc cập nhật tình trạng',
        en: 'Unfinished and {{days}} days overdue (deadline {{deadline}}) — push for completion or update the status',
      },
    },
  },
  scope: 'task',
  check(task, ctx, report) {
    const { deadline } = task;
    if (!isUnfinished(task.status) || deadline.kind !== 'date' || deadline.date >= ctx.asOf) return;
    report({
      at: { task, column: 'deadline' },
      data: { deadline: displayDate(deadline.date), days: daysBetween(deadline.date, ctx.asOf) },
    });
  },
});

export default rule;
