// deadline-missing: no deadline — "rõ tiến độ".
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'deadline-missing',
    severity: 'error',
    description: {
      vi: 'Chưa có thời hạn hoàn thành (rõ tiến độ)',
      en: 'No deadline',
    },
    messages: {
      default: {
        vi: 'Chưa có thời hạn hoàn thành — ghi một ngày (30/09/2024) hoặc một kỳ (Tháng 9/2024, Quý III/2024, Năm 2024)',
        en: 'No deadline — give a day (30/09/2024) or a period (Tháng 9/2024, Quý III/2024, Năm 2024)',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (task.deadline.kind === 'empty') report({ at: { task, column: 'deadline' } });
  },
});

export default rule;
