// The counts of a group of tasks and their two rates (SPEC §3): what every unit, field, category
// and cadre of a rollup is counted with.
import { inPeriod, isDone } from '../classify/index.js';
import type { Counts, Period } from '../types.js';
import type { ClassifiedTask } from './index.js';

export function emptyCounts(): Counts {
  return {
    registered: 0,
    doneOnTime: 0,
    doneLate: 0,
    pendingOnTime: 0,
    pendingOverdue: 0,
    cancelled: 0,
    unclassified: 0,
    doneInPeriod: 0,
    completionRate: null,
    onTimeRate: null,
  };
}

/** A ratio as a percentage with one decimal, null when the divisor is 0. */
export function rate(numerator: number, divisor: number): number | null {
  if (divisor <= 0) return null;
  return Math.round((numerator * 1000) / divisor) / 10;
}

/** Fills in the two rates from the counts (SPEC §3). */
export function withRates(c: Counts): Counts {
  const done = c.doneOnTime + c.doneLate;
  return { ...c, completionRate: rate(done, c.registered - c.cancelled), onTimeRate: rate(c.doneOnTime, done) };
}

function addClass(c: Counts, t: ClassifiedTask, period: Period): void {
  c.registered++;
  c[t.class]++;
  if (isDone(t.class) && t.task.completed.kind === 'date' && inPeriod(t.task.completed.date, period)) c.doneInPeriod++;
}

export function addCounts(into: Counts, c: Counts): void {
  into.registered += c.registered;
  into.doneOnTime += c.doneOnTime;
  into.doneLate += c.doneLate;
  into.pendingOnTime += c.pendingOnTime;
  into.pendingOverdue += c.pendingOverdue;
  into.cancelled += c.cancelled;
  into.unclassified += c.unclassified;
  into.doneInPeriod += c.doneInPeriod;
}

/** Counts of a list of classified tasks. */
export function countTasks(tasks: readonly ClassifiedTask[], period: Period): Counts {
  const c = emptyCounts();
  for (const t of tasks) addClass(c, t, period);
  return withRates(c);
}
