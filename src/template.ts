// `tiendo template`: a register ready to fill for one unit.
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { findBeside } from './read/paths.js';
import { readRoster, readUnits, unitTree } from './read/registers.js';
import { today } from './normalise/values.js';
import type { IsoDate } from './types.js';
import { writeTemplate } from './write/template.js';

export interface TemplateOptions {
  unit: string;
  out: string;
  units?: string;
  roster?: string;
  year?: number;
  asOf?: IsoDate;
  cwd?: string;
}

export async function template(opts: TemplateOptions): Promise<string> {
  const cwd = opts.cwd ?? process.cwd();
  const asOf = opts.asOf ?? today();
  const unitsPath = opts.units ?? findBeside('units.csv', [opts.out], cwd);
  if (!unitsPath) throw new UsageError('Cần danh mục đơn vị units.csv — chỉ rõ bằng --units');
  const tree = unitTree(readUnits(unitsPath), asOf, unitsPath);
  const unit = tree.byCode.get(opts.unit);
  if (!unit) throw new UsageError(`Không có đơn vị mã ${opts.unit} trong ${unitsPath} vào ngày ${asOf}`);
  const rosterPath = opts.roster ?? findBeside('roster.csv', [opts.out], cwd);
  const roster = rosterPath ? readRoster(rosterPath) : null;
  const out = resolve(cwd, opts.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out ${opts.out}: tệp mẫu phải có đuôi .xlsx`);
  await writeTemplate({ unit, tree, roster, year: opts.year ?? Number(asOf.slice(0, 4)), out, asOf });
  return out;
}
