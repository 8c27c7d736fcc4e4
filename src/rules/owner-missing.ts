// owner-missing: no responsible person — "rõ người".
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'owner-missing',
    severity: 'error',
    description: {
      vi: 'Chưa có người chịu trách nhiệm (rõ người)',
      en: 'No responsible person',
    },
    messages: {
      default: {
        vi: 'Chưa có người chịu trách nhiệm — ghi tên một cán bộ',
        en: 'No responsible person — name one cadre',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (task.owners.length === 0) report({ at: { task, column: 'owner' } });
  },
});

export default rule;
