// The annotated copy a unit gets back (SPEC §5 `--annotate DIR`): its register as it was, each cell
// with a diagnostic filled and given a note, behind a first sheet `Kết quả kiểm tra` listing every
// diagnostic with a link to its cell. The input itself is never opened for writing.
// Four renderings, one result: an .xlsx register of ordinary size is patched at zip level, its
// own parts (styles, merges, drawings) copied as they are (./annotate-patch.ts); a CSV (which has no
// formatting to keep) is written from its cells in memory at once (./annotate-csv.ts); a register of
// more than IN_MEMORY_MAX_CELLS cells by tiendo's streaming writer from the cells as read
// (./annotate-stream.ts), within memory for a 100,000-row register; exceljs (./annotate-exceljs.ts) makes the copy of
// a package too odd to patch, loaded only then (it is slow to load and holds every cell as objects).
import { writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { atomically, inputGuard } from './atomic.js';
import { IN_MEMORY_MAX_CELLS, cellCount, type AnnotateInput } from './annotate-common.js';
import { csvCopy } from './annotate-csv.js';
import { writePatchedCopy } from './annotate-patch.js';
import { writeStreamedCopy } from './annotate-stream.js';
import { safeFileName } from './filename.js';
import type { RawWorkbook } from '../types.js';

export {
  ERROR_FILL,
  IN_MEMORY_MAX_CELLS,
  RESULT_COLUMNS,
  RESULT_SHEET,
  WARNING_FILL,
  noteLine,
  type AnnotateInput,
} from './annotate-common.js';

/** Writes `outDir/<name>.checked.xlsx` and returns its path. */
export async function writeAnnotated(
  input: AnnotateInput,
  opts: {
    inMemoryMaxCells?: number;
    /** the copy through exceljs, whatever the input (tests compare the renderings) */ viaExceljs?: boolean;
  } = {},
): Promise<string> {
  const { register } = input;
  const name = input.name ?? basename(register.path, extname(register.path));
  const target = join(input.outDir, safeFileName(`${name}.checked.xlsx`));
  (input.notInput ?? inputGuard(input.inputs))(target);
  inputGuard([register.path])(target);
  const cells = cellCount(register.workbook);
  const large = cells > (opts.inMemoryMaxCells ?? IN_MEMORY_MAX_CELLS);
  // A CSV has no formatting of its own to keep: our writer makes its copy, as it does a large register's.
  if (register.workbook && (large || (register.kind === 'csv' && !opts.viaExceljs))) {
    const raw = await cellsOf(input);
    if (raw && large) {
      await atomically(target, (tmp) => writeStreamedCopy(tmp, input, raw, cells, large), input.folder);
      return target;
    }
    if (raw) {
      const bytes = csvCopy(input, raw);
      await atomically(target, (tmp) => Promise.resolve(writeFileSync(tmp, bytes)), input.folder);
      return target;
    }
  }

  // An .xlsx register is copied at zip level, its own parts kept as they are; exceljs only when the package is
  // too odd to patch. Only a package tiendo's reader read: one it refused (a hostile part) is never copied on.
  if (register.kind === 'xlsx' && register.workbook && !opts.viaExceljs && (await writePatchedCopy(input, target))) return target;
  const { writeExceljsCopy } = await import('./annotate-exceljs.js');
  await writeExceljsCopy({ ...input, register: { ...register, workbook: await cellsOf(input) } }, target);
  return target;
}

/** The register's cells: as read, or read again when they were let go after reading (null when they cannot be). */
async function cellsOf(input: AnnotateInput): Promise<RawWorkbook | null> {
  const kept = input.register.workbook;
  if (!kept || kept.cellsLetGo === undefined) return kept;
  return input.cellsAgain ? input.cellsAgain(input.register) : null;
}
