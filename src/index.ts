// The library: options in, results out. Prints nothing; src/cli.ts does that.
import { runPipeline, type Run, type RunOptions } from './pipeline.js';
import { displayPath } from './read/paths.js';
import type { FileSummary, ValidateResult } from './report/validate.js';
import type { Diagnostic, Register } from './types.js';

export { UsageError } from './errors.js';
export { RULES } from './rules/index.js';
export { parseAsOf, runPipeline } from './pipeline.js';
export type { Run, RunOptions } from './pipeline.js';
export type { ValidateResult, FileSummary } from './report/validate.js';
export type * from './types.js';

export interface ValidateOptions extends RunOptions {
  /** `--annotate DIR`: write an annotated copy of each input there */
  annotate?: string;
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
  const sum = (k: 'tasks' | 'errors' | 'warnings') => files.reduce((n, f) => n + f[k], 0);
  return {
    asOf: run.asOf,
    files,
    diagnostics: run.diagnostics,
    summary: { files: files.length, tasks: sum('tasks'), errors: sum('errors'), warnings: sum('warnings') },
    skipped: run.skipped,
    annotated: null,
  };
}

export async function validate(opts: ValidateOptions): Promise<Validation> {
  const run = await runPipeline(opts);
  const result = summarise(run);
  const annotated: string[] = [];
  if (opts.annotate) {
    const { annotateAll } = await import('./write/annotate-all.js');
    annotated.push(...(await annotateAll(run, opts.annotate)));
    result.annotated = annotated.map((p) => displayPath(p, opts.cwd));
  }
  return { result, run, annotated };
}

/** 0 clean, 1 errors (or more warnings than allowed), 2 nothing could be read. */
export function validateExitCode(result: ValidateResult, run: Run, maxWarnings?: number): 0 | 1 | 2 {
  const readable = run.registers.some((r) => r.workbook !== null);
  if (!readable) return 2;
  if (result.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && result.summary.warnings > maxWarnings) return 1;
  return 0;
}
