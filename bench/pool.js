// How the read pool spends its time: wall clock to read and normalise every register of a province,
// and the milliseconds each hundred files took in the order they finished (the first hundreds are
// slow while each thread compiles the code).
//   node bench/pool.js <province folder> <workers> [noinline]
// `noinline`: only the workers read, the main thread waits.
import { join } from 'node:path';
import { registerFiles } from './files.js';
import { UnitResolver } from '../dist/normalise/unit.js';
import { readInPool, readRegister } from '../dist/read-pool.js';
import { readUnits, unitTree } from '../dist/normalise/registers.js';

const [dir, workers, mode] = [process.argv[2], Number(process.argv[3] ?? 0), process.argv[4]];
const tree = unitTree(readUnits(join(dir, 'units.csv')), '2024-09-30', join(dir, 'units.csv'));
const resolver = new UnitResolver(tree);
const setup = { tree, unitOption: null, maxFileBytes: 200 * 1024 * 1024, keepCells: false };
const jobs = registerFiles(join(dir, 'registers')).map((path) => ({ path, displayPath: path }));
const start = performance.now();
const marks = [];
const done = () => marks.push(performance.now() - start);
if (workers > 0) {
  await readInPool(jobs, { workers, setup, resolver, inline: mode !== 'noinline', onDone: done });
} else {
  for (const job of jobs) {
    await readRegister(job, setup, resolver);
    done();
  }
}
const hundreds = marks.filter((_, i) => i % 100 === 99).map((m, i, a) => Math.round(m - (a[i - 1] ?? 0)));
process.stdout.write(
  `${jobs.length} files, ${workers} workers${mode === 'noinline' ? ' (main thread idle)' : ''}: ${Math.round(performance.now() - start)} ms; per 100 files: ${hundreds.join(' ')}\n`,
);
