// Outputs are written to a temporary name beside the target and renamed, so a reader never
// sees half a workbook, and an input is never overwritten.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve, basename, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { UsageError } from '../errors.js';

/** Refuses to write over any of `inputs` (absolute or relative paths). */
export function assertNotInput(target: string, inputs: Iterable<string>): void {
  assertNotInputs([target], inputs);
}

/** The same for many targets at once: each input path is resolved once. */
export function assertNotInputs(targets: readonly string[], inputs: Iterable<string>): void {
  const wanted = new Set(targets.map((t) => resolve(t)));
  for (const i of inputs) {
    if (wanted.has(resolve(i))) throw new UsageError(`Không ghi đè tệp đầu vào ${i} — chọn thư mục khác để ghi kết quả`);
  }
}

/** The mark in a workbook's properties that says tiendo wrote it: such files are skipped when read back. */
export const OUTPUT_MARK = 'tiendo-output';

export function markOutput(wb: ExcelJS.Workbook): void {
  wb.creator = 'tiendo';
  wb.keywords = OUTPUT_MARK;
}

/**
 * Runs `write` on a temporary file in the target's folder, then renames it to `target`: a reader
 * never sees half a workbook. The temporary file is removed if anything fails.
 */
export async function atomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  // Synchronous on purpose: the asynchronous calls would queue behind the compression of the
  // workbook before on Node's thread pool (src/write/zip-writer.ts).
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes `wb` to `target` atomically.
 * Annotated copies are marked as tiendo's output; a template is not (it comes back filled in).
 */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, target: string, opts: { mark?: boolean } = {}): Promise<void> {
  if (opts.mark ?? true) markOutput(wb);
  await atomically(target, (tmp) => wb.xlsx.writeFile(tmp));
}
