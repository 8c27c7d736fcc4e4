// invalid-date: an assigned date, deadline or completion date that cannot be read, or does not exist
// (31/02/2024). One diagnostic per cell, worded for its column.
import { taskRule } from './rule.js';

const COLUMNS = ['assigned', 'deadline', 'completed'] as const;

const rule = taskRule({
  meta: {
    id: 'invalid-date',
    severity: 'error',
    description: {
      vi: 'Ngày tháng hoặc thời hạn không đọc được, hoặc không có thật (31/02/2024)',
      en: 'A date or deadline that cannot be read, or does not exist (31/02/2024)',
    },
    messages: {
      default: {
        vi: '"{{text}}" không phải một ngày hợp lệ — ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2024',
        en: '"{{text}}" is not a valid date — write day/month/year, e.g. 15/03/2024',
      },
      assigned: {
        vi: 'Ngày giao "{{text}}" không đọc được hoặc không có thật — ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2024',
        en: 'The assigned date "{{text}}" cannot be read or does not exist — write day/month/year, e.g. 15/03/2024',
      },
      deadline: {
        vi: 'Thời hạn hoàn thành "{{text}}" không đọc được hoặc không có thật — ghi một ngày (30/09/2024) hoặc một kỳ (Tháng 9/2024, Quý III/2024, Năm 2024)',
        en: 'The deadline "{{text}}" cannot be read or does not exist — give a day (30/09/2024) or a period (Tháng 9/2024, Quý III/2024, Năm 2024)',
      },
      completed: {
        vi: 'Ngày hoàn thành "{{text}}" không đọc được hoặc không có thật — ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2024',
        en: 'The completion date "{{text}}" cannot be read or does not exist — write day/month/year, e.g. 15/03/2024',
      },
      shown: {
        vi: 'Ô ghi số {{text}} (hiển thị "{{shown}}"), không phải một ngày — ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2024',
        en: 'The cell holds the number {{text}} (shown as "{{shown}}"), not a date — write day/month/year, e.g. 15/03/2024',
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    for (const column of COLUMNS) {
      const value = task[column];
      if (value.kind !== 'invalid') continue;
      // A number whose format displays something else (`"Ngày "0`): the value read and the display.
      const shown = task.at?.[column] ? undefined : task.shown?.[column];
      if (shown !== undefined && shown !== value.text)
        report({ at: { task, column }, messageId: 'shown', data: { text: value.text, shown } });
      else report({ at: { task, column }, messageId: column, data: { text: value.text } });
    }
  },
});

export default rule;
