// `tiendo rollup`: the pipeline, then classification and counts over the unit tree, then the workbooks.
import { aggregate, type RollupResult } from './aggregate/index.js';
import { parsePeriod, periodOfAsOf } from './classify/index.js';
import { UsageError } from './errors.js';
import { today } from './normalise/values.js';
import { runPipeline, type Run, type RunOptions } from './pipeline.js';
import { writeSummaryWorkbooks } from './write/summary.js';

export interface RollupOptions extends Omit<RunOptions, 'unit'> {
  /** `2024-03`, `2024-Q3`, `2024-H1`, `2024`; default the month of the as-of date */
  period?: string;
  /** the folder the workbooks are written to */
  out: string;
}

export interface Rollup {
  result: RollupResult;
  run: Run;
}

export async function rollup(opts: RollupOptions): Promise<Rollup> {
  const explicit = opts.period ? parsePeriod(opts.period) : null;
  const asOf = opts.asOf ?? explicit?.end ?? today();
  const period = explicit ?? periodOfAsOf(asOf);
  const run = await runPipeline({ ...opts, asOf });
  if (!run.tree) throw new UsageError('Cần danh mục đơn vị units.csv để tổng hợp — đặt cạnh các tệp hoặc chỉ rõ bằng --units');
  const result = aggregate({ tree: run.tree, registers: run.registers, diagnostics: run.diagnostics, asOf, period });
  result.outputs = await writeSummaryWorkbooks(result, {
    outDir: opts.out,
    header: run.config.header,
    asOf,
    period,
    lang: run.lang,
    inputs: run.registers.map((r) => r.path),
  });
  return { result, run };
}

/** 0 clean, 1 errors found (the workbooks are still written), 2 nothing could be read. */
export function rollupExitCode(r: Rollup): 0 | 1 | 2 {
  if (!r.run.registers.some((g) => g.workbook !== null)) return 2;
  return r.result.summary.errors > 0 ? 1 : 0;
}
