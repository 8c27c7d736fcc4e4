// Which diagnostics belong to which register, task and unit: the rollup's counts leave out a task
// a diagnostic makes a duplicate, and each unit's workbook lists the diagnostics of its registers.
import type { Diagnostic, Register, Task } from '../types.js';
import type { ClassifiedTask, RollupResult } from './index.js';

/** Adds `v` to the list of `k`. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

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
    for (const t of tasks) out.get(t)?.push(d);
  }
  return out;
}

/** Each register's diagnostics (a diagnostic names the file as shown, or its path). */
export function diagnosticsByRegister(registers: readonly Register[], diagnostics: readonly Diagnostic[]): Map<Register, Diagnostic[]> {
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
