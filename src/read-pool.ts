// Reading registers side by side: a pool of worker threads, each reading and normalising one file
// at a time (readRegister below) and handing back the Register by structured clone. The memory
// bound of reading one file at a time becomes one file per worker: each worker gets at most two
// files (the one it reads and the next), and a worker that runs out of its own heap answers for
// that file alone — the run goes on with a new worker.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { registerUpdates } from './normalise/progress.js';
import { normaliseRegister } from './normalise/register.js';
import type { UnitResolver } from './normalise/unit.js';
import type { RawWorkbook, Register, UnitTree } from './types.js';
import { readWorkbook, type ReadResult, type SkipReason } from './read/file.js';

/** What every worker is told once. */
export interface ReadSetup {
  tree: UnitTree | null;
  /** `--unit CODE` */
  unitOption: string | null;
  maxFileBytes: number;
  /** keep every cell read (for annotated copies); otherwise only each sheet's name and size */
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

/** Reads and normalises one file: what the pipeline does per file, in a worker or not. */
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
  if (!setup.keepCells && register.workbook) {
    // The tasks carry everything the rules, counts and summaries need. What stays of the cells is
    // each sheet's name and size, against which the engine checks every diagnostic's location:
    // 10,000 registers' cells would otherwise be held to the end of the run.
    register.workbook = sheetSizes(register.workbook);
  }
  return register;
}

/** A workbook without its cells: each sheet's name and size. */
export function sheetSizes(workbook: RawWorkbook): RawWorkbook {
  return {
    kind: workbook.kind,
    sheets: workbook.sheets.map((s) => ({ name: s.name, rows: [], rowCount: s.rowCount, columnCount: s.columnCount })),
  };
}

/** The register of a file whose worker died reading it (out of memory): unreadable, the run goes on. */
function lostRegister(job: ReadJob, setup: ReadSetup, resolver: UnitResolver | null, reason: string): Register {
  return registerOf(
    job,
    { ok: false, kind: null, problem: { rule: 'file-unreadable', at: {}, messageId: 'default', data: { reason } } },
    setup,
    resolver,
  );
}

/**
 * How many worker threads read beside the main thread (which reads too): `requested`, else
 * TIENDO_WORKERS, else none below POOL_FROM_CORES cores or POOL_FROM files, one per core but the
 * main thread's (at most POOL_MAX) above. Measured on two cores (bench/RESULTS.md, bench/HOTSPOTS.md): a
 * worker made every size slower, 1,000 registers and 10,000 alike — two isolates compile the same
 * code again and their garbage collectors compete for the cores — so two cores read on one thread.
 */
export function poolSize(files: number, requested?: number, cores = availableParallelism()): number {
  const env = process.env.TIENDO_WORKERS;
  const wanted = requested ?? (env !== undefined && /^\d+$/.test(env) ? Number(env) : undefined);
  if (wanted !== undefined) return Math.max(0, Math.min(wanted, files - 1));
  if (files < POOL_FROM || cores < POOL_FROM_CORES) return 0;
  return Math.min(cores - 1, POOL_MAX);
}

/**
 * At most this many workers unless asked for more: each adds its own heap, and a rollup of 10,000
 * registers (the 512 MB bound of issue #7) peaked at 460–495 MB with 3 workers and 490–515 MB with 7
 * (measured on two cores, where only memory means anything).
 */
export const POOL_MAX = 3;

/**
 * Each worker's young generation, in MB. A worker holds one register at a time, and V8's default
 * young generation for it (several times this) was most of what a worker added to the peak: a
 * rollup of 10,000 registers with 7 workers (as on 8 cores, measured on 2) peaked at 670 MB, with
 * this 490–515 MB; with 3 workers 500 → 460–495 MB; no time lost at 1,000 registers (bench/HOTSPOTS.md).
 */
export const WORKER_YOUNG_MB = 4;

/** Below this many files reading stays on the main thread. */
export const POOL_FROM = 2000;
/**
 * Below this many cores too. Not measured above two cores (the machines here have two): with four
 * or more, workers have cores to themselves beside the main thread and its collector.
 */
export const POOL_FROM_CORES = 4;

/**
 * The worker's script. Run from the build it sits beside this file; run from the sources (tests
 * under vitest) it is the built one, so `npx tsc -p .` must have run.
 */
function workerUrl(): URL {
  const beside = new URL('./read-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../dist/read-worker.js', import.meta.url);
}

/**
 * The worker's script as source text, when there is no file of it: the single executable
 * (src/exe.ts) carries the bundled worker inside itself and starts it with `eval`.
 */
let bundledWorker: string | null = null;
export function useBundledWorker(source: string): void {
  bundledWorker = source;
}

export interface PoolOptions {
  workers: number;
  setup: ReadSetup;
  /** each worker's heap limit; a file that needs more is reported unreadable */
  heapMb?: number;
  /** called as each file is done (in the order they finish) */
  onDone?: (done: number, total: number, path: string) => void;
  /** resolver for the registers made on this side (a worker that died, or `inline`) */
  resolver: UnitResolver | null;
  /**
   * The calling thread reads too, between handling the workers' replies: on two cores one worker
   * and this thread keep both busy without a third thread competing for them.
   */
  inline?: boolean;
}

interface Slot {
  worker: Worker;
  /** indexes of the jobs sent to this worker, oldest (the one being read) first */
  jobs: number[];
}

/** Reads every job in worker threads; the outcomes come back in the order of `jobs`. */
export function readInPool(jobs: ReadJob[], opts: PoolOptions): Promise<ReadOutcome[]> {
  const results: ReadOutcome[] = new Array(jobs.length);
  const queue = jobs.map((_, i) => i);
  const url = bundledWorker ?? workerUrl();
  const heapMb = opts.heapMb ?? 1024;
  let done = 0;
  let failed = false;
  const slots = new Set<Slot>();

  return new Promise((resolve, reject) => {
    const finish = (err?: unknown) => {
      if (failed) return;
      if (err !== undefined) failed = true;
      else if (done < jobs.length) return;
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      if (err !== undefined) reject(err);
      else resolve(results);
    };

    const feed = (slot: Slot) => {
      // Two files per worker: the one it reads and the next, never more.
      while (slot.jobs.length < 2 && queue.length) {
        const i = queue.shift()!;
        slot.jobs.push(i);
        slot.worker.postMessage({ index: i, job: jobs[i] });
      }
    };

    const settle = (i: number, outcome: ReadOutcome) => {
      results[i] = outcome;
      done++;
      opts.onDone?.(done, jobs.length, jobs[i].path);
    };

    const spawn = () => {
      const worker = new Worker(url, {
        eval: bundledWorker !== null,
        workerData: opts.setup,
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
      const slot: Slot = { worker, jobs: [] };
      slots.add(slot);
      worker.on('message', (msg: { index: number; outcome?: ReadOutcome; error?: string }) => {
        slot.jobs = slot.jobs.filter((j) => j !== msg.index);
        if (msg.error !== undefined) {
          // A bug, not a bad file: the same as it would be without workers.
          const e = new Error(`reading ${jobs[msg.index].displayPath}: ${msg.error}`);
          finish(e);
          return;
        }
        settle(msg.index, msg.outcome!);
        feed(slot);
        finish();
      });
      const lost = (why: string) => {
        if (!slots.has(slot)) return;
        slots.delete(slot);
        const [current, ...rest] = slot.jobs;
        if (current !== undefined) settle(current, lostRegister(jobs[current], opts.setup, opts.resolver, why));
        queue.unshift(...rest);
        if (queue.length && !failed) feed(spawn());
        finish();
      };
      worker.on('error', (e: NodeJS.ErrnoException) => {
        lost(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `cần hơn ${heapMb} MB bộ nhớ để đọc` : `lỗi khi đọc: ${e.message}`);
      });
      worker.on('exit', () => lost('tiến trình đọc tệp dừng bất thường'));
      return slot;
    };

    if (!jobs.length) {
      resolve(results);
      return;
    }
    for (let n = 0; n < Math.min(opts.workers, jobs.length); n++) feed(spawn());
    if (opts.inline || opts.workers < 1) void readHere();

    /** This thread's share: one file at a time from the same queue, yielding to the workers' replies. */
    async function readHere(): Promise<void> {
      while (queue.length && !failed) {
        const i = queue.shift()!;
        try {
          settle(i, await readRegister(jobs[i], opts.setup, opts.resolver));
        } catch (e) {
          finish(e);
          return;
        }
        finish();
        await new Promise((r) => setImmediate(r));
      }
    }
  });
}
