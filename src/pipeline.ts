// One pipeline, one direction: read → normalise → check. Classification, aggregation and writing
// build on what this returns. Prints nothing: progress goes through a callback.
import { loadConfig } from './config.js';
import { check, unknownRuleIds } from './check/index.js';
import { UsageError } from './errors.js';
import { convertToXlsx, findSoffice, legacyKind, type Conversion, type LegacyKind } from './read/convert.js';
import { displayPath, expandPaths, findBeside } from './read/paths.js';
import { readRoster, readUnits, unitTree } from './normalise/registers.js';
import type { SkipReason } from './read/file.js';
import { readRegister, sheetSizes, type ReadJob, type ReadSetup } from './read-register.js';
import { readWorkbook } from './read/file.js';
import { applyUpdates, normaliseProgressFile } from './normalise/progress.js';
import { parsePeriod, periodOfAsOf } from './classify/period.js';
import { RULES } from './rules/index.js';
import { UnitResolver } from './normalise/unit.js';
import { parseDate, today } from './normalise/values.js';
import type { RuleContext } from './rules/rule.js';
import type { Config, Diagnostic, IsoDate, Lang, Register, Roster, UnitTree } from './types.js';

export interface RunOptions {
  paths: string[];
  /** units.csv; default beside the inputs or in the working folder */
  units?: string;
  /** roster.csv; default as units.csv; null: none, not even beside the inputs (the previous registers of --compare) */
  roster?: string | null;
  asOf?: IsoDate;
  /** `--unit CODE`: the unit of the single input file */
  unit?: string;
  /** a config object, or the path of a config file; default tiendo.config.json in cwd */
  config?: Config | string;
  lang?: Lang;
  cwd?: string;
  /** called after each file is read */
  onProgress?: (done: number, total: number, path: string) => void;
  /**
   * `validate --annotate DIR`: the annotated copies. Once its tasks are read a register keeps only
   * each sheet's name and size (10,000 registers' cells would otherwise be held to the end); a copy
   * that needs the cells reads its file again, and only a file converted by `--convert` (whose
   * conversion is gone by then) keeps them.
   */
  annotate?: string;
  /** `--convert`: turn .xls and .ods into .xlsx with LibreOffice (soffice) before reading */
  convert?: boolean;
  /** `--progress F…`: files (or folders) of progress updates (SPEC §2.4) */
  progress?: string[];
  /** `--period` as typed (SPEC §5, and every form of §2.3); default the month of the as-of date. report-stale looks in it */
  period?: string;
}

export interface Skipped {
  /** as shown (relative to the working folder) */
  path: string;
  reason: string;
}

const SKIP_REASONS: Record<Lang, Record<SkipReason, string>> = {
  vi: { summary: 'bảng tổng hợp do tiendo ghi, không phải tệp đăng ký — không tính' },
  en: { summary: 'a summary workbook tiendo wrote, not a register — not counted' },
};

const SKIPPED_NOTICE: Record<Lang, (s: Skipped) => string> = {
  vi: (s) => `bỏ qua ${s.path}: ${s.reason}`,
  en: (s) => `skipped ${s.path}: ${s.reason}`,
};

export interface Run {
  asOf: IsoDate;
  lang: Lang;
  config: Config;
  tree: UnitTree | null;
  roster: Roster | null;
  unitsPath: string | null;
  rosterPath: string | null;
  registers: Register[];
  /** the `--progress` files read, each with its updates and problems (no tasks) */
  progressFiles: Register[];
  diagnostics: Diagnostic[];
  /** files that were read and are not registers (summary workbooks tiendo wrote), each with why, in `lang` */
  skipped: Skipped[];
  /** one-line notes for the user about the run itself (a converter missing), for stderr */
  notices: string[];
}

/** `--as-of`: a day as the readers accept it (yyyy-mm-dd or day first). */
export function parseAsOf(text: string, option = '--as-of'): IsoDate {
  const d = parseDate({ text });
  if (d.kind !== 'date')
    throw new UsageError(
      `Ngày ${option} "${text}" không hợp lệ — ghi dạng yyyy-mm-dd hoặc dd/mm/yyyy`,
      `The ${option} date "${text}" is not valid — write yyyy-mm-dd or dd/mm/yyyy`,
    );
  return d.date;
}

export async function runPipeline(opts: RunOptions): Promise<Run> {
  const cwd = opts.cwd ?? process.cwd();
  const lang = opts.lang ?? 'vi';
  const config = configOf(opts, cwd);
  if (!opts.paths.length) throw new UsageError('Chưa nêu tệp hoặc thư mục cần đọc', 'No file or folder to read was given');
  const explicit = opts.period ? parsePeriod(opts.period, lang) : null;
  const asOf = opts.asOf ?? explicit?.end ?? today();
  const { files, progressPaths } = inputFiles(opts, cwd);
  const { unitsPath, rosterPath, tree, roster } = readUnitsAndRoster(opts, asOf, cwd);
  const resolver = tree ? new UnitResolver(tree) : null;

  const setup: ReadSetup = { tree, unitOption: opts.unit ?? null, maxFileBytes: config.maxFileBytes, keepCells: !!opts.annotate };
  const notices: string[] = [];
  const conversion = opts.convert ? await convertLegacy(files, config.maxFileBytes, notices, cwd) : null;
  const jobs: ReadJob[] = files.map((path) => ({ path, displayPath: displayPath(path, cwd), readPath: conversion?.converted.get(path) }));
  const registers: Register[] = [];
  const skipped: Skipped[] = [];
  try {
    // One file at a time: a workbook's cells are let go before the next is read.
    for (const [i, job] of jobs.entries()) {
      const outcome = await readRegister(job, setup, resolver);
      if ('skipped' in outcome) {
        const s = { path: job.displayPath, reason: SKIP_REASONS[lang][outcome.skipped] };
        skipped.push(s);
        notices.push(SKIPPED_NOTICE[lang](s));
      } else registers.push(outcome);
      opts.onProgress?.(i + 1, files.length, job.path);
    }
  } finally {
    conversion?.dispose();
  }
  const progressFiles = await readProgressFiles(progressPaths, { tree, resolver, config, cwd });
  applyUpdates(registers, [...registers, ...progressFiles], asOf);

  const period = explicit ?? periodOfAsOf(asOf);
  const ctx: RuleContext = { asOf, units: tree, roster, thresholds: config.thresholds, period };
  const diagnostics = check(registers, ctx, config, lang, RULES, progressFiles);
  return { asOf, lang, config, tree, roster, unitsPath, rosterPath, registers, progressFiles, diagnostics, skipped, notices };
}

/** The run's configuration, every rule it names known. */
function configOf(opts: RunOptions, cwd: string): Config {
  const config = typeof opts.config === 'object' ? opts.config : loadConfig(opts.config, cwd);
  const unknown = unknownRuleIds(config);
  if (unknown.length)
    throw new UsageError(
      `Tệp cấu hình nêu quy tắc không có: ${unknown.join(', ')} — xem "tiendo rules"`,
      `The configuration names rules that do not exist: ${unknown.join(', ')} — see "tiendo rules"`,
    );
  return config;
}

/** The registers to read and the `--progress` files, each file in one list only. */
function inputFiles(opts: RunOptions, cwd: string): { files: string[]; progressPaths: string[] } {
  // A file given with --progress is not also a register, even when it sits among them.
  const progressPaths = opts.progress?.length ? expandPaths(opts.progress, cwd) : [];
  const files = expandPaths(opts.paths, cwd).filter((f) => !progressPaths.includes(f));
  if (!files.length)
    throw new UsageError(
      `Không có tệp đăng ký nào (.xlsx, .csv) trong ${opts.paths.join(', ')}`,
      `No register (.xlsx, .csv) in ${opts.paths.join(', ')}`,
    );
  if (opts.unit && files.length !== 1) throw new UsageError('--unit chỉ dùng khi kiểm tra một tệp', '--unit is for checking one file only');
  return { files, progressPaths };
}

/** units.csv and roster.csv, given or found beside the inputs; `--unit` checked against the tree. */
function readUnitsAndRoster(
  opts: RunOptions,
  asOf: IsoDate,
  cwd: string,
): { unitsPath: string | null; rosterPath: string | null; tree: UnitTree | null; roster: Roster | null } {
  const unitsPath = opts.units ?? findBeside('units.csv', opts.paths, cwd);
  const rosterPath = opts.roster === null ? null : (opts.roster ?? findBeside('roster.csv', opts.paths, cwd));
  const tree = unitsPath ? unitTree(readUnits(unitsPath), asOf, unitsPath) : null;
  const roster = rosterPath ? readRoster(rosterPath) : null;
  if (opts.unit && tree && !tree.byCode.has(opts.unit)) {
    throw new UsageError(
      `--unit ${opts.unit}: không có đơn vị mã này trong ${unitsPath} vào ngày ${asOf}`,
      `--unit ${opts.unit}: no unit of this code in ${unitsPath} on ${asOf}`,
    );
  }
  return { unitsPath, rosterPath, tree, roster };
}

/** `--progress`: each file read, its unit the tree's own; only each sheet's name and size kept. */
async function readProgressFiles(
  paths: string[],
  o: { tree: UnitTree | null; resolver: UnitResolver | null; config: Config; cwd: string },
): Promise<Register[]> {
  const progressFiles: Register[] = [];
  for (const path of paths) {
    const read = await readWorkbook(path, { maxFileBytes: o.config.maxFileBytes });
    const file = normaliseProgressFile({ path, displayPath: displayPath(path, o.cwd), read, resolver: o.resolver });
    if (file.unit && o.tree) file.unit = o.tree.byCode.get(file.unit.code) ?? file.unit;
    // read again for its annotated copy if that needs the cells (write/annotate.ts)
    if (file.workbook) file.workbook = sheetSizes(file.workbook);
    progressFiles.push(file);
  }
  return progressFiles;
}

/** `--convert`: the .xls and .ods among `files` converted by LibreOffice, or a notice why not. */
async function convertLegacy(files: string[], maxBytes: number, notices: string[], cwd: string): Promise<Conversion | null> {
  const legacy: { path: string; kind: LegacyKind }[] = [];
  for (const path of files) {
    const kind = legacyKind(path, maxBytes);
    if (kind) legacy.push({ path, kind });
  }
  if (!legacy.length) return null;
  const soffice = findSoffice();
  if (!soffice) {
    notices.push(
      `--convert: không tìm thấy LibreOffice (soffice) trên máy — ${legacy.length} tệp .xls/.ods không được chuyển đổi; cài LibreOffice hoặc lưu các tệp đó dưới dạng .xlsx`,
    );
    return null;
  }
  const conversion = await convertToXlsx(legacy, { soffice });
  for (const path of conversion.failed) notices.push(`--convert: LibreOffice không chuyển đổi được ${displayPath(path, cwd)}`);
  return conversion;
}
