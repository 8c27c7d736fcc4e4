// What a rule is: metadata plus one function that only reports.
// Rules never print, format or decide severity: the engine (src/check/) does.
import type { ColumnKey, IsoDate, Period, Problem, Register, Roster, RuleId, Severity, Task, Thresholds, UnitTree } from '../types.js';

/** A message template per language; `{{name}}` placeholders are filled from `data`. */
export interface Message {
  vi: string;
  en: string;
}

export interface RuleMeta<Id extends string = RuleId> {
  id: Id;
  /** default severity; the config file may change it */
  severity: Severity;
  /** what the rule checks, for `tiendo rules` */
  description: Message;
  /** message templates by id; `default` is used when a report names none */
  messages: Record<string, Message> & { default: Message };
}

export interface RuleContext {
  asOf: IsoDate;
  /** the units in force on the as-of date, when a units register was given */
  units: UnitTree | null;
  roster: Roster | null;
  thresholds: Thresholds;
  /** the period of the run (`--period`, else the month of the as-of date): report-stale looks for updates in it */
  period?: Period | null;
}

/**
 * Where a diagnostic points. For a task rule: the task, and the column key it is about
 * (the engine turns the key into the column letter of this register; omitted = the row's first cell).
 * For a register rule: the register, and optionally a row, a column letter and a task id.
 */
export type At =
  | { task: Task; column?: ColumnKey }
  | { register: Register; sheet?: string | null; row?: number | null; column?: string | null; taskId?: string | null };

export interface Report<M extends string = string> {
  at: At;
  /** one of the rule's own message ids (typed per rule by taskRule/registerRule/runRule) */
  messageId?: M;
  data?: Record<string, string | number>;
}

export type Reporter<M extends string = string> = (report: Report<M>) => void;

export interface TaskRule<Id extends string = RuleId> {
  meta: RuleMeta<Id>;
  scope: 'task';
  check(task: Task, ctx: RuleContext, report: Reporter): void;
}

export interface RegisterRule<Id extends string = RuleId> {
  meta: RuleMeta<Id>;
  scope: 'register';
  check(register: Register, ctx: RuleContext, report: Reporter): void;
}

/** Rules that look across registers (two files of one unit, one owner's load across files). */
export interface RunRule<Id extends string = RuleId> {
  meta: RuleMeta<Id>;
  scope: 'run';
  check(registers: Register[], ctx: RuleContext, report: Reporter): void;
}

export type Rule = TaskRule | RegisterRule | RunRule;

/** A rule's metadata with its own id and message ids, as the rule file writes them. */
interface Definition<Id extends string, M extends string> {
  id: Id;
  severity: Severity;
  description: Message;
  messages: Record<M | 'default', Message>;
}

/**
 * Define a rule: its id is kept as written (the registry's ids make RuleId) and `report` takes only
 * the message ids its `messages` define, so a misspelt message id is a compile error.
 */
export function taskRule<const Id extends string, const M extends string>(rule: {
  meta: Definition<Id, M>;
  scope: 'task';
  check(task: Task, ctx: RuleContext, report: Reporter<NoInfer<M> | 'default'>): void;
}): TaskRule<Id> {
  return rule;
}

export function registerRule<const Id extends string, const M extends string>(rule: {
  meta: Definition<Id, M>;
  scope: 'register';
  check(register: Register, ctx: RuleContext, report: Reporter<NoInfer<M> | 'default'>): void;
}): RegisterRule<Id> {
  return rule;
}

export function runRule<const Id extends string, const M extends string>(rule: {
  meta: Definition<Id, M>;
  scope: 'run';
  check(registers: Register[], ctx: RuleContext, report: Reporter<NoInfer<M> | 'default'>): void;
}): RunRule<Id> {
  return rule;
}

/**
 * The check of a rule whose problems the readers find (an unreadable file, a missing header, an
 * unknown unit, a legacy font): it reports each problem of its id where the reader located it;
 * what the reader left out (`at: {}`) is about the file as a whole.
 */
export function reportProblems(
  id: string,
  /** chooses the wording from what the reader found, when one template does not fit all */
  reword: (p: Problem) => Pick<Report, 'messageId' | 'data'> = (p) => ({ messageId: p.messageId, data: p.data }),
): (register: Register, ctx: RuleContext, report: Reporter<never>) => void {
  return (register, _ctx, reportTyped) => {
    // The message ids a reader puts in a problem are strings: test/rules/registry.test.ts checks them.
    const report = reportTyped as Reporter;
    for (const p of register.problems) {
      if (p.rule !== id) continue;
      report({ at: { register, sheet: p.at.sheet, row: p.at.row, column: p.at.column, taskId: p.taskId }, ...reword(p) });
    }
  };
}

/** The value columns of a task that the readers may leave `invalid`. */
type ValueColumn = 'assigned' | 'deadline' | 'completed' | 'target' | 'achieved';

/** The check of a rule that reports each of `columns` the reader could not read, quoting its text. */
export function reportInvalid<C extends ValueColumn>(columns: readonly C[]): (task: Task, ctx: RuleContext, report: Reporter<C>) => void {
  return (task, _ctx, report) => {
    for (const column of columns) {
      const value = task[column];
      if (value.kind === 'invalid') report({ at: { task, column }, messageId: column, data: { text: value.text } });
    }
  };
}
