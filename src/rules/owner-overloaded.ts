// owner-overloaded: one person owns more than maxOpenTasksPerOwner unfinished tasks in one unit,
// counted across all of that unit's registers. One warning per person, at the owner cell of the
// first task over the limit.
import { isUnfinished } from '../normalise/values.js';
import { nameKey } from '../normalise/text.js';
import type { Register, Task } from '../types.js';
import { runRule } from './rule.js';

const rule = runRule({
  meta: {
    id: 'owner-overloaded',
    severity: 'warning',
    description: {
      vi: 'Một người chịu trách nhiệm quá nhiều việc chưa hoàn thành',
      en: 'One person owns too many unfinished tasks',
    },
    messages: {
      default: {
        vi: 'Cán bộ {{owner}} đang chịu trách nhiệm {{count}} việc chưa hoàn thành, vượt mức {{limit}} việc — xem xét giao bớt cho cán bộ khác',
        en: '{{owner}} is responsible for {{count}} unfinished tasks, more than {{limit}} — consider giving some to another cadre',
      },
    },
  },
  scope: 'run',
  check(registers, ctx, report) {
    const limit = ctx.thresholds.maxOpenTasksPerOwner;
    // Two files of one unit are unit-duplicate errors and not counted; counting both would double every load.
    const perUnit = new Map<string, number>();
    for (const r of registers) if (r.unit) perUnit.set(r.unit.code, (perUnit.get(r.unit.code) ?? 0) + 1);

    const load = new Map<string, { owner: string; tasks: Task[] }>();
    registers.forEach((register: Register, i) => {
      if (register.unit && perUnit.get(register.unit.code)! > 1) return;
      const group = register.unit ? `unit:${register.unit.code}` : `file:${i}`;
      const ids = new Set<string>();
      for (const task of register.tasks) {
        // Later rows with a repeated id are duplicate-task errors, left out like in the counts (SPEC §3),
        // and so are tasks not yet assigned on the as-of date.
        if (ids.has(task.id)) continue;
        ids.add(task.id);
        if (task.assigned.kind === 'date' && task.assigned.date > ctx.asOf) continue;
        if (!isUnfinished(task.status)) continue;
        for (const owner of new Set(task.owners.map(nameKey))) {
          if (!owner) continue;
          const key = `${group}\u0000${owner}`;
          const entry = load.get(key) ?? { owner: task.owners.find((o) => nameKey(o) === owner)!, tasks: [] };
          entry.tasks.push(task);
          load.set(key, entry);
        }
      }
    });

    for (const { owner, tasks } of load.values()) {
      // the first task over the limit (a limit from the config file may not be whole)
      const over = tasks[Math.floor(limit)];
      if (tasks.length <= limit || !over) continue;
      report({
        at: { task: over, column: 'owner' },
        data: { owner, count: tasks.length, limit },
      });
    }
  },
});

export default rule;
