// title-missing: a row with data but no task content.
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'title-missing',
    severity: 'error',
    description: {
      vi: 'Dòng có dữ liệu nhưng không có nội dung công việc',
      en: 'A row with data but no task content',
    },
    messages: {
      default: {
        vi: 'Dòng có dữ liệu nhưng chưa ghi nội dung công việc — ghi nội dung việc đăng ký hoặc xóa dòng',
        en: 'The row has data but no task content — describe the task or delete the row',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (!task.title?.trim()) report({ at: { task, column: 'title' } });
  },
});

export default rule;
