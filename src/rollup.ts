// `tiendo rollup`: the pipeline, then classification and counts over the unit tree, then the workbooks.
import { compareRollups, type Comparison } from './aggregate/compare.js';
import { aggregate, type RollupResult } from './aggregate/index.js';
import { ownerCounts } from './aggregate/owners.js';
import { check, sortDiagnostics } from './check/index.js';
import progressRegressed, { checkAgainstPrevious } from './rules/progress-regressed.js';
import taskDropped from './rules/task-dropped.js';
import type { RuleContext } from './rules/rule.js';
import { parsePeriod, periodOfAsOf } from './classify/index.js';
import { UsageError } from './errors.js';
import { fold } from './normalise/text.js';
import { addDays, displayDate, today } from './normalise/values.js';
import { runPipeline, type Run, type RunOptions } from './pipeline.js';
import { displayPath, findBeside } from './read/paths.js';
import { readUnits, unitTree } from './normalise/registers.js';
import type { Diagnostic, IsoDate, Lang, Unit } from './types.js';
import { sofficeForPdf, writePdfs, type PdfProgress, type PdfResult } from './pdf.js';
import { writeSummaryWorkbooks, type SummaryOptions } from './write/summary.js';

export interface RollupOptions extends Omit<RunOptions, 'unit'> {
  /** `2024-03`, `2024-Q3`, `2024-H1`, `2024`, or as a deadline names a period (`Quý III/2024`, `T9/2024`,
   * `6 tháng đầu năm 2024`, `Năm 2024`; classify/period.ts); default the month of the as-of date */
  period?: string;
  /** the folder the workbooks are written to */
  out: string;
  /** `--compare PATHS…`: the previous registers (last month's folder), read with the same units, roster and config */
  compare?: string[];
  /** `--compare-as-of`: the day the previous registers are classified as of; default the day before the period starts */
  compareAsOf?: IsoDate;
  /**
   * `rollup --unit CODE`: roll up that unit and everything under it only (a district clerk's rollup from the
   * province's units.csv). It must be in force on the as-of date. Registers of other units are read and
   * checked but not counted, and each is named in `run.notices`.
   */
  scope?: string;
  /**
   * `--pdf`: beside each workbook, `<code>-<slug>.pdf` of `Tổng hợp`, `Theo lĩnh vực` and `Quá hạn`, printed
   * by LibreOffice once every workbook is written (src/pdf.ts); without LibreOffice, a usage error before
   * anything is read
   */
  pdf?: boolean;
  /** after each PDF, in the order they finish */
  onPdf?: (p: PdfProgress) => void;
}

export interface Rollup {
  result: RollupResult;
  run: Run;
  /** with `pdf`: the PDFs written, and the workbooks LibreOffice made none of */
  pdfs?: PdfResult;
}

export async function rollup(opts: RollupOptions): Promise<Rollup> {
  const explicit = opts.period ? parsePeriod(opts.period, opts.lang) : null;
  const asOf = opts.asOf ?? explicit?.end ?? today();
  const period = explicit ?? periodOfAsOf(asOf);
  const lang = opts.lang ?? 'vi';
  // LibreOffice and the scope are checked before anything is read: a province's registers take a while
  const soffice = opts.pdf ? sofficeForPdf(lang) : null;
  const scoped = opts.scope !== undefined ? scopeUnit(opts, asOf, lang) : null;
  const run = await runPipeline({ ...opts, asOf, units: scoped?.unitsPath ?? opts.units });
  if (!run.tree) throw new UsageError(NO_UNITS[lang]);
  const result = aggregate({
    tree: run.tree,
    registers: run.registers,
    diagnostics: run.diagnostics,
    asOf,
    period,
    scope: scoped?.unit.code,
  });
  if (scoped) run.notices.push(...scopeNotices(result, scoped.unit, lang));
  result.skipped = run.skipped;
  result.owners = ownerCounts(result.tasks, run.roster, asOf, period);
  if (opts.compare?.length) await addComparison(result, run, opts.compare, opts, scoped?.unit.code);
  const summary: SummaryOptions = {
    outDir: opts.out,
    header: run.config.header,
    asOf,
    period,
    lang: run.lang,
    inputs: [...run.registers, ...run.progressFiles].map((r) => r.path),
  };
  result.outputs = await writeSummaryWorkbooks(result, summary);
  if (!soffice) return { result, run };
  const pdfs = await writePdfs(result, summary, result.outputs, { soffice, onProgress: opts.onPdf });
  for (const path of pdfs.failed) run.notices.push(PDF_FAILED[lang](displayPath(path, opts.cwd ?? process.cwd())));
  result.pdfs = pdfs.written;
  return { result, run, pdfs };
}

/** `--compare`: the comparison into the result, and what it found among the result's diagnostics and in its summary. */
async function addComparison(
  result: RollupResult,
  run: Run,
  paths: string[],
  opts: RollupOptions,
  scope: string | undefined,
): Promise<void> {
  const { comparison, diagnostics } = await compareWithPrevious(result, run, {
    paths,
    asOf: opts.compareAsOf ?? addDays(result.period.start, -1),
    scope,
    cwd: opts.cwd,
    convert: opts.convert,
  });
  result.comparison = comparison;
  result.diagnostics = sortDiagnostics([...result.diagnostics, ...diagnostics], [...run.registers, ...run.progressFiles]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  result.summary.errors += errors;
  result.summary.warnings += diagnostics.length - errors;
}

const PDF_FAILED: Record<Lang, (file: string) => string> = {
  vi: (file) =>
    `--pdf: LibreOffice không in được ${file} ra PDF — mở tệp bằng Excel hoặc LibreOffice và in các trang Tổng hợp, Theo lĩnh vực, Quá hạn`,
  en: (file) =>
    `--pdf: LibreOffice made no PDF of ${file} — open it in Excel or LibreOffice and print the sheets Tổng hợp, Theo lĩnh vực, Quá hạn`,
};

/**
 * `--compare`: the previous registers read with this run's units, roster and config, classified as
 * of `asOf`, and compared with this rollup (aggregate/compare.ts). Their own diagnostics are not
 * this run's: a previous register that cannot be read or placed is named in a notice and leaves its
 * unit without a comparison. What the comparison finds — tasks dropped while open, progress lower
 * than last time — is checked by the rules task-dropped and progress-regressed and added to the
 * rollup's diagnostics.
 */
export async function compareWithPrevious(
  result: RollupResult,
  run: Run,
  o: { paths: string[]; asOf: IsoDate; scope?: string; cwd?: string; convert?: boolean },
): Promise<{ comparison: Comparison; diagnostics: Diagnostic[] }> {
  const lang = run.lang;
  const previous = await runPipeline({
    paths: o.paths,
    units: run.unitsPath ?? undefined,
    roster: run.rosterPath,
    config: run.config,
    asOf: o.asOf,
    lang,
    cwd: o.cwd,
    convert: o.convert,
  });
  const placed = new Set(['file-unreadable', 'header-missing', 'unit-unknown', 'unit-duplicate']);
  const unplaced = [...new Set(previous.diagnostics.filter((d) => placed.has(d.rule) && d.row === null).map((d) => d.file))];
  for (const file of unplaced) run.notices.push(PREVIOUS_UNREADABLE[lang](file));
  run.notices.push(...previous.notices.map((n) => `--compare: ${n}`));
  const then = aggregate({
    tree: previous.tree!,
    registers: previous.registers,
    diagnostics: previous.diagnostics,
    asOf: o.asOf,
    period: periodOfAsOf(o.asOf),
    scope: o.scope !== undefined && previous.tree!.byCode.has(o.scope) ? o.scope : undefined,
  });
  // A unit whose previous register could not be read or placed has no comparison of its own.
  const uncompared = new Set(then.files.filter((f) => f.unit !== null && unplaced.includes(f.displayPath)).map((f) => f.unit!));
  const comparison = compareRollups(result, then, uncompared);

  const ctx: RuleContext = {
    asOf: result.asOf,
    units: run.tree,
    roster: run.roster,
    thresholds: run.config.thresholds,
    period: result.period,
  };
  for (const { then: t, nowFiles } of comparison.droppedOpen) t.task.droppedFrom = nowFiles.join(', ');
  for (const { now, then: t } of comparison.regressed) {
    if (t.task.progress.kind === 'number') now.task.previousProgress = { value: t.task.progress.value, asOf: o.asOf };
  }
  const found = [
    ...check(run.registers, ctx, run.config, lang, [{ ...progressRegressed, check: checkAgainstPrevious }], run.progressFiles),
    ...check(previous.registers, ctx, run.config, lang, [taskDropped]),
  ];
  return { comparison, diagnostics: found };
}

const PREVIOUS_UNREADABLE: Record<Lang, (file: string) => string> = {
  vi: (file) => `--compare: tệp kỳ trước ${file} không đọc được hoặc không xác định được đơn vị — đơn vị của nó không có số liệu so sánh`,
  en: (file) => `--compare: the previous register ${file} cannot be read or placed — its unit has no comparison`,
};

/** 0 clean, 1 errors found (the workbooks are still written), 2 nothing could be read (within the scope). */
export function rollupExitCode(r: Rollup): 0 | 1 | 2 {
  if (!r.result.registers.some((g) => g.workbook !== null)) return 2;
  return r.result.summary.errors > 0 ? 1 : 0;
}

const NO_UNITS: Record<Lang, string> = {
  vi: 'Cần danh mục đơn vị units.csv để tổng hợp — đặt cạnh các tệp hoặc chỉ rõ bằng --units',
  en: 'A units register units.csv is needed to roll up — put it beside the files or name it with --units',
};

/**
 * `--unit CODE`: the unit in force on the as-of date in the units.csv the run will use (the one given, else
 * the one beside the inputs or in the working folder), or a usage error saying why not — with the units
 * meant when the code looks like one of theirs (leading zeros dropped) or is a unit's name.
 */
function scopeUnit(opts: RollupOptions, asOf: IsoDate, lang: Lang): { unit: Unit; unitsPath: string } {
  const cwd = opts.cwd ?? process.cwd();
  const unitsPath = opts.units ?? findBeside('units.csv', opts.paths, cwd);
  if (!unitsPath) throw new UsageError(NO_UNITS[lang]);
  const all = readUnits(unitsPath);
  const tree = unitTree(all, asOf, unitsPath);
  const code = opts.scope!.trim();
  const unit = tree.byCode.get(code);
  if (unit) return { unit, unitsPath };
  const shown = displayPath(unitsPath, cwd);
  const day = displayDate(asOf);
  const row = all.find((u) => u.code === code);
  if (row) {
    throw new UsageError(
      lang === 'en'
        ? `--unit ${code}: ${row.name} is not in force on ${day} in ${shown} (columns from, to)`
        : `--unit ${code}: ${row.name} không có hiệu lực vào ngày ${day} theo ${shown} (cột from, to)`,
    );
  }
  const f = fold(code);
  const bare = code.replace(/^0+/, '');
  const like = tree.units.filter((u) => {
    const name = fold(u.name);
    return (bare !== '' && u.code.replace(/^0+/, '') === bare) || (f !== '' && (name === f || name.endsWith(` ${f}`)));
  });
  const hint = like.length > 0 && like.length <= 3 ? like.map((u) => `${u.code} (${u.name})`).join(', ') : null;
  throw new UsageError(
    lang === 'en'
      ? `--unit ${code}: no unit has this code in ${shown} on ${day}${hint ? ` — did you mean ${hint}?` : ''}`
      : `--unit ${code}: không có đơn vị mã này trong ${shown} vào ngày ${day}${hint ? ` — có phải ${hint}?` : ''}`,
  );
}

/**
 * What a scoped rollup tells the clerk on stderr: each register read that belongs to a unit outside the scope
 * and is not counted (nothing leaves the totals unsaid), and that a scope with no units under it gets no
 * summary workbook (SPEC §5: one per unit that has units under it; its own register is checked by validate).
 */
function scopeNotices(result: RollupResult, scope: Unit, lang: Lang): string[] {
  const lines = result.outOfScope.map((r) =>
    lang === 'en'
      ? `${r.displayPath} belongs to ${r.unit.name} (${r.unit.code}), outside --unit ${scope.code} (${scope.name}): not counted`
      : `tệp ${r.displayPath} thuộc ${r.unit.name} (${r.unit.code}), ngoài phạm vi --unit ${scope.code} (${scope.name}): không tính`,
  );
  if (result.byCode.get(scope.code)!.children.length === 0) {
    lines.push(
      lang === 'en'
        ? `--unit ${scope.code}: ${scope.name} has no units under it — no summary workbook is written; check its register with "tiendo validate"`
        : `--unit ${scope.code}: ${scope.name} không có đơn vị trực thuộc — không ghi bảng tổng hợp; kiểm tra sổ đăng ký của đơn vị bằng "tiendo validate"`,
    );
  }
  return lines;
}
