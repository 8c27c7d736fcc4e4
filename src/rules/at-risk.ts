// at-risk (nguy cơ chậm tiến độ): an unfinished task whose deadline falls within atRiskDays of the
// as-of date, and whose progress lags the share of its time already spent by more than atRiskGap points.
// Time runs from the assigned date, else from 1 January of the deadline's year.
import { daysBetween, displayDate, isUnfinished } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'at-risk',
    severity: 'warning',
    description: {
      vi: 'Sắp đến thời hạn mà tiến độ chậm hơn nhiều so với thời gian đã qua (nguy cơ chậm tiến độ)',
      en: 'Deadline near and progress well behind the time elapsed (at risk of running late)',
    },
    messages: {
      default: {
        vi: 'Nguy cơ chậm tiến độ: còn {{days}} ngày đến thời hạn {{deadline}}, đã qua {{elapsed}}% thời gian nhưng tiến độ mới đạt {{progress}}% — đẩy nhanh tiến độ hoặc báo cáo khó khăn',
        en: 'At risk: {{days}} days left to the deadline {{deadline}}, {{elapsed}}% of the time spent but only {{progress}}% done — speed up or report the difficulty',
      },
    },
  },
  scope: 'task',
  check(task, ctx, report) {
    const { deadline, assigned, progress } = task;
    const { asOf, thresholds } = ctx;
    if (!isUnfinished(task.status) || deadline.kind !== 'date') return;
    const left = daysBetween(asOf, deadline.date);
    if (left < 0 || left > thresholds.atRiskDays) return;
    if (progress.kind === 'invalid') return; // invalid-progress says it
    const done = progress.kind === 'number' ? progress.value : 0;
    const start = assigned.kind === 'date' ? assigned.date : `${deadline.date.slice(0, 4)}-01-01`;
    if (start >= deadline.date) return;
    const elapsed = (daysBetween(start, asOf) / daysBetween(start, deadline.date)) * 100;
    if (!(done < elapsed - thresholds.atRiskGap)) return;
    report({
      at: { task, column: 'deadline' },
      data: {
        deadline: displayDate(deadline.date),
        days: left,
        elapsed: Math.round(elapsed),
        progress: Math.round(done * 10) / 10,
      },
    });
  },
});

export default rule;
