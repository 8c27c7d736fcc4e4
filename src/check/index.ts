// The engine: runs every rule at its configured severity, turns reports into located diagnostics,
// and distrusts what rules report — a location outside the sheet is a bug, thrown with the rule's id.
import { formatMessage } from './format.js';
import type { Reporter, Report, Rule, RuleContext } from '../rules/rule.js';
import { RULES } from '../rules/index.js';
import type { Config, Diagnostic, Lang, Register, RuleId, Severity } from '../types.js';

export function severityOf(rule: Rule, config: Config): Severity {
  return config.severities[rule.meta.id] ?? rule.meta.severity;
}

/** Rule ids named in a config that tiendo does not know: a usage error for the caller. */
export function unknownRuleIds(config: Config): string[] {
  const known = new Set<string>(RULES.map((r) => r.meta.id));
  return Object.keys(config.severities).filter((id) => !known.has(id));
}

/**
 * `progressFiles` (`--progress`) hold updates and no tasks: the register rules (what their reading
 * and the updates' applying found) run on them too, and diagnostics may point into them.
 */
export function check(
  registers: Register[],
  ctx: RuleContext,
  config: Config,
  lang: Lang,
  rules: Rule[] = RULES,
  progressFiles: Register[] = [],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byPath = new Map([...registers, ...progressFiles].map((r) => [r.displayPath, r]));
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === 'off') continue;
    const report: Reporter = (r) => out.push(toDiagnostic(rule, severity, r, byPath, lang));
    if (rule.scope === 'task') {
      for (const reg of registers) for (const task of reg.tasks) rule.check(task, ctx, report);
    } else if (rule.scope === 'register') {
      for (const reg of registers) rule.check(reg, ctx, report);
      for (const file of progressFiles) rule.check(file, ctx, report);
    } else {
      rule.check(registers, ctx, report);
    }
  }
  return sortDiagnostics(out, [...registers, ...progressFiles], rules);
}

function toDiagnostic(rule: Rule, severity: Exclude<Severity, 'off'>, r: Report, byPath: Map<string, Register>, lang: Lang): Diagnostic {
  const messageId = r.messageId ?? 'default';
  const data = r.data ?? {};
  let d: Omit<Diagnostic, 'rule' | 'severity' | 'message' | 'messageId' | 'data'>;
  let register: Register | undefined;
  if ('task' in r.at) {
    const { task, column } = r.at;
    // A value a progress update replaced is pointed at in the update's cell.
    const moved = column ? task.at?.[column] : undefined;
    if (moved) {
      register = byPath.get(moved.file);
      d = { file: moved.file, sheet: moved.sheet, row: moved.row, column: moved.column, taskId: task.id };
    } else {
      register = byPath.get(task.file);
      const letter = column ? (task.columns[column] ?? null) : null;
      // A row-level diagnostic points at the row's first cell.
      d = { file: task.file, sheet: task.sheet, row: task.row, column: letter ?? firstColumn(task.columns), taskId: task.id };
    }
  } else {
    register = r.at.register;
    d = {
      file: register.displayPath,
      sheet: r.at.sheet !== undefined ? r.at.sheet : r.at.row != null ? register.sheet : null,
      row: r.at.row ?? null,
      column: r.at.column ?? null,
      taskId: r.at.taskId ?? null,
    };
  }
  assertLocation(rule.meta.id, d, register);
  return { rule: rule.meta.id, severity, ...d, message: formatMessage(rule.meta, messageId, data, lang), messageId, data };
}

function firstColumn(columns: Partial<Record<string, string>>): string | null {
  const letters = Object.values(columns).filter((c): c is string => !!c);
  if (!letters.length) return null;
  return letters.sort((a, b) => a.length - b.length || a.localeCompare(b))[0] ?? null;
}

function assertLocation(
  rule: RuleId,
  d: { sheet: string | null; row: number | null; column: string | null },
  register: Register | undefined,
): void {
  if (!register) throw new Error(`rule ${rule}: reported a location in a file that was not read`);
  if (d.column !== null && !/^[A-Z]{1,3}$/.test(d.column)) throw new Error(`rule ${rule}: column "${d.column}" is not a column letter`);
  if (d.row === null) return;
  const wb = register.workbook;
  if (!wb) throw new Error(`rule ${rule}: reported row ${d.row} in a file that could not be read`);
  const sheet = wb.kind === 'csv' ? wb.sheets[0] : wb.sheets.find((s) => s.name === d.sheet);
  if (!sheet) throw new Error(`rule ${rule}: reported sheet "${d.sheet}" which does not exist`);
  if (!Number.isInteger(d.row) || d.row < 1 || d.row > sheet.rowCount) {
    throw new Error(`rule ${rule}: reported row ${d.row} outside sheet "${sheet.name}" (1–${sheet.rowCount})`);
  }
}

/** By file (in input order), then file-level first, then row, column and rule order. */
export function sortDiagnostics(ds: Diagnostic[], registers: Register[], rules: Rule[] = RULES): Diagnostic[] {
  const fileOrder = new Map(registers.map((r, i) => [r.displayPath, i]));
  const ruleOrder = new Map(rules.map((r, i) => [r.meta.id as string, i]));
  const col = (c: string | null) => (c === null ? -1 : c.length * 1000 + c.charCodeAt(0) + (c.length > 1 ? c.charCodeAt(1) : 0));
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.d.file) ?? 0) - (fileOrder.get(b.d.file) ?? 0) ||
        (a.d.row ?? 0) - (b.d.row ?? 0) ||
        col(a.d.column) - col(b.d.column) ||
        (ruleOrder.get(a.d.rule) ?? 0) - (ruleOrder.get(b.d.rule) ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}
