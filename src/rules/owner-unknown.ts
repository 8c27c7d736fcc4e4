// owner-unknown: no roster row gives this name in the task's unit (SPEC §2.2). Only with a roster and a
// known unit. Names match by nameKey: diacritics count (Hà ≠ Hạ), so the closest name is suggested.
import { cadresOf } from '../domain/roster.js';
import { distance, nameKey } from '../normalise/text.js';
import { taskRule } from './rule.js';

/** How far a roster name may be from the typed one to be suggested (folded edits). */
const MAX_SUGGESTION_DISTANCE = 2;

const rule = taskRule({
  meta: {
    id: 'owner-unknown',
    severity: 'error',
    description: {
      vi: 'Người chịu trách nhiệm không có trong danh sách cán bộ của đơn vị',
      en: "The responsible person is not in the unit's roster",
    },
    messages: {
      default: {
        vi: 'Không có cán bộ {{owner}} trong danh sách cán bộ của đơn vị — kiểm tra lại họ tên hoặc bổ sung danh sách cán bộ',
        en: "{{owner}} is not in the unit's roster — check the name or add the cadre to the roster",
      },
      suggest: {
        vi: 'Không có cán bộ {{owner}} trong danh sách cán bộ của đơn vị — có phải {{suggestion}}? Sửa lại họ tên cho đúng',
        en: "{{owner}} is not in the unit's roster — did you mean {{suggestion}}? Correct the name",
      },
    },
  },
  scope: 'task',
  check(task, ctx, report) {
    if (!ctx.roster || !task.unitCode) return;
    const inUnit = cadresOf(ctx.roster, task.unitCode);
    for (const owner of task.owners) {
      const key = nameKey(owner);
      if (!key || inUnit.some((c) => c.key === key)) continue;
      let best: { name: string; d: number } | null = null;
      for (const c of inUnit) {
        const d = distance(c.key, key);
        if (d <= MAX_SUGGESTION_DISTANCE && (!best || d < best.d)) best = { name: c.name, d };
      }
      if (best) report({ at: { task, column: 'owner' }, messageId: 'suggest', data: { owner, suggestion: best.name } });
      else report({ at: { task, column: 'owner' }, data: { owner } });
    }
  },
});

export default rule;
