// One pipeline, one direction: read → normalise → check. Classification, aggregation and writing
// build on what this returns. Prints nothing: progress goes through a callback.
import { loadConfig } from './config.js';
import { check, unknownRuleIds } from './check/index.js';
import { UsageError } from './errors.js';
import { readWorkbook } from './read/file.js';
import { displayPath, expandPaths, findBeside } from './read/paths.js';
import { readRoster, readUnits, unitTree } from './read/registers.js';
import { normaliseRegister } from './normalise/register.js';
import { UnitResolver } from './normalise/unit.js';
import { parseDate, today } from './normalise/values.js';
import type { RuleContext } from './rules/rule.js';
import type { Config, Diagnostic, IsoDate, Lang, Register, Roster, UnitTree } from './types.js';

export interface RunOptions {
  paths: string[];
  /** units.csv; default beside the inputs or in the working folder */
  units?: string;
  roster?: string;
  asOf?: IsoDate;
  /** `--unit CODE`: the unit of the single input file */
  unit?: string;
  /** a config object, or the path of a config file; default tiendo.config.json in cwd */
  config?: Config | string;
  lang?: Lang;
  cwd?: string;
  /** called after each file is read */
  onProgress?: (done: number, total: number, path: string) => void;
}

export interface Run {
  asOf: IsoDate;
  lang: Lang;
  config: Config;
  tree: UnitTree | null;
  roster: Roster | null;
  unitsPath: string | null;
  rosterPath: string | null;
  registers: Register[];
  diagnostics: Diagnostic[];
  /** files that were read but skipped as tiendo's own output */
  skipped: string[];
}

/** `--as-of`: a day as the readers accept it (yyyy-mm-dd or day first). */
export function parseAsOf(text: string): IsoDate {
  const d = parseDate({ text });
  if (d.kind !== 'date') throw new UsageError(`Ngày --as-of "${text}" không hợp lệ — ghi dạng yyyy-mm-dd hoặc dd/mm/yyyy`);
  return d.date;
}

export async function runPipeline(opts: RunOptions): Promise<Run> {
  const cwd = opts.cwd ?? process.cwd();
  const lang = opts.lang ?? 'vi';
  const config = typeof opts.config === 'object' ? opts.config : loadConfig(opts.config, cwd);
  const unknown = unknownRuleIds(config);
  if (unknown.length) throw new UsageError(`Tệp cấu hình nêu quy tắc không có: ${unknown.join(', ')} — xem "tiendo rules"`);
  if (!opts.paths.length) throw new UsageError('Chưa nêu tệp hoặc thư mục cần đọc');
  const asOf = opts.asOf ?? today();

  const files = expandPaths(opts.paths, cwd);
  if (!files.length) throw new UsageError(`Không có tệp đăng ký nào (.xlsx, .csv) trong ${opts.paths.join(', ')}`);
  if (opts.unit && files.length !== 1) throw new UsageError('--unit chỉ dùng khi kiểm tra một tệp');

  const unitsPath = opts.units ?? findBeside('units.csv', opts.paths, cwd);
  const rosterPath = opts.roster ?? findBeside('roster.csv', opts.paths, cwd);
  const tree = unitsPath ? unitTree(readUnits(unitsPath), asOf, unitsPath) : null;
  const roster = rosterPath ? readRoster(rosterPath) : null;
  if (opts.unit && tree && !tree.byCode.has(opts.unit)) {
    throw new UsageError(`--unit ${opts.unit}: không có đơn vị mã này trong ${unitsPath} vào ngày ${asOf}`);
  }
  const resolver = tree ? new UnitResolver(tree) : null;

  const registers: Register[] = [];
  const skipped: string[] = [];
  // One file at a time: a workbook's objects are let go before the next is read.
  for (const [i, path] of files.entries()) {
    const read = await readWorkbook(path, { maxFileBytes: config.maxFileBytes });
    if (!read.ok && read.skip) skipped.push(path);
    else {
      const register = normaliseRegister({ path, displayPath: displayPath(path, cwd), read, resolver, unitOption: opts.unit ?? null });
      if (!tree && opts.unit) register.tasks.forEach((t) => (t.unitCode = opts.unit!));
      registers.push(register);
    }
    opts.onProgress?.(i + 1, files.length, path);
  }
  const ctx: RuleContext = { asOf, units: tree, roster, thresholds: config.thresholds };
  const diagnostics = check(registers, ctx, config, lang);
  return { asOf, lang, config, tree, roster, unitsPath, rosterPath, registers, diagnostics, skipped };
}
