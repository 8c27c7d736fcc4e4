// `npm run test:exe`: the Windows build (dist-exe/tiendo-win-x64.exe) under Wine, checked as the
// Linux build is in test/exe/exe.test.ts (scripts/exe-check.js): every command gives what
// `npx tiendo` gives, and the monthly job — double-clicked (no arguments) in a copy of the fixtures'
// province, and with the folder dropped on it — fills tiendo-ket-qua/ with the summary workbooks and
// annotated copies, and opens it in Explorer.
//
// Wine: Debian's `wine64` (`wine` on the PATH). A prefix of its own in the temporary folder (made on
// the first run, which takes a while; or WINEPREFIX), set to Windows 10 — Node refuses Wine's
// default, Windows 7. Under Wine a pipe as stdio fails: the executable's stdout and stderr go to files.
//
// What the comparison forgives: on Windows tiendo names the files it wrote with backslashes
// (`bao-cao\24-bac-giang.xlsx`, `Z:\tmp\…`), as `npx tiendo` there would; they are compared as `/`.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES, ENV, ROOT, checkEmptyFolder, checkMonthly, compareCase, scratchDir } from './exe-check.js';

const EXE = join(ROOT, 'dist-exe', 'tiendo-win-x64.exe');

function say(line) {
  process.stdout.write(`${line}\n`);
}

if (spawnSync('wine', ['--version'], { stdio: 'ignore' }).status !== 0) {
  say('test:exe: SKIPPED — wine is not installed (Debian: apt-get install wine64); the Windows build was built, not run.');
  process.exit(0);
}
if (!existsSync(EXE)) {
  say(`test:exe: ${EXE} is missing — run npm run build:exe`);
  process.exit(1);
}

const ownPrefix = !process.env.WINEPREFIX;
const WINE_ENV = { WINEPREFIX: process.env.WINEPREFIX ?? join(tmpdir(), 'tiendo-wine'), WINEDEBUG: '-all' };
const scratch = scratchDir('test-exe');

/** `wine program args…` with stdio on files; stdin the empty file (the monthly job's Enter: its end). */
function wine(program, args, { cwd, env = {} }) {
  const out = join(scratch, 'wine.out');
  const err = join(scratch, 'wine.err');
  const input = join(scratch, 'wine.in');
  writeFileSync(input, '');
  const fds = [openSync(input, 'r'), openSync(out, 'w'), openSync(err, 'w')];
  let r;
  try {
    r = spawnSync('wine', [program, ...args], { cwd, env: { ...process.env, ...WINE_ENV, ...env }, stdio: fds, timeout: 300_000 });
  } finally {
    fds.forEach(closeSync);
  }
  return { status: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
}

/** The Windows form of a path here (Wine's Z: drive is /). */
const windowsPath = (p) => `Z:${p.split('/').join('\\')}`;

// The prefix, once: made by the first program run, then told it is Windows 10.
const marker = join(WINE_ENV.WINEPREFIX, '.tiendo-win10');
if (!existsSync(marker)) {
  say(`test:exe: preparing the Wine prefix ${WINE_ENV.WINEPREFIX} (once)`);
  mkdirSync(WINE_ENV.WINEPREFIX, { recursive: true });
  const r = wine('winecfg', ['-v', 'win10'], { cwd: scratch });
  if (r.status !== 0) {
    say(`test:exe: winecfg -v win10 failed (${r.status}): ${r.stderr.slice(0, 500)}`);
    process.exit(1);
  }
  writeFileSync(marker, '');
}

const slashes = (json) => (s) =>
  json ? s.replace(/Z:\\\\/g, '/').replace(/\\\\/g, '/') : s.replace(/Z:\\/g, '/').replace(/(?<=\S)\\(?=\S)/g, '/');

const failures = [];
const started = Date.now();
function report(name, problems) {
  say(`${problems.length ? '✗' : '✓'} ${name}`);
  for (const p of problems) say(`    ${p.split('\n').join('\n    ')}`);
  if (problems.length) failures.push(name);
}

for (const c of CASES.filter((c) => !c.linuxOnly)) {
  const run = (args, opts) => wine(EXE, args, opts);
  report(c.name, await compareCase(c, run, { scratch, normalise: slashes(c.args.includes('json')) }));
}

// Double-clicked: the executable in the registers' folder, no arguments, started from elsewhere;
// Explorer left to open the results (checked below, then the prefix's programs ended).
let explorerSeen = false;
{
  const r = await checkMonthly(
    (folder) => {
      const beside = join(folder, 'tiendo-win-x64.exe');
      copyFileSync(EXE, beside);
      const ran = wine(beside, [], { cwd: scratch, env: { ...ENV, TIENDO_NO_OPEN: '' } });
      const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout ?? '';
      explorerSeen = ps.split('\n').some((l) => l.includes('explorer.exe') && l.includes(windowsPath(join(folder, 'tiendo-ket-qua'))));
      return ran;
    },
    { scratch },
  );
  report('monthly job, double-clicked: tiendo-ket-qua/ as npx tiendo writes it', r.problems);
  report(
    'monthly job, double-clicked: Explorer opened on tiendo-ket-qua',
    explorerSeen ? [] : ['no explorer.exe on the results folder among the processes'],
  );
  if (!r.problems.length)
    say(
      r.stdout
        .split('\n')
        .map((l) => `    | ${l}`)
        .join('\n'),
    );
}
const dropped = (folder) => wine(EXE, [windowsPath(folder)], { cwd: scratch, env: ENV });
report('monthly job, a folder dropped on it', (await checkMonthly(dropped, { scratch })).problems);
report('monthly job, no units.csv', (await checkMonthly(dropped, { scratch, units: false })).problems);
report('monthly job, no registers', checkEmptyFolder(dropped, { scratch }));
{
  const r = dropped(join(ROOT, 'fixtures', 'province', 'units.csv'));
  report(
    'a file dropped on it: asks for one folder',
    r.status === 2 && r.stdout.includes('MỘT thư mục') ? [] : [`exit ${r.status}: ${r.stdout.slice(0, 200)}`],
  );
}
{
  // --help still prints the help (and does not do the job).
  const r = wine(EXE, ['--help'], { cwd: scratch, env: ENV });
  report(
    '--help on Windows: the help, no job',
    r.status === 0 && r.stdout.includes('validate') ? [] : [`exit ${r.status}: ${r.stdout.slice(0, 200)}`],
  );
}

if (ownPrefix) spawnSync('wineserver', ['-k'], { env: { ...process.env, ...WINE_ENV }, stdio: 'ignore' });
const seconds = ((Date.now() - started) / 1000).toFixed(0);
say(
  failures.length
    ? `test:exe: ${failures.length} failed (${seconds} s): ${failures.join('; ')}`
    : `test:exe: all passed under Wine (${seconds} s)`,
);
process.exitCode = failures.length ? 1 : 0;
