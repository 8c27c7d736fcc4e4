// progress-regressed: an update gives a progress lower than the task's progress before it — the
// previous update applied, or the register's own value for the first (SPEC §2.4). Found when the
// updates are applied (normalise/progress.ts); reported at the update's progress cell.
import { reportProblems, type RegisterRule } from './rule.js';

const rule: RegisterRule = {
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
    },
  },
  scope: 'register',
  check: reportProblems('progress-regressed'),
};

export default rule;
