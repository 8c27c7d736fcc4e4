// Where a rollup's time goes, stage by stage, in one process as the CLI runs it: read (read and
// normalise every register), check (the rules), classify (the class of every task), aggregate (counts
// over the unit tree, per cadre), write (the summary workbooks). classify is timed on its own pass;
// aggregate is the rest of aggregate(), which classifies again. Prints the milliseconds as JSON.
//   node bench/stages.js <province folder> <out folder> [--write-runs N]
// --write-runs N writes the workbooks N times over the same rollup and reports each run's wall and CPU
// milliseconds (writeRuns), so the write stage can be compared without reading the province again; each
// run after the first writes to a new folder inside <out> (replacing a file costs the disk more).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { registerFiles } from './files.js';
import { aggregate, diagnosticsByTask } from '../dist/aggregate/index.js';
import { ownerCounts } from '../dist/aggregate/owners.js';
import { check } from '../dist/check/index.js';
import { classify } from '../dist/classify/index.js';
import { periodOfAsOf } from '../dist/classify/period.js';
import { DEFAULT_CONFIG } from '../dist/config.js';
import { UnitResolver } from '../dist/normalise/unit.js';
import { applyUpdates } from '../dist/normalise/progress.js';
import { readRegister } from '../dist/read-register.js';
import { readRoster, readUnits, unitTree } from '../dist/normalise/registers.js';
import { tuneHeapFor, tuneV8 } from '../dist/v8-tuning.js';
import { writeSummaryWorkbooks } from '../dist/write/summary.js';

tuneV8(); // as the CLI does

const args = process.argv.slice(2);
const runsAt = args.indexOf('--write-runs');
const writeRunCount = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
const [dir, out] = args;
const asOf = '2024-09-30';
const period = periodOfAsOf(asOf);
const ms = {};
/** the resident set after each stage, MB: which stage holds the memory */
const rssMb = {};
let t = performance.now();
const lap = (stage) => {
  const now = performance.now();
  ms[stage] = (ms[stage] ?? 0) + now - t;
  rssMb[stage] = Math.round(process.memoryUsage().rss / 2 ** 20);
  t = now;
};

const tree = unitTree(readUnits(join(dir, 'units.csv')), asOf, join(dir, 'units.csv'));
const roster = readRoster(join(dir, 'roster.csv'));
const resolver = new UnitResolver(tree);
const setup = { tree, unitOption: null, maxFileBytes: 200 * 1024 * 1024, keepCells: false };
const registers = [];
const paths = registerFiles(join(dir, 'registers'));
tuneHeapFor(paths.length); // as the CLI does once it knows how many registers there are
for (const path of paths) registers.push(await readRegister({ path, displayPath: path }, setup, resolver));
applyUpdates(registers, registers, asOf);
lap('read');
const diagnostics = check(registers, { asOf, units: tree, roster, thresholds: DEFAULT_CONFIG.thresholds, period }, DEFAULT_CONFIG, 'vi');
lap('check');
const byFile = new Map();
for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
for (const r of registers) {
  const byTask = diagnosticsByTask(r, byFile.get(r.displayPath) ?? []);
  for (const task of r.tasks) classify(task, byTask.get(task) ?? [], asOf);
}
lap('classify');
const result = aggregate({ tree, registers, diagnostics, asOf, period });
result.owners = ownerCounts(result.tasks, roster, asOf, period);
lap('aggregate');
const writeOpts = { outDir: out, header: DEFAULT_CONFIG.header, asOf, period, lang: 'vi', inputs: registers.map((r) => r.path) };
/** The main thread's CPU milliseconds, where Linux tells them (/proc): the rest of the process's is zlib's and the GC's helpers. */
const mainCpuMs = () => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
};
const writeRuns = [];
for (let k = 0; k < writeRunCount; k++) {
  const outDir = k ? join(out, `run-${k}`) : out;
  if (k) rmSync(outDir, { recursive: true, force: true });
  const runCpu = process.cpuUsage();
  const runMain = mainCpuMs();
  const wall = performance.now();
  await writeSummaryWorkbooks(result, { ...writeOpts, outDir });
  const used = process.cpuUsage(runCpu);
  writeRuns.push({
    wall: Math.round(performance.now() - wall),
    cpu: Math.round((used.user + used.system) / 1000),
    main: mainCpuMs() - runMain,
  });
}
lap('write');
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ tasks: result.tasks.length, ms, rssMb, peakRssMb, ...(writeRunCount > 1 ? { writeRuns } : {}) })}\n`,
);
