// Counts over the unit tree (SPEC §3, §5.1): each counted task gets its class, each unit in force its
// own and total counts, and everything the summary workbooks and the reporters need travels in one result.
import { classify, inPeriod, isDone, isRegisteredAt } from '../classify/index.js';
import { CATEGORY_LABEL } from '../normalise/values.js';
import { clean, fold } from '../normalise/text.js';
import { compareCodes } from '../domain/codes.js';
import type { Comparison } from './compare.js';
import type { OwnerCounts } from './owners.js';
import type { Category, Counts, Diagnostic, IsoDate, Period, Register, Task, TaskClass, Unit, UnitTree } from '../types.js';

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

export const VI_COLLATOR = new Intl.Collator('vi');

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

function addCounts(into: Counts, c: Counts): void {
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

// ───────────────────────────── fields ─────────────────────────────

export const NO_FIELD_LABEL = 'Chưa phân loại';
const CATEGORIES: Category[] = ['hard', 'key', 'breakthrough', 'pressing'];

/** A field as typed in a section row or a column, without its numbering and a leading "Lĩnh vực". */
function fieldDisplay(field: string): string {
  let s = clean(field).replace(/^(?:[IVXLC]+|\d+|[a-zA-Z])\s*[.)/:-]\s*/u, '');
  const f = fold(s);
  if (f.startsWith('linh vuc ')) s = s.replace(/^\S+\s+\S+\s*[:.\-–]?\s*/u, '');
  return s.replace(/[\s.:;,]+$/u, '');
}

/** "XÂY DỰNG ĐẢNG" → "Xây dựng Đảng" (the Party keeps its capital). */
function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi').replace(/(^|[\s(,])đảng(?=$|[\s),.;:])/gu, '$1Đảng');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

const isAllCaps = (s: string): boolean => s === s.toLocaleUpperCase('vi') && s !== s.toLocaleLowerCase('vi');

/** The key tasks of one field share, whatever the numbering, case or diacritics typed. */
export function fieldKey(field: string | null): string {
  if (field == null) return '';
  let key = fieldKeys.get(field);
  if (key === undefined) {
    if (fieldKeys.size > 10_000) fieldKeys.clear();
    fieldKeys.set(field, (key = fold(fieldDisplay(field))));
  }
  return key;
}

/** A province has a few dozen section headings; each is folded once, not once per task and per level. */
const fieldKeys = new Map<string, string>();

/** For each field key, the label to show: the most frequent spelling, preferring one not in capitals. */
function fieldLabels(tasks: readonly ClassifiedTask[]): Map<string, string> {
  const spellings = new Map<string, Map<string, number>>();
  for (const t of tasks) {
    const key = fieldKey(t.task.field);
    if (key === '') continue;
    const shown = fieldDisplay(t.task.field!);
    const m = spellings.get(key) ?? new Map<string, number>();
    m.set(shown, (m.get(shown) ?? 0) + 1);
    spellings.set(key, m);
  }
  const labels = new Map<string, string>([['', NO_FIELD_LABEL]]);
  for (const [key, m] of spellings) {
    const ranked = [...m.entries()].sort(
      (a, b) => Number(isAllCaps(a[0])) - Number(isAllCaps(b[0])) || b[1] - a[1] || VI_COLLATOR.compare(a[0], b[0]),
    );
    const best = ranked[0]?.[0];
    if (best !== undefined) labels.set(key, isAllCaps(best) ? sentenceCase(best) : best);
  }
  return labels;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

// ───────────────────────────── matching diagnostics to tasks ─────────────────────────────

const sameSheet = (d: Diagnostic, t: Task): boolean => d.sheet == null || t.sheet == null || d.sheet === t.sheet;

/**
 * The diagnostics of one register that point at each of its tasks: by row when the diagnostic names a row
 * of the task's sheet (so the later rows of a `duplicate-task` never take the first row with them),
 * else by task id (a progress-update sheet, a diagnostic without a row).
 */
export function diagnosticsByTask(register: Register, diagnostics: readonly Diagnostic[]): Map<Task, Diagnostic[]> {
  const out = new Map<Task, Diagnostic[]>(register.tasks.map((t) => [t, []]));
  const byRow = new Map<number, Task[]>();
  const byId = new Map<string, Task[]>();
  const taskSheets = new Set<string | null>();
  for (const t of register.tasks) {
    push(byRow, t.row, t);
    push(byId, t.id, t);
    taskSheets.add(t.sheet);
  }
  for (const d of diagnostics) {
    const rowTasks = d.row != null ? (byRow.get(d.row) ?? []).filter((t) => sameSheet(d, t)) : [];
    const onTaskSheet = d.row != null && (d.sheet == null || taskSheets.has(null) || taskSheets.has(d.sheet));
    const tasks = onTaskSheet ? rowTasks : d.taskId != null ? (byId.get(d.taskId) ?? []) : [];
    for (const t of tasks) out.get(t)!.push(d);
  }
  return out;
}

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

/** Each register's diagnostics (a diagnostic names the file as shown, or its path). */
function diagnosticsByRegister(registers: readonly Register[], diagnostics: readonly Diagnostic[]): Map<Register, Diagnostic[]> {
  const diagsOf = new Map<Register, Diagnostic[]>(registers.map((r) => [r, []]));
  const regByFile = new Map<string, Register>();
  for (const r of registers) {
    regByFile.set(r.path, r);
    if (!regByFile.has(r.displayPath)) regByFile.set(r.displayPath, r);
  }
  for (const d of diagnostics) {
    const r = regByFile.get(d.file);
    if (r) diagsOf.get(r)?.push(d);
  }
  return diagsOf;
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

/** A unit's counts by field (by name, Vietnamese collation, "no field" last) and by category (SPEC order). */
function groupCounts(
  under: readonly ClassifiedTask[],
  labels: ReadonlyMap<string, string>,
  period: Period,
): Pick<UnitRollup, 'byField' | 'byCategory'> {
  return {
    byField: groupBy(under, (t) => fieldKey(t.task.field), period)
      .map(([key, counts]) => ({ key, label: labels.get(key) ?? key, counts }))
      .sort((a, b) => Number(a.key === '') - Number(b.key === '') || VI_COLLATOR.compare(a.label, b.label)),
    byCategory: CATEGORIES.map((cat) => ({
      key: cat,
      label: CATEGORY_LABEL[cat],
      counts: countTasks(
        under.filter((t) => t.task.category === cat),
        period,
      ),
    })),
  };
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

function groupBy(tasks: readonly ClassifiedTask[], key: (t: ClassifiedTask) => string, period: Period): [string, Counts][] {
  const groups = new Map<string, ClassifiedTask[]>();
  for (const t of tasks) push(groups, key(t), t);
  return [...groups.entries()].map(([k, ts]) => [k, countTasks(ts, period)]);
}

// ───────────────────────────── questions the writers ask ─────────────────────────────

/** The codes of `code` and every unit under it. */
export function subtreeCodes(result: RollupResult, code: string): Set<string> {
  const out = new Set<string>();
  const walk = (c: string): void => {
    if (out.has(c)) return;
    out.add(c);
    for (const child of result.byCode.get(c)?.children ?? []) walk(child);
  };
  walk(code);
  return out;
}

/** The counted tasks of `code` and every unit under it. */
export function tasksUnder(result: RollupResult, code: string): ClassifiedTask[] {
  return result.tasksUnder.get(code) ?? [];
}

/** Each unit's diagnostics (null: files matched to no unit), as indexes into result.diagnostics; built once. */
const diagnosticIndex = new WeakMap<RollupResult, Map<string | null, number[]>>();

function diagnosticsByUnit(result: RollupResult): Map<string | null, number[]> {
  const index = diagnosticIndex.get(result);
  if (index) return index;
  const unitOfFile = new Map<string, string | null>();
  // The previous registers' files too: task-dropped names them (--compare).
  for (const f of [...result.files, ...(result.comparison?.previousFiles ?? [])]) {
    unitOfFile.set(f.path, f.unit);
    if (!unitOfFile.has(f.displayPath)) unitOfFile.set(f.displayPath, f.unit);
  }
  const built = new Map<string | null, number[]>();
  result.diagnostics.forEach((d, i) => push(built, unitOfFile.get(d.file) ?? null, i));
  diagnosticIndex.set(result, built);
  return built;
}

/**
 * The diagnostics a unit's workbook lists: those of every register matched to it or a unit under it,
 * and, for a root, those of files matched to no unit in force (and of files that are no register at all).
 * In the order of result.diagnostics.
 */
export function diagnosticsUnder(result: RollupResult, code: string): Diagnostic[] {
  const byUnit = diagnosticsByUnit(result);
  const picked: number[] = [];
  const take = (key: string | null): void => {
    for (const i of byUnit.get(key) ?? []) picked.push(i);
  };
  for (const c of subtreeCodes(result, code)) take(c);
  if (result.roots.includes(code)) take(null);
  return picked.sort((a, b) => a - b).flatMap((i) => result.diagnostics[i] ?? []);
}
