// This month against the previous registers (SPEC §7.1): tasks paired by typed `Mã việc`, else by
// folded title (several equal titles pair in row order); per unit, own and total, what got done
// since, what newly fell overdue, what was dropped, what is new, and how the figures moved.
import { fold } from '../normalise/text.js';
import type { Counts, IsoDate, TaskClass, Unit } from '../types.js';
import type { ClassifiedTask, RollupFile, RollupResult } from './index.js';

/** The change of one unit's figures (SPEC §7.1). */
export interface ChangeCounts {
  completedSince: number;
  newlyOverdue: number;
  dropped: number;
  new: number;
  registeredChange: number;
  completionRateChange: number | null;
  onTimeRateChange: number | null;
}

/** Why a task is listed on `Biến động`. */
export type ChangeKind = 'new' | 'dropped' | 'completed' | 'overdue';

/** One task that changed: new, dropped, newly done or newly overdue, with its two states. */
export interface TaskChange {
  unit: Unit;
  kind: ChangeKind;
  now: ClassifiedTask | null;
  then: ClassifiedTask | null;
}

export interface Comparison {
  /** the previous as-of date */
  asOf: IsoDate;
  /** previous registers read (within the scope), and their tasks counted */
  files: number;
  tasks: number;
  /** own: null for a unit whose previous register could not be read or placed (no comparison) */
  byUnit: Map<string, { own: ChangeCounts | null; total: ChangeCounts }>;
  /** every changed task, in the order of the rollup's units, then now's rows, then dropped ones */
  changes: TaskChange[];
  /** units that sent a register last time */
  submittedBefore: Set<string>;
  /** dropped tasks that were not done or cancelled then (rule task-dropped), with the register now that lacks them */
  droppedOpen: { then: ClassifiedTask; nowFiles: string[] }[];
  /** pairs whose progress went down since (rule progress-regressed, against the previous registers) */
  regressed: { now: ClassifiedTask; then: ClassifiedTask }[];
  /** the previous registers' files and their units: the diagnostics naming them go to that unit's workbook */
  previousFiles: RollupFile[];
}

const DONE: ReadonlySet<TaskClass> = new Set(['doneOnTime', 'doneLate']);
const CLOSED: ReadonlySet<TaskClass> = new Set(['doneOnTime', 'doneLate', 'cancelled']);

/** The title as compared: case, diacritics, punctuation and spacing folded away. */
function titleKey(t: ClassifiedTask): string {
  return fold(t.task.title ?? '');
}

function typedId(t: ClassifiedTask): string | null {
  const id = t.task.text.id;
  return id ? fold(id) : null;
}

/** Pairs of one unit's tasks now and then; `null` on the side that has none. */
export function pairTasks(now: ClassifiedTask[], then: ClassifiedTask[]): { now: ClassifiedTask | null; then: ClassifiedTask | null }[] {
  const partner = new Map<ClassifiedTask, ClassifiedTask>();
  const taken = new Set<ClassifiedTask>();
  // Both with a typed Mã việc: equal ids, and then only.
  const thenById = new Map<string, ClassifiedTask[]>();
  for (const t of then) {
    const id = typedId(t);
    if (id !== null) thenById.set(id, [...(thenById.get(id) ?? []), t]);
  }
  for (const t of now) {
    const id = typedId(t);
    if (id === null) continue;
    const p = thenById.get(id)?.find((x) => !taken.has(x));
    if (p) {
      partner.set(t, p);
      taken.add(p);
    }
  }
  // Otherwise by folded title, in row order; never two tasks that both have (different) typed ids.
  const thenByTitle = new Map<string, ClassifiedTask[]>();
  for (const t of then) {
    if (taken.has(t)) continue;
    const k = titleKey(t);
    if (k) thenByTitle.set(k, [...(thenByTitle.get(k) ?? []), t]);
  }
  for (const t of now) {
    if (partner.has(t)) continue;
    const k = titleKey(t);
    const p = k ? thenByTitle.get(k)?.find((x) => !taken.has(x) && (typedId(x) === null || typedId(t) === null)) : undefined;
    if (p) {
      partner.set(t, p);
      taken.add(p);
    }
  }
  return [
    ...now.map((t) => ({ now: t, then: partner.get(t) ?? null })),
    ...then.filter((t) => !taken.has(t)).map((t) => ({ now: null, then: t })),
  ];
}

function zero(): Omit<ChangeCounts, 'registeredChange' | 'completionRateChange' | 'onTimeRateChange'> {
  return { completedSince: 0, newlyOverdue: 0, dropped: 0, new: 0 };
}

/** Two rates as reported (each rounded to one decimal), subtracted, in points. */
function rateChange(now: number | null, then: number | null): number | null {
  return now === null || then === null ? null : Math.round((now - then) * 10) / 10;
}

function withFigures(c: ReturnType<typeof zero>, now: Counts, then: Counts | undefined): ChangeCounts {
  return {
    ...c,
    registeredChange: now.registered - (then?.registered ?? 0),
    completionRateChange: rateChange(now.completionRate, then?.completionRate ?? null),
    onTimeRateChange: rateChange(now.onTimeRate, then?.onTimeRate ?? null),
  };
}

/**
 * Compares the rollup now with the rollup of the previous registers. Only counted tasks take part.
 * A unit that sent nothing now (or only registers left out) drops nothing: its tasks then are not
 * dropped, and it is listed in `Chưa nộp` as having sent last time.
 */
export function compareRollups(now: RollupResult, then: RollupResult, uncompared: ReadonlySet<string> = new Set()): Comparison {
  const group = (r: RollupResult) => {
    const m = new Map<string, ClassifiedTask[]>();
    for (const t of r.tasks) m.set(t.unit.code, [...(m.get(t.unit.code) ?? []), t]);
    return m;
  };
  const nowBy = group(now);
  const thenBy = group(then);
  const own = new Map<string, ReturnType<typeof zero>>();
  const changes: TaskChange[] = [];
  const droppedOpen: Comparison['droppedOpen'] = [];
  const regressed: Comparison['regressed'] = [];

  for (const u of now.units) {
    const code = u.unit.code;
    const c = zero();
    own.set(code, c);
    if (uncompared.has(code)) continue;
    const sentNow = u.files.length > u.excludedFiles.length;
    const thenTasks = sentNow ? (thenBy.get(code) ?? []) : [];
    for (const { now: n, then: t } of pairTasks(nowBy.get(code) ?? [], thenTasks)) {
      const kind = countChange(n, t, c);
      if (kind === 'dropped' && t) droppedOpen.push({ then: t, nowFiles: u.files.filter((f) => !u.excludedFiles.includes(f)) });
      if (n && t && progressWentDown(n, t)) regressed.push({ now: n, then: t });
      if (kind) changes.push({ unit: u.unit, kind, now: n, then: t });
    }
  }

  const byUnit = changesByUnit(now, then, own, uncompared);
  return {
    asOf: then.asOf,
    files: then.registers.length,
    tasks: then.tasks.length,
    byUnit,
    changes,
    submittedBefore: new Set(then.units.filter((u) => u.files.length > 0).map((u) => u.unit.code)),
    droppedOpen,
    regressed,
    previousFiles: then.files,
  };
}

/** One pair's part in its unit's counts, and why it is listed on `Biến động` (null: it is not). */
function countChange(n: ClassifiedTask | null, t: ClassifiedTask | null, c: ReturnType<typeof zero>): ChangeKind | null {
  let kind: ChangeKind | null = null;
  if (n && !t) {
    c.new++;
    kind = 'new';
  } else if (!n && t && !CLOSED.has(t.class)) {
    c.dropped++;
    kind = 'dropped';
  }
  if (n && (!t || t.class !== n.class)) {
    if (DONE.has(n.class)) {
      c.completedSince++;
      kind ??= 'completed';
    }
    if (n.class === 'pendingOverdue') {
      c.newlyOverdue++;
      kind ??= 'overdue';
    }
  }
  return kind;
}

function progressWentDown(n: ClassifiedTask, t: ClassifiedTask): boolean {
  return n.task.progress.kind === 'number' && t.task.progress.kind === 'number' && n.task.progress.value < t.task.progress.value;
}

/** Each unit's own changes with its figures, and its total: its own and every unit's under it. */
function changesByUnit(
  now: RollupResult,
  then: RollupResult,
  own: Map<string, ReturnType<typeof zero>>,
  uncompared: ReadonlySet<string>,
): Comparison['byUnit'] {
  const byUnit: Comparison['byUnit'] = new Map();
  const totalOf = (code: string, seen: Set<string>): ReturnType<typeof zero> => {
    const sum = { ...(own.get(code) ?? zero()) };
    for (const child of now.byCode.get(code)?.children ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      const c = totalOf(child, seen);
      sum.completedSince += c.completedSince;
      sum.newlyOverdue += c.newlyOverdue;
      sum.dropped += c.dropped;
      sum.new += c.new;
    }
    return sum;
  };
  for (const u of now.units) {
    const code = u.unit.code;
    const before = then.byCode.get(code);
    const counts = own.get(code);
    byUnit.set(code, {
      own: uncompared.has(code) || !counts ? null : withFigures(counts, u.own, before?.own),
      total: withFigures(totalOf(code, new Set([code])), u.total, before?.total),
    });
  }
  return byUnit;
}
