// Counts over the unit tree (SPEC §3, §5.1): each counted task gets its class, each unit in force its
// own and total counts, and everything the summary workbooks and the reporters need travels in one result.
// The counts themselves, the fields and the diagnostics' places are in counts.ts, fields.ts and diagnostics.ts.
import { classify, isRegisteredAt } from '../classify/index.js';
import { compareCodes } from '../domain/codes.js';
import type { Comparison } from './compare.js';
import { addCounts, countTasks, withRates } from './counts.js';
import { diagnosticsByRegister, diagnosticsByTask, push } from './diagnostics.js';
import { fieldLabels, groupCounts } from './fields.js';
import type { OwnerCounts } from './owners.js';
import type { Counts, Diagnostic, IsoDate, Period, Register, Task, TaskClass, Unit, UnitTree } from '../types.js';

export interface AggregateInput {
  tree: UnitTree;
  registers: Register[];
  /** every diagnostic of the run, after severities were applied */
  diagnostics: Diagnostic[];
  asOf: IsoDate;
  period: Period;
  /**
   * `rollup --unit CODE`: a unit in force; only it and the units under it are rolled up, it as the one root.
   * Registers of units outside it are left out (listed in `outOfScope`), with their diagnostics.
   */
  scope?: string;
}

/** One task that is counted, with its class and the diagnostics that point at it. */
export interface ClassifiedTask {
  task: Task;
  unit: Unit;
  register: Register;
  class: TaskClass;
  diagnostics: Diagnostic[];
}

/** The counts of one group of tasks (a field or a category). */
export interface GroupCounts {
  /** the category id, or the folded field name ('' for tasks with no field) */
  key: string;
  label: string;
  counts: Counts;
}

export interface UnitRollup {
  unit: Unit;
  /** 0 for a root */
  depth: number;
  /** the units directly under this one, in code order */
  children: string[];
  /** the unit's own registers */
  own: Counts;
  /** own + every unit under it */
  total: Counts;
  /** a register resolved to this unit (counted or not) */
  submitted: boolean;
  /** the display paths of the registers resolved to this unit */
  files: string[];
  /** those of them left out because two registers resolve to this unit (unit-duplicate) */
  excludedFiles: string[];
  /** units in force under this one, at any depth, and how many of them submitted */
  unitsUnder: number;
  submittedUnder: number;
  /** total counts by field (sorted by name, Vietnamese collation, "no field" last) and by category (SPEC order) */
  byField: GroupCounts[];
  byCategory: GroupCounts[];
}

/** One input register, as the rollup saw it. */
export interface RollupFile {
  path: string;
  displayPath: string;
  /** the unit code when the register is matched to a unit in force */
  unit: string | null;
  /** tasks read, and tasks counted */
  tasks: number;
  counted: number;
  errors: number;
  warnings: number;
  /** why none of its tasks is counted */
  excluded: 'no-unit' | 'unit-duplicate' | null;
}

export interface RollupResult {
  asOf: IsoDate;
  period: Period;
  tree: UnitTree;
  /** every unit in force, once, in code order (with a scope: its units, the scope first) */
  units: UnitRollup[];
  byCode: Map<string, UnitRollup>;
  /** codes of the roots, in code order */
  roots: string[];
  /** the counted tasks, in unit code order, then file, then row */
  tasks: ClassifiedTask[];
  /** the counted tasks of each unit and every unit under it, in the order of `tasks` (see tasksUnder) */
  tasksUnder: Map<string, ClassifiedTask[]>;
  registers: Register[];
  diagnostics: Diagnostic[];
  files: RollupFile[];
  /** with a scope: the registers read whose unit is in force but outside it, in input order; not counted */
  outOfScope: { path: string; displayPath: string; unit: Unit }[];
  /** the label shown for each field key (see fieldKey), '' → "Chưa phân loại" */
  fieldLabels: Map<string, string>;
  summary: { files: number; tasks: number; errors: number; warnings: number };
  /** the workbooks written, filled in by whoever writes them (for `rollupJson`) */
  outputs: { unit: string; path: string }[];
  /** files read that are not registers (summary workbooks tiendo wrote), filled in by the caller */
  skipped: { path: string; reason: string }[];
  /** `--compare`: the comparison with the previous registers, filled in by the caller (SPEC §7.1) */
  comparison?: Comparison;
  /** per responsible cadre (SPEC §7.2), filled in by the caller (it needs the roster: aggregate/owners.ts) */
  owners: OwnerCounts[];
  /** `--pdf`: the PDFs written beside the workbooks, filled in by the caller */
  pdfs?: { unit: string; path: string }[];
}

export { compareCodes };
export { countTasks, emptyCounts, rate, withRates } from './counts.js';
export { diagnosticsByTask, diagnosticsUnder, subtreeCodes, tasksUnder } from './diagnostics.js';
export { fieldKey, NO_FIELD_LABEL, VI_COLLATOR } from './fields.js';

// ───────────────────────────── the rollup ─────────────────────────────

/** Classifies every task that counts and rolls the counts up the tree in force on the as-of date. */
export function aggregate(input: AggregateInput): RollupResult {
  const { tree, asOf, period } = input;
  const scoped = scopedTree(tree, input.scope);
  const { registers, diagnostics, outOfScope } = inScope(input, tree, scoped.byCode);
  const { tasks, ownTasks, filesOf, files } = classifyRegisters(
    registers,
    diagnosticsByRegister(registers, diagnostics),
    scoped.byCode,
    asOf,
  );
  sortTasks(tasks, scoped.units, registers);
  const subtreeTasks = tasksOfEachSubtree(tasks, scoped);
  const labels = fieldLabels(tasks);

  const byCode = new Map<string, UnitRollup>();
  const build = (unit: Unit, depth: number): UnitRollup => {
    const code = unit.code;
    const f = filesOf.get(code) ?? { files: [], excluded: [] };
    const own = countTasks(ownTasks.get(code) ?? [], period);
    const total = { ...own };
    let unitsUnder = 0;
    let submittedUnder = 0;
    const children = scoped.children(code);
    for (const c of children) {
      const child = build(c, depth + 1);
      addCounts(total, child.total);
      unitsUnder += 1 + child.unitsUnder;
      submittedUnder += (child.submitted ? 1 : 0) + child.submittedUnder;
    }
    const r: UnitRollup = {
      unit,
      depth,
      children: children.map((c) => c.code),
      own,
      total: withRates(total),
      submitted: f.files.length > 0,
      files: f.files,
      excludedFiles: f.excluded,
      unitsUnder,
      submittedUnder,
      ...groupCounts(subtreeTasks.get(code) ?? [], labels, period),
    };
    byCode.set(code, r);
    return r;
  };
  for (const root of scoped.roots) build(root, 0);

  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    asOf,
    period,
    tree,
    units: scoped.units.flatMap((u) => byCode.get(u.code) ?? []),
    byCode,
    roots: scoped.roots.map((u) => u.code),
    tasks,
    tasksUnder: subtreeTasks,
    registers,
    diagnostics,
    files,
    outOfScope,
    fieldLabels: labels,
    summary: { files: registers.length, tasks: tasks.length, errors, warnings: diagnostics.length - errors },
    outputs: [],
    skipped: [],
    owners: [],
  };
}

/** The part of the unit tree a rollup covers: all of it, or (`scope`) one unit and every unit under it, rooted there. */
interface ScopedTree {
  /** its units, in code order (the scope first) */
  units: Unit[];
  byCode: ReadonlyMap<string, Unit>;
  roots: Unit[];
  /** the units directly under a unit, in code order (the tree's own lists) */
  children(code: string): Unit[];
}

function scopedTree(tree: UnitTree, scope: string | undefined): ScopedTree {
  const children = (code: string): Unit[] => tree.children.get(code) ?? [];
  if (scope === undefined) {
    // byCode, not units: a code has one unit in force (unitTree refuses two)
    const units = [...tree.byCode.values()].sort((a, b) => compareCodes(a.code, b.code));
    return { units, byCode: tree.byCode, roots: tree.roots, children };
  }
  const root = tree.byCode.get(scope);
  if (!root) throw new Error(`scope ${scope} is not a unit in force`);
  const byCode = new Map<string, Unit>();
  const walk = (u: Unit): void => {
    byCode.set(u.code, u);
    for (const c of children(u.code)) walk(c);
  };
  walk(root);
  const units = [...byCode.values()].sort((a, b) => Number(b.code === scope) - Number(a.code === scope) || compareCodes(a.code, b.code));
  return { units, byCode, roots: [root], children };
}

interface Classified {
  /** the counted tasks, in register order */
  tasks: ClassifiedTask[];
  /** the counted tasks of each unit's own registers */
  ownTasks: Map<string, ClassifiedTask[]>;
  /** the registers matched to each unit, and those of them left out */
  filesOf: Map<string, { files: string[]; excluded: string[] }>;
  files: RollupFile[];
}

/** Each register matched to a unit of the rollup, and its tasks that count classified. */
function classifyRegisters(
  registers: readonly Register[],
  diagsOf: ReadonlyMap<Register, Diagnostic[]>,
  unitByCode: ReadonlyMap<string, Unit>,
  asOf: IsoDate,
): Classified {
  const out: Classified = { tasks: [], ownTasks: new Map(), filesOf: new Map(), files: [] };
  for (const register of registers) {
    const ds = diagsOf.get(register) ?? [];
    const unit = register.unit ? (unitByCode.get(register.unit.code) ?? null) : null;
    const duplicate = ds.some((d) => d.rule === 'unit-duplicate' && d.severity === 'error');
    const excluded: RollupFile['excluded'] = !unit ? 'no-unit' : duplicate ? 'unit-duplicate' : null;
    const file: RollupFile = {
      path: register.path,
      displayPath: register.displayPath,
      unit: unit?.code ?? null,
      tasks: register.tasks.length,
      counted: 0,
      errors: ds.filter((d) => d.severity === 'error').length,
      warnings: ds.filter((d) => d.severity === 'warning').length,
      excluded,
    };
    out.files.push(file);
    if (!unit) continue;
    const f = out.filesOf.get(unit.code) ?? { files: [], excluded: [] };
    out.filesOf.set(unit.code, f);
    f.files.push(register.displayPath);
    if (excluded) {
      f.excluded.push(register.displayPath);
      continue;
    }
    const byTask = diagnosticsByTask(register, ds);
    for (const task of register.tasks) {
      if (!isRegisteredAt(task, asOf)) continue;
      const own = byTask.get(task) ?? [];
      if (own.some((d) => d.rule === 'duplicate-task')) continue;
      const t: ClassifiedTask = { task, unit, register, class: classify(task, own, asOf), diagnostics: own };
      out.tasks.push(t);
      push(out.ownTasks, unit.code, t);
      file.counted++;
    }
  }
  return out;
}

/** In the order of the rollup's units, then of the registers, then by row. */
function sortTasks(tasks: ClassifiedTask[], units: readonly Unit[], registers: readonly Register[]): void {
  const order = new Map(units.map((u, i) => [u.code, i]));
  const regOrder = new Map(registers.map((r, i) => [r, i]));
  const unitRank = (t: ClassifiedTask): number => order.get(t.unit.code) ?? -1;
  const registerRank = (t: ClassifiedTask): number => regOrder.get(t.register) ?? -1;
  tasks.sort((a, b) => unitRank(a) - unitRank(b) || registerRank(a) - registerRank(b) || a.task.row - b.task.row);
}

/** The counted tasks of each unit and every unit under it, in the order of `tasks`: each counts for its unit and every unit above it. */
function tasksOfEachSubtree(tasks: readonly ClassifiedTask[], scoped: ScopedTree): Map<string, ClassifiedTask[]> {
  const parentOf = new Map<string, string>();
  for (const u of scoped.units) for (const c of scoped.children(u.code)) parentOf.set(c.code, u.code);
  const subtreeTasks = new Map<string, ClassifiedTask[]>(scoped.units.map((u) => [u.code, []]));
  for (const t of tasks) {
    for (let code: string | undefined = t.unit.code; code !== undefined; code = parentOf.get(code)) subtreeTasks.get(code)?.push(t);
  }
  return subtreeTasks;
}

/**
 * The registers and diagnostics of a scoped rollup: a register of a unit in force outside the scope is left
 * out with every diagnostic naming its file; a register of no unit in force stays (tiendo cannot tell whose
 * it is, and its unit-unknown error must be seen), as does everything when there is no scope.
 */
function inScope(
  input: AggregateInput,
  tree: UnitTree,
  scoped: ReadonlyMap<string, Unit>,
): {
  registers: Register[];
  diagnostics: Diagnostic[];
  outOfScope: RollupResult['outOfScope'];
} {
  const { registers, diagnostics } = input;
  if (input.scope === undefined) return { registers, diagnostics, outOfScope: [] };
  const outsideUnit = (r: Register): Unit | undefined => (r.unit && !scoped.has(r.unit.code) ? tree.byCode.get(r.unit.code) : undefined);
  const leftOut = registers.flatMap((r) => {
    const unit = outsideUnit(r);
    return unit ? [{ path: r.path, displayPath: r.displayPath, unit }] : [];
  });
  if (!leftOut.length) return { registers, diagnostics, outOfScope: [] };
  const files = new Set(leftOut.flatMap((r) => [r.path, r.displayPath]));
  return {
    registers: registers.filter((r) => !outsideUnit(r)),
    diagnostics: diagnostics.filter((d) => !files.has(d.file)),
    outOfScope: leftOut,
  };
}
