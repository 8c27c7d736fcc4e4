// npm run bench — how fast and how big tiendo runs at district, province and national scale.
//
//   node bench/run.js [--sizes 200,1000,10000] [--runs N] [--generator scripts|bench] [--out FILE]
//
// For each size N it generates a province of about N registers (scripts/province.js when present —
// four in five registers CSV — else, or with --generator bench, bench/province.js — four in five
// .xlsx; ~11 tasks each, the shapes of SPEC §2.3, cached in the temp folder), then
// times, each in a child process, wall clock from spawn to exit, best of --runs:
//   floor     merely loading the same files, one at a time (bench/floor.js: exceljs readFile, csv-parse)
//   SheetJS   a peer: the same files loaded by SheetJS (bench/sheetjs.js, @e965/xlsx)
//   scan      the bound of all readers: every sheet inflated and scanned once (bench/scan.js)
//   read      tiendo's read stage alone (bench/read-stage.js: read + normalise every register)
//   validate  `tiendo validate`, and with --annotate
//   rollup    `tiendo rollup`
// and each child's peak memory (resident set), read by a hook loaded
// before the program (process.resourceUsage().maxRSS at exit).
//
// Side by side: the runs go in rounds — the floor, then every case once — --runs rounds (5 below
// 2,000 registers, 1 above). This machine's speed drifts by 10–20 % from minute to minute, the
// floor's as much as tiendo's, so each case's "× floor" is the median over the rounds of its run
// divided by the floor's run in the same round; "seconds" is the median run, peak MB the largest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '..');
const BIN = join(ROOT, 'bin', 'tiendo.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const sizes = arg('sizes', '200,1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
/** rounds: --runs, else 5 below 2,000 registers and 1 above */
const runsArg = arg('runs', null);
const runsFor = (n) => (runsArg ? Number(runsArg) : n > 2000 ? 1 : 5);
const out = arg('out', null);

const CACHE = join(tmpdir(), 'tiendo-bench');
mkdirSync(CACHE, { recursive: true });
const HOOK = join(CACHE, 'rss-hook.mjs');
writeFileSync(
  HOOK,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { if (process.env.TIENDO_RSS_FILE) writeFileSync(process.env.TIENDO_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n",
);

async function generator() {
  const full = join(ROOT, 'scripts', 'province.js');
  if (existsSync(full) && arg('generator', 'scripts') !== 'bench')
    return { name: 'scripts/province.js', ...(await import(pathToFileURL(full).href)) };
  return { name: 'bench/province.js', ...(await import(pathToFileURL(join(HERE, 'province.js')).href)) };
}

function countFiles(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) n += countFiles(p);
    else if (/\.(xlsx|csv)$/i.test(name)) n++;
  }
  return n;
}

/** A province of about `n` registers, generated once per size and seed. */
async function province(gen, n) {
  // scripts/province.js adds a district per 20 communes and an agency per 20: ~1.08 registers a commune.
  const communes = gen.name === 'scripts/province.js' ? Math.max(20, Math.round(n / 1.083)) : n;
  const dir = join(CACHE, `${gen.name.replace(/\W+/g, '_')}-${communes}-seed1`);
  if (!existsSync(join(dir, '.done'))) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`generating ${n} registers with ${gen.name} … `);
    const t = performance.now();
    await gen.generateProvince({ outDir: dir, communes, seed: 1 });
    writeFileSync(join(dir, '.done'), '');
    process.stderr.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return dir;
}

/** Runs node with `args` in `cwd` once: wall time, peak memory, stdout. */
function measure(args, { cwd, env = {} }) {
  const rssFile = join(CACHE, `rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', TIENDO_RSS_FILE: rssFile, ...env },
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { seconds, rssMb, stdout: r.stdout };
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

const fmt = (n, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const gen = await generator();
const rows = [];
const STAGES = ['read', 'check', 'classify', 'aggregate', 'write'];
const stageRows = [];
for (const n of sizes) {
  const dir = await province(gen, n);
  const files = countFiles(join(dir, 'registers'));
  const common = ['registers', '--as-of', '2024-09-30', '--format', 'json'];
  const runs = runsFor(n);
  const cases = [
    ['floor: load only (exceljs readFile, csv-parse)', 'one thread', [join(HERE, 'floor.js'), join(dir, 'registers')], {}],
    ['peer: SheetJS load (@e965/xlsx)', 'one thread', [join(HERE, 'sheetjs.js'), join(dir, 'registers')], {}],
    ['bound: inflate and scan every cell', 'one thread', [join(HERE, 'scan.js'), join(dir, 'registers')], {}],
    ['tiendo read stage (read + normalise)', 'one thread', [join(HERE, 'read-stage.js'), dir], {}],
    ['tiendo validate', 'one thread', [BIN, 'validate', ...common], {}],
    // --annotate at every size: its memory at 10,000 registers is one of the goals.
    ['tiendo validate --annotate', 'one thread', [BIN, 'validate', ...common, '--annotate', join(CACHE, `annotated-${n}`)], {}],
    ['tiendo rollup', 'one thread', [BIN, 'rollup', ...common, '--out', join(CACHE, `out-${n}`)], {}],
  ];
  const got = cases.map(() => []);
  const stageRuns = [];
  for (let round = 0; round < runs; round++) {
    process.stderr.write(`${files} registers, round ${round + 1} of ${runs}: `);
    cases.forEach(([what, how, args, env], i) => {
      process.stderr.write(`${i ? ', ' : ''}${what.replace(/^tiendo /, '').replace(/:.*/, '')} (${how})`);
      got[i].push(measure(args, { cwd: dir, env }));
    });
    // Where the rollup's time goes, stage by stage (bench/stages.js), in the same round.
    process.stderr.write(', stages\n');
    stageRuns.push(JSON.parse(measure([join(HERE, 'stages.js'), dir, join(CACHE, `stages-${n}`)], { cwd: dir }).stdout));
  }
  stageRows.push({
    n: files,
    tasks: stageRuns[0].tasks,
    ms: Object.fromEntries(STAGES.map((k) => [k, median(stageRuns.map((r) => r.ms[k]))])),
  });
  let tasks = 0;
  cases.forEach(([what, how], i) => {
    const m = got[i];
    // the floor and its peers count no tasks: they are given tiendo's count below
    const counted = JSON.parse(m[0].stdout).summary?.tasks ?? null;
    if (!tasks && counted) tasks = counted;
    rows.push({
      n: files,
      what,
      how,
      runs,
      tasks: counted,
      seconds: median(m.map((x) => x.seconds)),
      ratio: median(m.map((x, k) => x.seconds / got[0][k].seconds)),
      rssMb: Math.max(...m.map((x) => x.rssMb)),
    });
  });
  // the floor's tasks: those the files hold, as tiendo's reader counts them
  for (const r of rows) if (r.n === files && r.tasks === null) r.tasks = tasks;
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${fmt(totalmem() / 2 ** 30, 0)} GB, Node ${process.versions.node}, ${process.platform}`;
const lines = [
  `Machine: ${machine}. Registers from ${gen.name} (seed 1), as of 2024-09-30; ${[...new Set(rows.map((r) => r.runs))].join(' or ')} rounds of runs side by side, wall clock from spawn to exit: seconds is the median run, × floor the median of each round's run over that round's floor.`,
  '',
  '| registers | tasks | run | how | seconds | tasks/s | × floor | peak MB |',
  '|---:|---:|---|---|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.n.toLocaleString('en-US')} | ${r.tasks.toLocaleString('en-US')} | ${r.what} | ${r.how} | ${fmt(r.seconds, 2)} | ${Math.round(r.tasks / r.seconds).toLocaleString('en-US')} | ${fmt(r.ratio, 2)} | ${Math.round(r.rssMb)} |`,
  ),
];
lines.push(
  '',
  "Where the rollup's time goes (bench/stages.js, one process, median of the rounds): tasks per second of each stage, and its share of the whole.",
  '',
  `| registers | tasks | ${STAGES.join(' | ')} | total s |`,
  `|---:|---:|${STAGES.map(() => '---:').join('|')}|---:|`,
  ...stageRows.map((r) => {
    const total = STAGES.reduce((a, k) => a + r.ms[k], 0);
    const cell = (k) => `${Math.round(r.tasks / (r.ms[k] / 1000)).toLocaleString('en-US')}/s (${Math.round((100 * r.ms[k]) / total)} %)`;
    return `| ${r.n.toLocaleString('en-US')} | ${r.tasks.toLocaleString('en-US')} | ${STAGES.map(cell).join(' | ')} | ${fmt(total / 1000, 2)} |`;
  }),
);
// The goals of issue #18, against the sizes they name (the size run nearest to it, within a fifth).
const near = (n, what, how) => rows.find((r) => Math.abs(r.n - n) <= n / 5 && r.what === what && r.how.startsWith(how));
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const goals = [];
for (const n of [1000, 10000]) {
  const r = near(n, 'tiendo rollup', 'one thread');
  if (r)
    goals.push(
      `- rollup of ${r.n.toLocaleString('en-US')} registers, one process, at most 0.55 × the floor: ${fmt(r.ratio, 2)} × — ${verdict(r.ratio <= 0.55)}`,
    );
}
const big = near(10000, 'tiendo rollup', 'one thread');
if (big) {
  const peak = Math.max(...rows.filter((r) => r.n === big.n && r.what === 'tiendo rollup').map((r) => r.rssMb));
  goals.push(
    `- rollup of ${big.n.toLocaleString('en-US')} registers peaks at most at 512 MB: ${Math.round(peak)} MB — ${verdict(peak <= 512)}`,
  );
}
const annotated = near(1000, 'tiendo validate --annotate', 'one thread');
const plain = near(1000, 'tiendo validate', 'one thread');
if (annotated && plain) {
  const x = annotated.seconds / plain.seconds;
  goals.push(
    `- validate --annotate of ${annotated.n.toLocaleString('en-US')} registers at most 3 × validate: ${fmt(x, 2)} × — ${verdict(x <= 3)}`,
  );
}
if (goals.length) lines.push('', "Issue #18's goals on this machine:", ...goals);
process.stdout.write(`${lines.join('\n')}\n`);
if (out) writeFileSync(out, `${lines.join('\n')}\n`);
