// owner-multiple: more than one person named as responsible (`A, B`, `A và B`, `A; B`);
// a task has one responsible cadre.
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'owner-multiple',
    severity: 'warning',
    description: {
      vi: 'Ghi nhiều hơn một người chịu trách nhiệm',
      en: 'More than one person named as responsible',
    },
    messages: {
      default: {
        vi: 'Ghi nhiều người chịu trách nhiệm ({{owners}}) — chỉ ghi một cán bộ chịu trách nhiệm chính',
        en: 'Several people named as responsible ({{owners}}) — name the one cadre mainly responsible',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (task.owners.length > 1) report({ at: { task, column: 'owner' }, data: { owners: task.owners.join(', ') } });
  },
});

export default rule;
