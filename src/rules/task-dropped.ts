// task-dropped: with --compare, a task of the unit's previous register is missing from its register
// now, and was neither done nor cancelled then — a unit may not quietly drop a task it is late on
// (SPEC §7.1). The pairing is the comparison's (aggregate/compare.ts), which marks such a task of
// the previous registers with the register now that lacks it; the diagnostic names the previous
// file, sheet and row.
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'task-dropped',
    severity: 'warning',
    description: {
      vi: 'Việc có trong báo cáo kỳ trước, chưa hoàn thành, nay không còn trong báo cáo của đơn vị',
      en: 'A task of the previous register, not done or cancelled then, is missing from the unit’s register now',
    },
    messages: {
      default: {
        vi: 'Việc "{{title}}" có trong báo cáo kỳ trước (chưa hoàn thành) nhưng không còn trong {{now}} — đưa lại vào danh mục, hoặc ghi rõ tình trạng (Đã hoàn thành, Dừng thực hiện)',
        en: 'The task "{{title}}" was in the previous register (not done) and is missing from {{now}} — list it again, or state its status (Đã hoàn thành, Dừng thực hiện)',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (task.droppedFrom === undefined) return;
    report({ at: { task }, data: { title: task.title ?? task.id, now: task.droppedFrom } });
  },
});

export default rule;
