// Look-ups in the roster (SPEC §2.2) that rules and counts share: the domain, below every stage.
import type { Cadre, Roster } from '../types.js';

const BY_UNIT = new WeakMap<Roster, Map<string, Cadre[]>>();

/** The roster rows of one unit; indexed once per roster, since every task asks. */
export function cadresOf(roster: Roster, unit: string): Cadre[] {
  let index = BY_UNIT.get(roster);
  if (!index) {
    index = new Map();
    for (const c of roster.cadres) {
      const list = index.get(c.unit);
      if (list) list.push(c);
      else index.set(c.unit, [c]);
    }
    BY_UNIT.set(roster, index);
  }
  return index.get(unit) ?? [];
}
