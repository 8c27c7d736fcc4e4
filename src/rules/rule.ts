// What a rule is: metadata plus one function that only reports.
// Rules never print, format or decide severity: the engine (src/check/) does.
import type {
  ColumnKey, IsoDate, Period, Problem, Register, Roster, RuleId, Severity, Task, Thresholds, UnitTree,
} from '../types.js';

/** A message template per language; `{{name}}` placeholders are filled from `data`. */
export interface Message {
  vi: string;
  en: string;
}

export interface RuleMeta {
  id: RuleId;
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

export interface Report {
  at: At;
  messageId?: string;
  data?: Record<string, string | number>;
}

export type Reporter = (report: Report) => void;

export interface TaskRule {
  meta: RuleMeta;
  scope: 'task';
  check(task: Task, ctx: RuleContext, report: Reporter): void;
}

export interface RegisterRule {
  meta: RuleMeta;
  scope: 'register';
  check(register: Register, ctx: RuleContext, report: Reporter): void;
}

/** Rules that look across registers (two files of one unit, one owner's load across files). */
export interface RunRule {
  meta: RuleMeta;
  scope: 'run';
  check(registers: Register[], ctx: RuleContext, report: Reporter): void;
}

export type Rule = TaskRule | RegisterRule | RunRule;

/**
 * The check of a rule whose problems the readers find (an unreadable file, a missing header, an
 * unknown unit, a legacy font): it reports each problem of its id where the reader located it;
 * what the reader left out (`at: {}`) is about the file as a whole.
 */
export function reportProblems(
  id: RuleId,
  /** chooses the wording from what the reader found, when one template does not fit all */
  reword: (p: Problem) => Pick<Report, 'messageId' | 'data'> = (p) => ({ messageId: p.messageId, data: p.data }),
): RegisterRule['check'] {
  return (register, _ctx, report) => {
    for (const p of register.problems) {
      if (p.rule !== id) continue;
      report({ at: { register, sheet: p.at.sheet, row: p.at.row, column: p.at.column, taskId: p.taskId }, ...reword(p) });
    }
  };
}

/** The value columns of a task that the readers may leave `invalid`. */
type ValueColumn = 'assigned' | 'deadline' | 'completed' | 'target' | 'achieved';

/** The check of a rule that reports each of `columns` the reader could not read, quoting its text. */
export function reportInvalid(columns: readonly ValueColumn[]): TaskRule['check'] {
  return (task, _ctx, report) => {
    for (const column of columns) {
      const value = task[column];
      if (value.kind === 'invalid') report({ at: { task, column }, messageId: column, data: { text: value.text } });
    }
  };
}
