// completion-in-future: a completion date after the as-of date.
import { displayDate } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'completion-in-future',
    severity: 'error',
    description: {
      vi: 'Ngày hoàn thành sau ngày báo cáo',
      en: 'Completion date after the as-of date',
    },
    messages: {
      default: {
        vi: 'Ngày hoàn thành {{completed}} sau ngày báo cáo {{asOf}} — ghi ngày đã hoàn thành thực tế, hoặc để trống nếu chưa hoàn thành',
        en: 'The completion date {{completed}} is after the as-of date {{asOf}} — give the day it was actually completed, or leave it empty if it is not done yet',
      },
    },
  },
  scope: 'task',
  check(task, ctx, report) {
    const { completed } = task;
    if (completed.kind !== 'date' || completed.date <= ctx.asOf) return;
    report({
      at: { task, column: 'completed' },
      data: { completed: displayDate(completed.date), asOf: displayDate(ctx.asOf) },
    });
  },
});

export default rule;
