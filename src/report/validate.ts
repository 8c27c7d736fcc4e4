// Reporters for `validate`: pure functions from a result to a string.
import chalk from 'chalk';
import type { Diagnostic, IsoDate, Lang } from '../types.js';
import { WORDS } from './messages.js';

export interface FileSummary {
  path: string;
  unit: { code: string; name: string } | null;
  tasks: number;
  errors: number;
  warnings: number;
}

export interface ValidateResult {
  asOf: IsoDate;
  files: FileSummary[];
  diagnostics: Diagnostic[];
  summary: { files: number; tasks: number; errors: number; warnings: number };
  /** files read that are not registers (summary workbooks tiendo wrote), each with why */
  skipped: { path: string; reason: string }[];
  /** `--annotate DIR`: the annotated copies written, as shown; null without --annotate */
  annotated: string[] | null;
}

const DIAGNOSTIC_KEYS = ['rule', 'severity', 'file', 'sheet', 'row', 'column', 'taskId', 'message'] as const;

/** SPEC §5.1, exactly: the diagnostics without their internal message ids and data. */
export function validateJson(result: ValidateResult): string {
  const diagnostics = result.diagnostics.map((d) => Object.fromEntries(DIAGNOSTIC_KEYS.map((k) => [k, d[k]])));
  const annotated = result.annotated ? { annotated: result.annotated } : {};
  return (
    JSON.stringify(
      { asOf: result.asOf, files: result.files, diagnostics, summary: result.summary, skipped: result.skipped, ...annotated },
      null,
      2,
    ) + '\n'
  );
}

/** Grouped by file, as a linter prints: `file:sheet:row:col  severity  message  rule`. */
export function validateText(result: ValidateResult, lang: Lang): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  // Files not among those read name the previous registers (--compare: task-dropped).
  const listed = new Set(result.files.map((f) => f.path));
  const others = [...byFile.keys()].filter((p) => !listed.has(p)).map((path) => ({ path, unit: null, previous: true }));
  for (const f of [...result.files.map((x) => ({ ...x, previous: false })), ...others]) {
    const ds = byFile.get(f.path);
    if (!ds) continue;
    const unit = f.previous ? w.previous : f.unit ? `${f.unit.name} (${f.unit.code})` : w.unitUnknown;
    lines.push(chalk.underline(f.path) + chalk.dim(` — ${unit}`));
    for (const d of ds) {
      const where = [d.file, d.sheet, d.row, d.column].filter((x) => x !== null && x !== '').join(':');
      const sev = d.severity === 'error' ? chalk.red(w.error) : chalk.yellow(w.warning);
      lines.push(`  ${where}  ${sev}  ${d.message}  ${chalk.dim(d.rule)}`);
    }
    lines.push('');
  }
  const s = result.summary;
  if (result.annotated?.length) {
    lines.push(w.annotated(result.annotated.length));
    for (const path of result.annotated) lines.push(`  ${path}`);
    lines.push('');
  }
  if (s.files === 0) {
    // Nothing was read: never a tick, whatever the count of problems (zero) says.
    lines.push(chalk.red.bold(`✖ ${w.nothingRead(result.skipped.length)}`));
    return lines.join('\n') + '\n';
  }
  const text =
    s.errors + s.warnings === 0
      ? `✔ ${w.noProblems}: ${s.files} ${w.files}, ${s.tasks} ${w.tasks}`
      : `${s.errors ? '✖' : '⚠'} ${w.summary(s.files, s.tasks, s.errors, s.warnings)}`;
  lines.push(s.errors ? chalk.red.bold(text) : s.warnings ? chalk.yellow.bold(text) : chalk.green.bold(text));
  return lines.join('\n') + '\n';
}
