// `tiendo template`: a register ready to fill for one unit.
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { findBeside } from './read/paths.js';
import { readRoster, readUnits, unitTree } from './normalise/registers.js';
import { today } from './normalise/values.js';
import type { IsoDate } from './types.js';
import { checkOutputFile } from './write/atomic.js';

export interface TemplateOptions {
  unit: string;
  out: string;
  units?: string;
  roster?: string;
  year?: number;
  asOf?: IsoDate;
  cwd?: string;
  /** `--force`: overwrite an existing file (never done without it: it may be a filled register) */
  force?: boolean;
}

/** A register's year: four digits, 1900–2100 (`--year 25` would title it "NĂM 25"). */
export function checkYear(year: number | string): number {
  const s = String(year).trim();
  const n = Number(s);
  if (!/^\d{4}$/.test(s) || n < 1900 || n > 2100) {
    throw new UsageError(
      `--year phải là năm bốn chữ số (1900–2100), ví dụ --year 2025, không phải "${s}"`,
      `--year must be a four-digit year (1900–2100), e.g. --year 2025, not "${s}"`,
    );
  }
  return n;
}

export async function template(opts: TemplateOptions): Promise<string> {
  const cwd = opts.cwd ?? process.cwd();
  const asOf = opts.asOf ?? today();
  const year = opts.year === undefined ? undefined : checkYear(opts.year);
  if (!opts.out.toLowerCase().endsWith('.xlsx')) {
    throw new UsageError(`--out ${opts.out}: tệp mẫu phải có đuôi .xlsx`, `--out ${opts.out}: the template must be an .xlsx file`);
  }
  // Before anything is read: an existing file (perhaps a filled register) is never overwritten
  // without --force, and the folder must be writable.
  const out = checkOutputFile(resolve(cwd, opts.out), { force: opts.force, option: '--out' });
  const unitsPath = opts.units ?? findBeside('units.csv', [opts.out], cwd);
  if (!unitsPath) throw new UsageError('Cần danh mục đơn vị units.csv — chỉ rõ bằng --units', 'units.csv is needed — give it with --units');
  const tree = unitTree(readUnits(unitsPath), asOf, unitsPath);
  const unit = tree.byCode.get(opts.unit);
  if (!unit)
    throw new UsageError(
      `Không có đơn vị mã ${opts.unit} trong ${unitsPath} vào ngày ${asOf}`,
      `No unit ${opts.unit} in ${unitsPath} on ${asOf}`,
    );
  // As validate finds it: beside units.csv (or in a folder above it), beside the output, in the working folder.
  const rosterPath = opts.roster ?? findBeside('roster.csv', [unitsPath, opts.out], cwd);
  const roster = rosterPath ? readRoster(rosterPath) : null;
  // Loaded here, not at the top: exceljs is slow to load, and the CLI imports this module.
  const { writeTemplate } = await import('./write/template.js');
  await writeTemplate({ unit, tree, roster, year: year ?? Number(asOf.slice(0, 4)), out, asOf });
  return out;
}
