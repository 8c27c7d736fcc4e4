// report-stale: the unit sends progress updates, and this unfinished task has none dated in the
// period (SPEC §4: `--period`, by default the month of the as-of date). A unit that sends no
// updates at all is judged on its register alone, and never stale.
import { displayDate, isUnfinished } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'report-stale',
    severity: 'warning',
    description: {
      vi: 'Đơn vị có gửi cập nhật tiến độ nhưng việc chưa hoàn thành này không được cập nhật trong kỳ',
      en: 'The unit sends progress updates, but this unfinished task has none in the period',
    },
    messages: {
      default: {
        vi: 'Chưa hoàn thành và chưa được cập nhật tiến độ trong kỳ {{start}}–{{end}} — bổ sung một dòng cập nhật ở trang Tiến độ',
        en: 'Unfinished and not updated in the period {{start}}–{{end}} — add an update on the Tiến độ sheet',
      },
      never: {
        vi: 'Chưa hoàn thành và chưa từng được cập nhật tiến độ (kỳ {{start}}–{{end}}) — bổ sung một dòng cập nhật ở trang Tiến độ',
        en: 'Unfinished and never updated (period {{start}}–{{end}}) — add an update on the Tiến độ sheet',
      },
    },
  },
  scope: 'task',
  check(task, ctx, report) {
    const dates = task.updateDates;
    const period = ctx.period;
    if (!dates || !period || !isUnfinished(task.status)) return;
    if (dates.some((d) => d >= period.start && d <= period.end)) return;
    report({
      at: { task },
      messageId: dates.length ? 'default' : 'never',
      data: { start: displayDate(period.start), end: displayDate(period.end) },
    });
  },
});

export default rule;
