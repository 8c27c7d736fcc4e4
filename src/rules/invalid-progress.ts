// invalid-progress: the progress typed is not a number, or not in 0–100. A progress computed from
// achieved / target may exceed 100 (41.8% of a 35% target is 119%) and is not judged here.
import { taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'invalid-progress',
    severity: 'error',
    description: {
      vi: 'Tiến độ không phải là số từ 0 đến 100',
      en: 'Progress is not a number from 0 to 100',
    },
    messages: {
      default: {
        vi: 'Tiến độ "{{text}}" không phải là số — ghi tỷ lệ phần trăm từ 0 đến 100, ví dụ 45 hoặc 45%',
        en: 'The progress "{{text}}" is not a number — write a percentage from 0 to 100, e.g. 45 or 45%',
      },
      range: {
        vi: 'Tiến độ {{value}}% nằm ngoài khoảng 0–100% — ghi tỷ lệ phần trăm từ 0 đến 100',
        en: 'The progress {{value}}% is outside 0–100% — write a percentage from 0 to 100',
      },
      rangeShown: {
        vi: 'Tiến độ đọc được là {{value}}% (ô hiển thị "{{shown}}"), nằm ngoài khoảng 0–100% — ghi tỷ lệ phần trăm từ 0 đến 100',
        en: 'The progress reads as {{value}}% (the cell shows "{{shown}}"), outside 0–100% — write a percentage from 0 to 100',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    if (task.progressComputed) return;
    const { progress } = task;
    if (progress.kind === 'invalid') {
      report({ at: { task, column: 'progress' }, data: { text: progress.text } });
    } else if (progress.kind === 'number' && !(progress.value >= 0 && progress.value <= 100)) {
      // The value read (a fraction in a 0% cell is a hundred times the number it holds), and what
      // the cell displays when that is another number (123.4 read, 123% shown).
      // (An update's value stands in the update's cell: the register's display is not its own.)
      const shown = task.at?.progress ? undefined : task.shown?.progress;
      if (shown !== undefined)
        report({ at: { task, column: 'progress' }, messageId: 'rangeShown', data: { value: progress.value, shown } });
      else report({ at: { task, column: 'progress' }, messageId: 'range', data: { value: progress.value } });
    }
  },
});

export default rule;
