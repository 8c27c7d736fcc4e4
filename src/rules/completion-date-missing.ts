// completion-date-missing: done without a completion date. The task still counts as done on time
// (SPEC §3), so this is a warning.
import type { ColumnKey } from '../types.js';
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'completion-date-missing',
    severity: 'warning',
    description: {
      vi: 'Đã hoàn thành nhưng chưa ghi ngày hoàn thành',
      en: 'Done without a completion date',
    },
    messages: {
      default: {
        vi: 'Đã hoàn thành nhưng chưa ghi ngày hoàn thành — ghi ngày hoàn thành thực tế để xét đúng hạn hay quá hạn',
        en: 'Done but no completion date — give the day it was completed, to tell on time from late',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (task.status !== 'done' || task.completed.kind !== 'empty') return;
    // The register may have no completion column: point at what made the task done.
    const column = (['completed', 'status', 'progress'] as ColumnKey[]).find((k) => task.columns[k]);
    report({ at: column ? { task, column } : { task } });
  },
});

export default rule;
