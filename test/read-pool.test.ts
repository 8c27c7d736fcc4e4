// The read pool: worker threads give the same registers as reading one file at a time, in input
// order; a worker that runs out of memory costs only its file; cells are dropped unless asked for.
// The workers run the build (dist/read-worker.js): `npx tsc -p .` first.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../src/pipeline.js';
import { UnitResolver } from '../src/normalise/unit.js';
import { poolSize, readInPool, readRegister, type ReadJob, type ReadOutcome, type ReadSetup } from '../src/read-pool.js';
import type { Register } from '../src/types.js';
import { readUnits, unitTree } from '../src/normalise/registers.js';
import { bigRegister } from '../scripts/make-hostile.js';

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const AS_OF = '2024-09-30';
const tree = unitTree(readUnits(join(HOSTILE, 'units.csv')), AS_OF, join(HOSTILE, 'units.csv'));
const resolver = new UnitResolver(tree);
const files = readdirSync(HOSTILE)
  .filter((f) => /\.(xlsx|xls|ods|csv)$/.test(f) && f !== 'units.csv')
  .sort();
const jobs: ReadJob[] = files.map((f) => ({ path: join(HOSTILE, f), displayPath: f }));

/** The register read, where the test expects one (not a skipped summary). */
function reg(outcome: ReadOutcome | undefined): Register | undefined {
  if (outcome && 'skipped' in outcome) throw new Error(`skipped: ${outcome.skipped}`);
  return outcome;
}

describe('reading in worker threads', () => {
  const setup: ReadSetup = { tree, unitOption: null, maxFileBytes: 200 * 1024 * 1024, keepCells: true };

  it('gives the registers one-at-a-time reading gives, in input order', async () => {
    const sequential = [];
    for (const job of jobs) sequential.push(await readRegister(job, setup, resolver));
    const pooled = await readInPool(jobs, { workers: 2, setup, resolver });
    expect(pooled.map((r) => reg(r)?.displayPath)).toEqual(files);
    expect(pooled).toEqual(sequential);
  });

  it('reports progress once per file', async () => {
    const seen: number[] = [];
    await readInPool(jobs, {
      workers: 3,
      setup,
      resolver,
      onDone: (done, total) => {
        seen.push(done);
        expect(total).toBe(jobs.length);
      },
    });
    expect(seen).toEqual(jobs.map((_, i) => i + 1));
  });

  it('keeps only sheet names and sizes when the cells are not needed', async () => {
    const [r] = await readInPool([{ path: join(HOSTILE, 'good-yen-son.xlsx'), displayPath: 'good-yen-son.xlsx' }], {
      workers: 1,
      setup: { ...setup, keepCells: false },
      resolver,
    });
    expect(reg(r)?.tasks.length).toBe(3);
    expect(reg(r)?.workbook?.sheets).toEqual([{ name: 'Danh mục', rows: [], rowCount: 8, columnCount: 9 }]);
  });

  it('answers for a file whose worker runs out of memory, and goes on with the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-pool-'));
    writeFileSync(join(dir, 'huge.xlsx'), bigRegister('Xã Tam Dị', 60_000));
    for (const f of ['good-yen-son.xlsx', 'good-lan-mau.csv']) copyFileSync(join(HOSTILE, f), join(dir, f));
    const some: ReadJob[] = ['good-yen-son.xlsx', 'huge.xlsx', 'good-lan-mau.csv'].map((f) => ({ path: join(dir, f), displayPath: f }));
    const out = await readInPool(some, { workers: 1, setup: { ...setup, keepCells: false }, resolver, heapMb: 24 });
    expect(out.map((r) => reg(r)?.tasks.length)).toEqual([3, 0, 3]);
    expect(reg(out[1])?.problems).toEqual([
      { rule: 'file-unreadable', at: {}, messageId: 'default', data: { reason: expect.stringContaining('24 MB') } },
    ]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('shares the work with the calling thread when asked (inline), with the same result', async () => {
    const sequential = [];
    for (const job of jobs) sequential.push(await readRegister(job, setup, resolver));
    expect(await readInPool(jobs, { workers: 1, setup, resolver, inline: true })).toEqual(sequential);
  });

  it('is used from 2,000 files on four cores or more, or when asked', () => {
    const env = process.env.TIENDO_WORKERS;
    delete process.env.TIENDO_WORKERS;
    try {
      expect(poolSize(5, undefined, 8)).toBe(0);
      expect(poolSize(1999, undefined, 8)).toBe(0);
      expect(poolSize(2000, undefined, 8)).toBe(3); // POOL_MAX: each worker adds its own heap
      expect(poolSize(2000, 7, 8)).toBe(7);
      expect(poolSize(10_000, undefined, 4)).toBe(3);
      expect(poolSize(10_000, undefined, 2)).toBe(0);
      expect(poolSize(100, 3)).toBe(3);
      expect(poolSize(2, 8)).toBe(1);
    } finally {
      if (env !== undefined) process.env.TIENDO_WORKERS = env;
    }
  });
});

describe('the pipeline with and without workers', () => {
  it('finds the same registers and diagnostics', async () => {
    const opts = { paths: [HOSTILE], asOf: AS_OF, cwd: HOSTILE };
    const one = await runPipeline({ ...opts, workers: 0 });
    const two = await runPipeline({ ...opts, workers: 2 });
    expect(two.registers).toEqual(one.registers);
    expect(two.diagnostics).toEqual(one.diagnostics);
    // units point at the tree's own objects, as when read on the main thread
    const r = two.registers.find((x) => x.unit)!;
    expect(r.unit).toBe(two.tree!.byCode.get(r.unit!.code));
  });
});
