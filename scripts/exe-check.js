// What the single executables must do, checked the same way for both: each command run by
// `npx tiendo` (node bin/tiendo.js) and by the executable, each in its own copy of a fixture folder,
// gives the same exit code, stdout and stderr byte for byte, and the same files (workbooks read back
// and compared cell by cell, never byte for byte); then the clerk's monthly job (SPEC §8).
//
// Used by test/exe/exe.test.ts (the Linux build, under vitest) and scripts/test-exe.js (the Windows
// build under Wine). A runner runs the executable: `(args, { cwd, env }) => { status, stdout, stderr }`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tiendo.js');
const FIXTURES = join(ROOT, 'fixtures');

/** Plain output for both: no colour, no terminal, no Explorer. */
export const ENV = { NO_COLOR: '1', FORCE_COLOR: '0', TIENDO_NO_OPEN: '1' };

const VALIDATE = ['validate', 'registers', '--as-of', '2024-09-30'];

/**
 * The commands compared. `fixture`: the folder of fixtures/ copied for each side (the command runs in
 * the copy; `legacy`: fixtures/hostile's .xls and .ods beside a good register);
 * `outputs`: what it writes there, compared too; `linuxOnly`: not for the Windows build (`--convert`
 * needs LibreOffice on the system running it; no arguments is the monthly job on Windows).
 */
export const CASES = [
  { name: 'validate --format json', fixture: 'province', args: [...VALIDATE, '--format', 'json'] },
  {
    name: 'validate --annotate',
    fixture: 'province',
    args: [...VALIDATE, '--annotate', 'ban-sao', '--format', 'json'],
    outputs: 'ban-sao',
  },
  {
    name: 'rollup --format json',
    fixture: 'province',
    args: ['rollup', 'registers', '--period', '2024-Q3', '--out', 'bao-cao', '--format', 'json'],
    outputs: 'bao-cao',
  },
  {
    name: 'rollup (text, English)',
    fixture: 'province',
    args: ['rollup', 'registers', '--period', '2024-Q3', '--out', 'bao-cao', '--lang', 'en'],
    outputs: 'bao-cao',
  },
  {
    name: 'validate --progress',
    fixture: 'progress',
    args: ['validate', 'registers', '--progress', 'cap-nhat-thang-9.csv', '--as-of', '2024-09-30', '--format', 'json'],
  },
  {
    name: 'rollup --compare',
    fixture: 'compare',
    args: ['rollup', 'thang-9', '--out', 'bao-cao', '--period', '2024-09', '--compare', 'thang-8', '--format', 'json'],
    outputs: 'bao-cao',
  },
  {
    name: 'template',
    fixture: 'province',
    args: ['template', '--unit', '215', '--year', '2024', '--out', 'mau-215.xlsx'],
    outputs: 'mau-215.xlsx',
  },
  { name: 'rules --format json', args: ['rules', '--format', 'json'] },
  { name: '--help', args: ['--help'] },
  { name: '--version', args: ['--version'] },
  { name: 'a usage mistake (no --out)', fixture: 'province', args: ['rollup', 'registers'] },
  { name: 'no arguments', args: [], linuxOnly: true },
  {
    name: 'validate --convert (.xls, .ods)',
    fixture: 'legacy',
    args: ['validate', '.', '--as-of', '2024-09-30', '--convert', '--format', 'json'],
    linuxOnly: true,
    needs: 'soffice',
  },
];

export function cli(args, { cwd, env }) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    input: '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function hasSoffice() {
  return spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A fresh copy of a fixture folder at `dir` (an empty folder without one). */
function copyFixture(fixture, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (fixture === 'legacy') {
    for (const f of ['units.csv', 'good-yen-son.xlsx', 'legacy.xls', 'legacy.ods']) cpSync(join(FIXTURES, 'hostile', f), join(dir, f));
  } else if (fixture) cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/**
 * Runs `run` in a fresh copy of the fixture at one path, then moves the copy to `<path>.<side>`: both
 * sides run at the same path, so any path they print is the same.
 */
function inCopy(fixture, scratch, side, run) {
  const dir = copyFixture(fixture, join(scratch, 'run', fixture ?? 'empty'));
  const ran = run(dir);
  const kept = `${dir}.${side}`;
  rmSync(kept, { recursive: true, force: true });
  renameSync(dir, kept);
  return { ran, dir: kept };
}

/** Every file under `path` (a file or a folder), relative, sorted. */
function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [basename(path)];
  return readdirSync(path, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(path, f)).isFile())
    .sort();
}

/** Cell values of every sheet, by address: what a clerk sees, not the zip's bytes. */
async function cells(file) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = [];
      row.eachCell({ includeEmpty: false }, (cell) => values.push([cell.address, JSON.stringify(cell.value)]));
      rows.push([n, values]);
    });
    return { name: ws.name, rows };
  });
}

async function sameWorkbooks(a, b) {
  return JSON.stringify(await cells(a)) === JSON.stringify(await cells(b));
}

/** The first place two texts differ, shown briefly. */
function firstDifference(label, a, b) {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const show = (s) => JSON.stringify(s.slice(Math.max(0, i - 60), i + 60));
  return `${label} differs at character ${i}:\n    npx tiendo: ${show(a)}\n    executable: ${show(b)}`;
}

/**
 * Runs one case both ways; the differences found, none when the executable did as `npx tiendo`.
 * `normalise` (Wine) turns the executable's stdout into what is compared; `env` is added for both sides.
 */
export async function compareCase(c, runExe, { scratch, normalise = (s) => s, env: extra = {} }) {
  const env = { ...ENV, ...extra, ...c.env };
  const { ran: want, dir: here } = inCopy(c.fixture, scratch, 'cli', (cwd) => cli(c.args, { cwd, env }));
  const { ran: got, dir: there } = inCopy(c.fixture, scratch, 'exe', (cwd) => runExe(c.args, { cwd, env }));
  const problems = [];
  if (got.status !== want.status) problems.push(`exit code ${got.status}, npx tiendo ${want.status}`);
  for (const k of ['stdout', 'stderr']) {
    const d = firstDifference(k, want[k], normalise(got[k]));
    if (d) problems.push(d);
  }
  if (c.outputs) {
    const a = filesUnder(join(here, c.outputs));
    const b = filesUnder(join(there, c.outputs));
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`files written: ${b.join(', ')}; npx tiendo: ${a.join(', ')}`);
    else if (!a.length) problems.push(`nothing written in ${c.outputs}`);
    else {
      const single = !statSync(join(here, c.outputs)).isDirectory();
      // Read back a few (each read takes a while): the same code wrote them all.
      for (const f of a.filter((f) => f.endsWith('.xlsx')).slice(0, READ_BACK)) {
        const [x, y] = single ? [join(here, c.outputs), join(there, c.outputs)] : [join(here, c.outputs, f), join(there, c.outputs, f)];
        if (!(await sameWorkbooks(x, y))) problems.push(`${f}: its cells differ from npx tiendo's`);
      }
    }
  }
  return problems;
}

/** Workbooks read back and compared cell by cell, per command. */
const READ_BACK = 3;

/** Today as the executable sees it (the monthly job's as-of date and month). */
function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What the command line writes for the monthly job's folder, by whether it has units.csv. */
const references = new Map();

function reference(folder, units, scratch) {
  const key = `${folder}|${units}`;
  if (references.has(key)) return references.get(key);
  const today = todayIso();
  const ref = mkdtempSync(join(scratch, 'monthly-ref-'));
  cli(['validate', folder, '--as-of', today, '--annotate', join(ref, 'copies')], { cwd: folder, env: ENV });
  const copies = filesUnder(join(ref, 'copies'));
  let books = [];
  if (units) {
    cli(['rollup', folder, '--as-of', today, '--period', today.slice(0, 7), '--out', join(ref, 'books')], { cwd: folder, env: ENV });
    books = filesUnder(join(ref, 'books'));
  }
  const r = { ref, copies, books };
  references.set(key, r);
  return r;
}

/**
 * The monthly job (SPEC §8) on a fresh copy of the fixtures' province: `run(folder)` runs the
 * executable the way a clerk would (double-clicked in the folder, or the folder dropped on it) and
 * returns `{ status, stdout, stderr }`. Its `tiendo-ket-qua/` must hold the workbooks and annotated
 * copies `npx tiendo rollup` / `validate --annotate` write for that folder as of today, this month.
 */
export async function checkMonthly(run, { scratch, units = true }) {
  // Every run on one copy of the fixtures, taken once: the reference is reused between runs.
  const snapshot = join(scratch, 'monthly-snapshot');
  if (!existsSync(snapshot)) copyFixture('province', snapshot);
  const folder = join(scratch, units ? 'monthly' : 'monthly-no-units', 'Thang nay');
  rmSync(folder, { recursive: true, force: true });
  cpSync(snapshot, folder, { recursive: true });
  if (!units) rmSync(join(folder, 'units.csv'));
  const want = reference(folder, units, scratch);
  const got = run(folder);
  const problems = [];
  const today = todayIso();
  const [y, m] = today.split('-');
  if (
    !got.stdout.startsWith(`tiendo — kiểm tra và tổng hợp tháng ${Number(m)}/${y}, tính đến ngày ${today.split('-').reverse().join('/')}`)
  ) {
    problems.push(`the summary does not open with the month: ${JSON.stringify(got.stdout.slice(0, 120))}`);
  }
  if (!got.stdout.endsWith('Nhấn Enter để đóng cửa sổ này.\n')) problems.push('the window does not ask for Enter');
  if (got.status !== 1)
    problems.push(`exit code ${got.status}, expected 1 (the fixtures hold errors); stderr: ${got.stderr.slice(0, 300)}`);
  if (units && !got.stdout.includes(`${want.books.length} báo cáo tổng hợp`)) problems.push('the summary does not name the workbooks');
  if (!units && !got.stdout.includes('không tìm thấy danh mục đơn vị units.csv'))
    problems.push('the summary does not say units.csv is missing');
  const results = join(folder, 'tiendo-ket-qua');
  const written = filesUnder(results);
  const expected = [...want.books, ...want.copies].sort();
  if (!want.copies.length || (units && !want.books.length)) problems.push('npx tiendo wrote nothing to compare with');
  if (JSON.stringify(written) !== JSON.stringify(expected)) {
    problems.push(`tiendo-ket-qua holds ${written.join(', ') || 'nothing'}; expected ${expected.join(', ')}`);
  } else {
    for (const f of want.books.slice(0, READ_BACK))
      if (!(await sameWorkbooks(join(want.ref, 'books', f), join(results, f)))) problems.push(`${f}: its cells differ from npx tiendo's`);
    for (const f of want.copies.slice(0, READ_BACK))
      if (!(await sameWorkbooks(join(want.ref, 'copies', f), join(results, f)))) problems.push(`${f}: its cells differ from npx tiendo's`);
  }
  return { problems, folder, results, stdout: got.stdout };
}

/** A folder with no register: a message, exit 2, and no results folder made. */
export function checkEmptyFolder(run, { scratch }) {
  const folder = copyFixture(null, join(scratch, 'monthly-empty'));
  const got = run(folder);
  const problems = [];
  if (got.status !== 2) problems.push(`exit code ${got.status}, expected 2`);
  if (!got.stdout.includes('không có tệp đăng ký nào'))
    problems.push(`no message saying the folder holds no register: ${JSON.stringify(got.stdout.slice(0, 200))}`);
  if (existsSync(join(folder, 'tiendo-ket-qua'))) problems.push('a results folder was made for nothing');
  return problems;
}

export function scratchDir(name) {
  return mkdtempSync(join(tmpdir(), `tiendo-${name}-`));
}
