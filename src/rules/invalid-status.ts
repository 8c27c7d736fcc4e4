// invalid-status: a status that is not in the vocabulary (SPEC §2.3); suggest the closest label.
// The closest may still be far ("abc"), so the message lists the whole vocabulary too.
import { parseStatus, STATUS_LABEL } from '../normalise/values.js';
import { taskRule } from './rule.js';

const LABELS = Object.values(STATUS_LABEL).join(', ');

const rule = taskRule({
  meta: {
    id: 'invalid-status',
    severity: 'error',
    description: {
      vi: 'Tình trạng không thuộc danh mục (gợi ý tình trạng gần nhất)',
      en: 'Status not in the vocabulary (the closest is suggested)',
    },
    messages: {
      default: {
        vi: `Tình trạng "{{text}}" không có trong danh mục — ghi một trong: ${LABELS}`,
        en: `The status "{{text}}" is not in the vocabulary — write one of: ${LABELS}`,
      },
      suggest: {
        vi: `Tình trạng "{{text}}" không có trong danh mục (gần nhất: "{{suggestion}}") — ghi một trong: ${LABELS}`,
        en: `The status "{{text}}" is not in the vocabulary (closest: "{{suggestion}}") — write one of: ${LABELS}`,
      },
    },
  },
  scope: 'task',
  check(task, _ctx, report) {
    const text = task.text.status?.trim();
    if (!text || task.status !== null) return;
    const suggestion = parseStatus(text).suggestion ?? '';
    report({
      at: { task, column: 'status' },
      messageId: suggestion ? 'suggest' : 'default',
      data: { text, suggestion },
    });
  },
});

export default rule;
