// How the command line tunes V8 for a run of a few seconds over thousands of small files. Set by
// the CLI (and the bench's read stage, to measure what the CLI runs), never by the library: they
// apply to the whole process. Measured in bench/HOTSPOTS.md.
import { setFlagsFromString } from 'node:v8';

/** How much bytecode a function runs before V8 considers optimising it (V8's default: 67,584). */
export const INTERRUPT_BUDGET = 300_000;

/** From this many registers a run is national in scale: its heap is kept close to what is in use. */
export const LARGE_RUN_FILES = 2000;

export function tuneV8(): void {
  // With V8's default budget the functions that read a register are optimised on the feedback of
  // the first few files, then thrown away and optimised again as other shapes of register arrive
  // (the table extractor four times): background compiling the second core could have spent on
  // compression, and slow code meanwhile. A budget four times larger waits for steadier feedback
  // (bench/HOTSPOTS.md). Read when a function's budget is next reset, so
  // setting it after the modules are loaded takes effect.
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * Once the number of registers is known. A national rollup keeps ~100,000 tasks alive while it
 * writes; by default V8 lets its heap grow to two to four times what survived the last full
 * collection before collecting again. Growing by a fifth keeps the peak near what is really in use,
 * for more time spent collecting: worth it only where the memory is at stake (bench/HOTSPOTS.md).
 * Read when V8 next sizes the heap, so setting it late takes effect.
 */
export function tuneHeapFor(files: number): void {
  if (files >= LARGE_RUN_FILES) setFlagsFromString('--heap-growing-percent=20');
}
