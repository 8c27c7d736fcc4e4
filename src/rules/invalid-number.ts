// invalid-number: a target or an achieved figure that is not a number.
import { reportInvalid, taskRule } from './rule.js';

const rule = taskRule({
  meta: {
    id: 'invalid-number',
    severity: 'error',
    description: {
      vi: 'Chỉ tiêu hoặc kết quả đạt được không phải là số',
      en: 'Target or achieved figure is not a number',
    },
    messages: {
      default: {
        vi: '"{{text}}" không phải là số — chỉ ghi số, ví dụ 1.686 hoặc 41,8; đơn vị tính ghi ở cột Đơn vị tính',
        en: '"{{text}}" is not a number — write only the number, e.g. 1.686 or 41,8; put the unit in the Đơn vị tính column',
      },
      target: {
        vi: 'Chỉ tiêu "{{text}}" không phải là số — chỉ ghi số, ví dụ 1.686 hoặc 41,8; đơn vị tính ghi ở cột Đơn vị tính',
        en: 'The target "{{text}}" is not a number — write only the number, e.g. 1.686 or 41,8; put the unit in the Đơn vị tính column',
      },
      achieved: {
        vi: 'Kết quả đạt được "{{text}}" không phải là số — chỉ ghi số, ví dụ 705; ghi kết quả bằng lời ở cột Ghi chú',
        en: 'The achieved figure "{{text}}" is not a number — write only the number, e.g. 705; put results in words in the Ghi chú column',
      },
    },
  },
  scope: 'task',
  check: reportInvalid(['target', 'achieved']),
});

export default rule;
