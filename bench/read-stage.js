// tiendo's read stage alone, for comparison with the floor: every register read and normalised
// (unit resolved, tasks built) by the built library, one at a time, as the pipeline does.
//   node bench/read-stage.js <province folder>
import { join } from 'node:path';
import { registerFiles } from './files.js';
import { UnitResolver } from '../dist/normalise/unit.js';
import { readRegister } from '../dist/read-register.js';
import { readUnits, unitTree } from '../dist/normalise/registers.js';
import { tuneHeapFor, tuneV8 } from '../dist/v8-tuning.js';

tuneV8(); // as the CLI does

const dir = process.argv[2];
const tree = unitTree(readUnits(join(dir, 'units.csv')), '2024-09-30', join(dir, 'units.csv'));
const resolver = new UnitResolver(tree);
const setup = { tree, unitOption: null, maxFileBytes: 200 * 1024 * 1024, keepCells: false };
const jobs = registerFiles(join(dir, 'registers')).map((path) => ({ path, displayPath: path }));
tuneHeapFor(jobs.length); // as the CLI does once it knows how many registers there are
let tasks = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const job of jobs) tasks += (await readRegister(job, setup, resolver))?.tasks.length ?? 0;
// The stage alone: the modules and the unit tree loaded before the clocks start.
const cpu = process.cpuUsage(cpu0);
const ms = { wall: Math.round(performance.now() - t0), cpu: Math.round((cpu.user + cpu.system) / 1000) };
process.stdout.write(`${JSON.stringify({ summary: { tasks }, ms })}\n`);
