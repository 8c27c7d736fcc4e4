// Reading one file: its bytes read (read/), its table normalised into a Register (normalise/),
// its own progress updates taken, and its cells let go unless annotated copies need them. The
// pipeline reads the files one at a time, so a workbook's cells are released before the next is read.
import { registerUpdates } from './normalise/progress.js';
import { normaliseRegister } from './normalise/register.js';
import type { UnitResolver } from './normalise/unit.js';
import type { RawWorkbook, Register, UnitTree } from './types.js';
import { readWorkbook, type ReadResult, type SkipReason } from './read/file.js';

/** What reading each file needs to know of the run. */
export interface ReadSetup {
  tree: UnitTree | null;
  /** `--unit CODE` */
  unitOption: string | null;
  maxFileBytes: number;
  /**
   * keep every cell read of a file that cannot be read again as it was (a conversion, gone once the
   * files are read) for its annotated copy; otherwise only each sheet's name and size
   */
  keepCells: boolean;
}

export interface ReadJob {
  /** the input as named: diagnostics, unit from the file name, annotated copies */
  path: string;
  displayPath: string;
  /** where the bytes are: the input itself, or its conversion to .xlsx (--convert) */
  readPath?: string;
}

/** A register, or why the file is not one (a summary workbook tiendo wrote: skipped, and named). */
export type ReadOutcome = Register | { skipped: SkipReason };

/** Reads and normalises one file: what the pipeline does per file. */
export async function readRegister(job: ReadJob, setup: ReadSetup, resolver: UnitResolver | null): Promise<ReadOutcome> {
  const read = await readWorkbook(job.readPath ?? job.path, { maxFileBytes: setup.maxFileBytes });
  if (!read.ok && read.skip) return { skipped: read.reason };
  return registerOf(job, read, setup, resolver);
}

function registerOf(job: ReadJob, read: ReadResult, setup: ReadSetup, resolver: UnitResolver | null): Register {
  const register = normaliseRegister({ path: job.path, displayPath: job.displayPath, read, resolver, unitOption: setup.unitOption });
  if (!setup.tree && setup.unitOption) register.tasks.forEach((t) => (t.unitCode = setup.unitOption));
  // The register's own progress updates (a `Tiến độ` sheet), read before its cells are let go.
  register.updates = registerUpdates(register);
  if (register.workbook && !(setup.keepCells && job.readPath)) {
    // The tasks carry everything the rules, counts and summaries need. What stays of the cells is
    // each sheet's name and size, against which the engine checks every diagnostic's location:
    // 10,000 registers' cells would otherwise be held to the end of the run. An annotated copy that
    // needs the cells reads the file again (write/annotate.ts); only a converted file's are kept.
    register.workbook = sheetSizes(register.workbook);
  }
  return register;
}

/** A workbook without its cells: each sheet's name and size. */
export function sheetSizes(workbook: RawWorkbook): RawWorkbook {
  if (workbook.cellsLetGo !== undefined) return workbook;
  let cells = 0;
  for (const sheet of workbook.sheets) for (const row of sheet.rows) for (const c of row.cells) if (c) cells++;
  return {
    kind: workbook.kind,
    sheets: workbook.sheets.map((s) => ({ name: s.name, rows: [], rowCount: s.rowCount, columnCount: s.columnCount })),
    cellsLetGo: cells,
  };
}

/**
 * The cells of a register whose cells were let go after reading, read again from its file for its
 * annotated copy (within no smaller a limit than the run's: the file was read once already); null when
 * the file can no longer be read.
 */
export async function readCellsAgain(register: Register): Promise<RawWorkbook | null> {
  const read = await readWorkbook(register.path, { maxFileBytes: Number.MAX_SAFE_INTEGER });
  return read.ok ? read.workbook : null;
}
