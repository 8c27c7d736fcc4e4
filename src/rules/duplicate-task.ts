// duplicate-task: the same task id twice in one register. The first row counts; each later one is
// an error at its id cell (or its STT cell when the register has no id column), and is left out of counts.
import type { Task } from '../types.js';
import { registerRule } from './rule.js';

const rule = registerRule({
  meta: {
    id: 'duplicate-task',
    severity: 'error',
    description: {
      vi: 'Một mã việc xuất hiện hai lần trong báo cáo của một đơn vị',
      en: "A task id appears twice in one unit's register",
    },
    messages: {
      default: {
        vi: 'Mã việc {{id}} trùng với việc ở dòng {{firstRow}} — đánh lại mã việc hoặc xóa dòng trùng (dòng này không được tính)',
        en: 'Task id {{id}} repeats the task on row {{firstRow}} — renumber it or delete the duplicate (this row is not counted)',
      },
    },
  },
  scope: 'register',
  check(register, _ctx, report) {
    const first = new Map<string, Task>();
    const column = register.columns.id ?? register.columns.no ?? null;
    for (const task of register.tasks) {
      const seen = first.get(task.id);
      if (!seen) {
        first.set(task.id, task);
        continue;
      }
      report({
        at: { register, sheet: task.sheet, row: task.row, column, taskId: task.id },
        data: { id: task.id, firstRow: seen.row },
      });
    }
  },
});

export default rule;
