// The six classes of a task as of a date (SPEC §3).
import type { Diagnostic, IsoDate, Lang, RuleId, Task, TaskClass } from '../types.js';

export { parsePeriod, periodOfAsOf, periodTitle, periodKind, inPeriod } from './period.js';
export type { PeriodKind } from './period.js';

/** The classes in the order the reports list them. */
export const TASK_CLASSES: readonly TaskClass[] = [
  'doneOnTime',
  'doneLate',
  'pendingOnTime',
  'pendingOverdue',
  'cancelled',
  'unclassified',
];

/** The labels of SPEC §3 (the Government Office's 2×2 grid, plus cancelled and unclassified). */
export const CLASS_LABEL: Record<Lang, Record<TaskClass, string>> = {
  vi: {
    doneOnTime: 'Hoàn thành đúng hạn',
    doneLate: 'Hoàn thành quá hạn',
    pendingOnTime: 'Chưa hoàn thành, trong hạn',
    pendingOverdue: 'Chưa hoàn thành, quá hạn',
    cancelled: 'Dừng, hủy',
    unclassified: 'Chưa xác định',
  },
  en: {
    doneOnTime: 'Done on time',
    doneLate: 'Done late',
    pendingOnTime: 'Pending, on time',
    pendingOverdue: 'Pending, overdue',
    cancelled: 'Cancelled',
    unclassified: 'Unclassified',
  },
};

/** Errors of these rules leave a task unclassified, wherever they point. */
const UNCLASSIFYING = new Set<RuleId>([
  'deadline-missing',
  'deadline-before-assigned',
  'invalid-status',
  'invalid-progress',
  'status-progress-mismatch',
  'completion-in-future',
  'completion-before-assigned',
]);

/** Whether an error makes the task impossible to classify (SPEC §3, last row). */
export function isUnclassifying(task: Task, d: Diagnostic): boolean {
  if (d.severity !== 'error') return false;
  if (UNCLASSIFYING.has(d.rule)) return true;
  if (d.rule !== 'invalid-date' || !d.column) return false;
  // Column letters are only comparable on the task's own sheet (a progress-update sheet has its own).
  const sameSheet = d.sheet == null || task.sheet == null || d.sheet === task.sheet;
  return sameSheet && (d.column === task.columns.deadline || d.column === task.columns.completed);
}

/**
 * The class of `task` on day `asOf`, given the diagnostics reported on this task (any others are ignored
 * only in the sense that they cannot match a listed rule on it: pass the task's own).
 * Ownership errors, an invalid assigned date and warnings leave the class as the table gives it.
 * Defensive cases, for when the rules that would have flagged them are turned off: a status outside the
 * vocabulary, or an unfinished task with no readable deadline, is unclassified; a done task with no
 * readable deadline is done on time (nothing says it was late).
 */
export function classify(task: Task, diagnostics: readonly Diagnostic[], asOf: IsoDate): TaskClass {
  if (diagnostics.some((d) => isUnclassifying(task, d))) return 'unclassified';
  switch (task.status) {
    case null:
      return 'unclassified';
    case 'cancelled':
      return 'cancelled';
    case 'done': {
      const c = task.completed;
      const dl = task.deadline;
      if (c.kind === 'date' && dl.kind === 'date' && c.date > dl.date) return 'doneLate';
      return 'doneOnTime';
    }
    case 'not_started':
    case 'in_progress':
    case 'paused': {
      const dl = task.deadline;
      if (dl.kind !== 'date') return 'unclassified';
      return dl.date >= asOf ? 'pendingOnTime' : 'pendingOverdue';
    }
  }
}

/** A task assigned after the as-of date is not yet registered then, and is left out of every count. */
export function isRegisteredAt(task: Task, asOf: IsoDate): boolean {
  return !(task.assigned.kind === 'date' && task.assigned.date > asOf);
}

export function isDone(c: TaskClass): boolean {
  return c === 'doneOnTime' || c === 'doneLate';
}
