// update-unknown-task: a progress update that cannot be placed — it names no task of its unit, or
// gives no day it reports on (SPEC §2.4). Found when the updates are applied
// (normalise/progress.ts); the update is left out.
import { registerRule, reportProblems } from './rule.js';

const rule = registerRule({
  meta: {
    id: 'update-unknown-task',
    severity: 'error',
    description: {
      vi: 'Dòng cập nhật tiến độ không khớp với việc nào của đơn vị',
      en: 'A progress update names no task of its unit',
    },
    messages: {
      default: {
        vi: 'Cập nhật cho việc "{{ref}}" nhưng đơn vị không có việc nào có mã hoặc số thứ tự này — ghi đúng "Mã việc" (hoặc STT) như trong danh mục đăng ký',
        en: 'An update for task "{{ref}}", but the unit has no task of that id or number — write the "Mã việc" (or STT) as in the register',
      },
      date: {
        vi: 'Cập nhật cho việc "{{ref}}" không có ngày báo cáo đọc được ("{{text}}") — ghi ngày (30/09/2024) hoặc kỳ báo cáo (Tháng 9/2024)',
        en: 'The update for task "{{ref}}" has no readable report date ("{{text}}") — write a day (30/09/2024) or a period (Tháng 9/2024)',
      },
    },
  },
  scope: 'register',
  check: reportProblems('update-unknown-task'),
});

export default rule;
