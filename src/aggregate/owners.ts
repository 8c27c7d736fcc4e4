// Per cadre (SPEC §7.2): the counted tasks of each responsible cadre, in the classes of §3. A cadre
// is a unit code plus the owner's name as the roster spells it (the register's spelling when there
// is no roster or no match); tasks with no owner, or with several, go under "(chưa rõ người)" of
// their unit. Rows by unit code, then name in Vietnamese collation (the unknown last).
import { nameKey } from '../normalise/text.js';
import { cadresOf } from '../domain/roster.js';
import type { Counts, IsoDate, Period, Roster } from '../types.js';
import { compareCodes, countTasks, VI_COLLATOR, type ClassifiedTask } from './index.js';

export const NO_OWNER = '(chưa rõ người)';

export interface OwnerCounts {
  unit: string;
  name: string;
  /** from the roster on the as-of date, else from the register; null when neither says */
  position: string | null;
  counts: Counts;
}

export function ownerCounts(tasks: readonly ClassifiedTask[], roster: Roster | null, asOf: IsoDate, period: Period): OwnerCounts[] {
  const groups = new Map<string, { unit: string; name: string; position: string | null; tasks: ClassifiedTask[] }>();
  for (const t of tasks) {
    const unit = t.unit.code;
    const single = t.task.owners.length === 1 ? t.task.owners[0] : null;
    const key = single ? nameKey(single) : '';
    const id = `${unit}\u0000${key}`;
    let g = groups.get(id);
    if (!g) {
      const cadres = single && roster ? cadresOf(roster, unit).filter((c) => c.key === key) : [];
      const current = cadres.find((c) => (c.from === null || c.from <= asOf) && (c.to === null || asOf <= c.to));
      const named = current ?? cadres[cadres.length - 1];
      g = { unit, name: single ? (named?.name ?? single) : NO_OWNER, position: current?.position || null, tasks: [] };
      groups.set(id, g);
    }
    // The register's position, where the roster gives none.
    if (single && g.position === null && t.task.position) g.position = t.task.position;
    g.tasks.push(t);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        compareCodes(a.unit, b.unit) || Number(a.name === NO_OWNER) - Number(b.name === NO_OWNER) || VI_COLLATOR.compare(a.name, b.name),
    )
    .map((g) => ({ unit: g.unit, name: g.name, position: g.position, counts: countTasks(g.tasks, period) }));
}
