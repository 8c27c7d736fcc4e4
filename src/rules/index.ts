// The rule registry. Its catalog is generated (scripts/gen-rules.js, run by every build): every rule
// file of this folder, in the order of SPEC §4, so that adding a rule is adding its file.
import { CATALOG } from './catalog.js';
import type { Rule } from './rule.js';

/** A rule's id: one of the catalog's (a rule exists by having its file here). */
export type RuleId = (typeof CATALOG)[number]['meta']['id'];

export const RULES: Rule[] = [...CATALOG];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.meta.id, r]));

/** The rule of this id, or undefined (a config file may name a rule that does not exist). */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
