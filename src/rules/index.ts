// The rule catalog, in the order of SPEC §4. A rule not listed here does not run.
import type { Rule } from './rule.js';
import legacyEncoding from './legacy-encoding.js';
import fileUnreadable from './file-unreadable.js';
import headerMissing from './header-missing.js';
import unitUnknown from './unit-unknown.js';
import unitDuplicate from './unit-duplicate.js';
import duplicateTask from './duplicate-task.js';
import titleMissing from './title-missing.js';
import ownerMissing from './owner-missing.js';
import ownerMultiple from './owner-multiple.js';
import ownerUnknown from './owner-unknown.js';
import ownerInactive from './owner-inactive.js';
import ownerOverloaded from './owner-overloaded.js';
import deadlineMissing from './deadline-missing.js';
import invalidDate from './invalid-date.js';
import deadlineBeforeAssigned from './deadline-before-assigned.js';
import invalidProgress from './invalid-progress.js';
import invalidStatus from './invalid-status.js';
import invalidNumber from './invalid-number.js';
import statusProgressMismatch from './status-progress-mismatch.js';
import completionInFuture from './completion-in-future.js';
import completionBeforeAssigned from './completion-before-assigned.js';
import completionDateMissing from './completion-date-missing.js';
import overdue from './overdue.js';
import atRisk from './at-risk.js';
import progressRegressed from './progress-regressed.js';
import reportStale from './report-stale.js';
import updateUnknownTask from './update-unknown-task.js';
import taskDropped from './task-dropped.js';

/** The catalog, in SPEC order. Its ids are RuleId: a rule exists by being listed here. */
const CATALOG = [
  legacyEncoding,
  fileUnreadable,
  headerMissing,
  unitUnknown,
  unitDuplicate,
  duplicateTask,
  titleMissing,
  ownerMissing,
  ownerMultiple,
  ownerUnknown,
  ownerInactive,
  ownerOverloaded,
  deadlineMissing,
  invalidDate,
  deadlineBeforeAssigned,
  invalidProgress,
  invalidStatus,
  invalidNumber,
  statusProgressMismatch,
  completionInFuture,
  completionBeforeAssigned,
  completionDateMissing,
  overdue,
  atRisk,
  progressRegressed,
  reportStale,
  updateUnknownTask,
  taskDropped,
] as const;

/** A rule's id: one of the catalog's. */
export type RuleId = (typeof CATALOG)[number]['meta']['id'];

export const RULES: Rule[] = [...CATALOG];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.meta.id, r]));

/** The rule of this id, or undefined (a config file may name a rule that does not exist). */
export function ruleById(id: RuleId | string): Rule | undefined {
  return BY_ID.get(id);
}
