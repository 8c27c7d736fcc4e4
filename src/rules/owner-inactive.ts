// owner-inactive: roster rows give this name in the task's unit, but none covers the as-of date —
// the cadre has left (luân chuyển) and the task must be reassigned, even if they now hold a post
// elsewhere. Only the as-of date matters: a cadre who took the post after the task was assigned is fine.
import { cadresOf } from '../domain/roster.js';
import { nameKey } from '../normalise/text.js';
import { displayDate } from '../normalise/values.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'owner-inactive',
    severity: 'error',
    description: {
      vi: 'Người chịu trách nhiệm không còn giữ chức vụ tại đơn vị vào ngày báo cáo — cần giao lại',
      en: 'The responsible person holds no post in the unit on the as-of date — reassign the task',
    },
    messages: {
      default: {
        vi: 'Cán bộ {{owner}} không còn giữ chức vụ tại đơn vị (đến hết ngày {{until}}) — giao lại cho cán bộ khác',
        en: '{{owner}} no longer holds a post in the unit (last day {{until}}) — reassign the task to another cadre',
      },
      notYet: {
        vi: 'Cán bộ {{owner}} chưa giữ chức vụ tại đơn vị vào ngày báo cáo (nhận chức vụ từ ngày {{from}}) — kiểm tra lại người chịu trách nhiệm',
        en: '{{owner}} holds no post in the unit on the as-of date (takes it up on {{from}}) — check the responsible person',
      },
    },
  },
  scope: 'task',
  check(task, ctx, report) {
    if (!ctx.roster || !task.unitCode) return;
    const { asOf } = ctx;
    for (const owner of task.owners) {
      const key = nameKey(owner);
      const rows = cadresOf(ctx.roster, task.unitCode).filter((c) => c.key === key);
      if (rows.length === 0) continue; // owner-unknown
      if (rows.some((c) => (c.from === null || c.from <= asOf) && (c.to === null || asOf <= c.to))) continue;
      const ended = rows
        .map((c) => c.to)
        .filter((to): to is string => to !== null && to < asOf)
        .sort();
      const until = ended.at(-1);
      if (until !== undefined) {
        report({ at: { task, column: 'owner' }, data: { owner, until: displayDate(until) } });
      } else {
        // every post in the unit begins after the as-of date
        const [from] = rows
          .map((c) => c.from)
          .filter((f): f is string => f !== null)
          .sort();
        if (from !== undefined) report({ at: { task, column: 'owner' }, messageId: 'notYet', data: { owner, from: displayDate(from) } });
      }
    }
  },
});

export default rule;
