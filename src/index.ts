// The library: options in, results out. Prints nothing; src/cli.ts does that.
import { runPipeline, type Run, type RunOptions } from './pipeline.js';
import { readCellsAgain } from './read-register.js';
import { displayPath } from './read/paths.js';
import type { FileSummary, ValidateResult } from './report/validate.js';
import type { Diagnostic, IsoDate, Register } from './types.js';

export { UsageError } from './errors.js';
export { RULES } from './rules/index.js';
export { parseAsOf, runPipeline } from './pipeline.js';
export type { Run, RunOptions } from './pipeline.js';
export type { ValidateResult, FileSummary } from './report/validate.js';
export type * from './types.js';

export interface ValidateOptions extends RunOptions {
  /** `--annotate DIR`: write an annotated copy of each input there */
  annotate?: string;
  /** `--compare PATHS…`: the previous registers; their dropped and regressed tasks are reported (SPEC §7.1) */
  compare?: string[];
  /** `--compare-as-of`: default the day before the period (`--period`, else the as-of date's month) starts */
  compareAsOf?: IsoDate;
}

export interface Validation {
  result: ValidateResult;
  run: Run;
  /** annotated copies written, when asked */
  annotated: string[];
}

export function summarise(run: Run): ValidateResult {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of run.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  // `--progress` files are listed with the registers: their problems count like any file's.
  const files: FileSummary[] = [...run.registers, ...run.progressFiles].map((r: Register) => {
    const ds = byFile.get(r.displayPath) ?? [];
    return {
      path: r.displayPath,
      unit: r.unit ? { code: r.unit.code, name: r.unit.name } : null,
      tasks: r.tasks.length,
      errors: ds.filter((d) => d.severity === 'error').length,
      warnings: ds.filter((d) => d.severity === 'warning').length,
    };
  });
  const tasks = files.reduce((n, f) => n + f.tasks, 0);
  // Counted from the diagnostics, not the files: task-dropped names a previous register (--compare).
  const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
  return {
    asOf: run.asOf,
    files,
    diagnostics: run.diagnostics,
    summary: { files: files.length, tasks, errors, warnings: run.diagnostics.length - errors },
    skipped: run.skipped,
    annotated: null,
  };
}

export async function validate(opts: ValidateOptions): Promise<Validation> {
  const run = await runPipeline(opts);
  if (opts.compare?.length) await compareForValidate(run, opts);
  const result = summarise(run);
  const annotated: string[] = [];
  if (opts.annotate) {
    const { annotateAll } = await import('./write/annotate-all.js');
    annotated.push(...(await annotateAll({ ...run, cellsAgain: readCellsAgain }, opts.annotate)));
    result.annotated = annotated.map((p) => displayPath(p, opts.cwd));
  }
  return { result, run, annotated };
}

/**
 * `validate --compare`: the rollup's comparison (src/rollup.ts) run over this validation, for the
 * diagnostics it finds (task-dropped, progress-regressed against last time). It needs the units
 * register: without one, a notice says the comparison was not made.
 */
async function compareForValidate(run: Run, opts: ValidateOptions): Promise<void> {
  if (!run.tree) {
    run.notices.push(
      run.lang === 'en' ? '--compare needs units.csv: no comparison made' : '--compare cần danh mục đơn vị units.csv: không so sánh',
    );
    return;
  }
  const [{ aggregate }, { compareWithPrevious }, { parsePeriod, periodOfAsOf }, { addDays }] = await Promise.all([
    import('./aggregate/index.js'),
    import('./rollup.js'),
    import('./classify/period.js'),
    import('./normalise/values.js'),
  ]);
  const period = opts.period ? parsePeriod(opts.period, run.lang) : periodOfAsOf(run.asOf);
  const now = aggregate({ tree: run.tree, registers: run.registers, diagnostics: run.diagnostics, asOf: run.asOf, period });
  const { diagnostics } = await compareWithPrevious(now, run, {
    paths: opts.compare!,
    asOf: opts.compareAsOf ?? addDays(period.start, -1),
    cwd: opts.cwd,
    convert: opts.convert,
  });
  const { sortDiagnostics } = await import('./check/index.js');
  run.diagnostics = sortDiagnostics([...run.diagnostics, ...diagnostics], [...run.registers, ...run.progressFiles]);
}

/** 0 clean, 1 errors (or more warnings than allowed), 2 nothing could be read. */
export function validateExitCode(result: ValidateResult, run: Run, maxWarnings?: number): 0 | 1 | 2 {
  const readable = run.registers.some((r) => r.workbook !== null);
  if (!readable) return 2;
  if (result.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && result.summary.warnings > maxWarnings) return 1;
  return 0;
}
