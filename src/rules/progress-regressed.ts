// progress-regressed: an update gives a progress lower than the task's progress before it — the
// previous update applied, or the register's own value for the first (SPEC §2.4). Found when the
// updates are applied (normalise/progress.ts); reported at the update's progress cell. With
// --compare, also a progress lower than the same task's in the previous registers (marked by the
// comparison, aggregate/compare.ts), reported at the task's progress now.
import { displayDate } from '../normalise/values.js';
import type { Register } from '../types.js';
import { registerRule, reportProblems, type Reporter, type RuleContext } from './rule.js';

const fromUpdates = reportProblems('progress-regressed');

/** The check against the previous registers alone (run once the comparison has marked the tasks). */
export const checkAgainstPrevious = (register: Register, _ctx: RuleContext, report: Reporter<'previous'>): void => {
  for (const task of register.tasks) {
    const before = task.previousProgress;
    if (!before || task.progress.kind !== 'number' || task.progress.value >= before.value) continue;
    report({
      at: { task, column: 'progress' },
      messageId: 'previous',
      data: { before: before.value, after: task.progress.value, date: displayDate(before.asOf) },
    });
  }
};

const rule = registerRule({
  meta: {
    id: 'progress-regressed',
    severity: 'warning',
    description: {
      vi: 'Tiến độ thấp hơn tiến độ đã báo trước đó',
      en: 'Progress lower than the progress reported before it',
    },
    messages: {
      default: {
        vi: 'Tiến độ {{after}}% báo ngày {{date}} thấp hơn tiến độ trước đó ({{before}}%) — kiểm tra lại số liệu, tiến độ không giảm',
        en: 'The progress {{after}}% reported on {{date}} is lower than before ({{before}}%) — check the figure: progress does not go down',
      },
      previous: {
        vi: 'Tiến độ {{after}}% thấp hơn tiến độ kỳ trước ({{before}}% tính đến ngày {{date}}) — kiểm tra lại số liệu, tiến độ không giảm',
        en: 'The progress {{after}}% is lower than in the previous registers ({{before}}% as of {{date}}) — check the figure: progress does not go down',
      },
    },
  },
  scope: 'register',
  check(register, ctx, report) {
    fromUpdates(register, ctx, report);
    checkAgainstPrevious(register, ctx, report);
  },
});

export default rule;
