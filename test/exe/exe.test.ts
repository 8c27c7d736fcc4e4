// The Linux single executable (`npm run build:exe`, SPEC §8, issue #17), copied alone into an empty
// folder and run with no node on the PATH, does what `npx tiendo` does: the same exit code, stdout
// and stderr byte for byte, the same workbooks (scripts/exe-check.js lists the commands). And the
// clerk's monthly job, which is the Windows build's when double-clicked: here asked for with
// TIENDO_MONTHLY=1. The Windows build itself: `npm run test:exe` (Wine).
//
// Built once per run of the suite, by this file only; scripts/build-exe.js does not inject again
// when the bundle has not changed.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CASES,
  checkEmptyFolder,
  checkMonthly,
  compareCase,
  ENV,
  hasSoffice,
  ROOT,
  scratchDir,
  type Ran,
} from '../../scripts/exe-check.js';

/** Built before the tests are collected: a system that cannot build it skips them, saying why. */
function build(): { skip: string | null; failure: string | null } {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {
      skip: `the Linux x64 executable is built and run on Linux x64 only (this is ${process.platform}-${process.arch})`,
      failure: null,
    };
  }
  if (process.env.TIENDO_SKIP_EXE === '1') return { skip: 'TIENDO_SKIP_EXE=1', failure: null };
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-exe.js'), '--target', 'linux'], { encoding: 'utf8' });
  const said = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('build-exe:'))
    .join('\n');
  // exit 3: this system cannot (this Node has no single executable applications)
  if (r.status === 3) return { skip: said, failure: null };
  return { skip: null, failure: r.status === 0 ? null : `scripts/build-exe.js --target linux failed (exit ${r.status}):\n${r.stderr}` };
}
const { skip: SKIP, failure: BUILD_FAILURE } = build();
if (SKIP) console.warn(`test/exe/exe.test.ts skipped: ${SKIP}`);

describe.skipIf(SKIP !== null)('tiendo-linux-x64, alone in an empty folder, no node on the PATH', () => {
  const scratch = scratchDir('exe');
  const exe = join(scratch, 'alone', 'tiendo-linux-x64');
  /** A PATH with nothing on it: no node, no npm. */
  const noNode = join(scratch, 'empty-bin');
  const soffice = hasSoffice();

  beforeAll(() => {
    if (BUILD_FAILURE) throw new Error(BUILD_FAILURE);
    mkdirSync(join(scratch, 'alone'));
    mkdirSync(noNode);
    copyFileSync(join(ROOT, 'dist-exe', 'tiendo-linux-x64'), exe);
    chmodSync(exe, 0o755);
  });

  const run = (args: string[], opts: { cwd: string; env: Record<string, string> }): Ran => {
    const r = spawnSync(exe, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      encoding: 'utf8',
      input: '',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it.each(CASES.map((c) => [c.name, c] as const))('%s: as npx tiendo', async (_, c) => {
    if (c.needs === 'soffice' && !soffice) return;
    // LibreOffice needs the system's PATH; every other command runs with none.
    const env: Record<string, string> = c.needs === 'soffice' ? {} : { PATH: noNode };
    expect(await compareCase(c, run, { scratch, env })).toEqual([]);
  });

  const monthly = (folder: string): Ran => run([folder], { cwd: scratch, env: { ...ENV, PATH: noNode, TIENDO_MONTHLY: '1' } });

  it('does the monthly job on a folder given (dropped on it): tiendo-ket-qua/ holds the workbooks and annotated copies', async () => {
    const r = await checkMonthly(monthly, { scratch });
    expect(r.problems).toEqual([]);
    expect(r.stdout).toContain('5 báo cáo tổng hợp');
  });

  it('does it on its own folder when run with no arguments (double-clicked)', async () => {
    const r = await checkMonthly(
      (folder) => {
        const beside = join(folder, 'tiendo-linux-x64');
        copyFileSync(exe, beside);
        chmodSync(beside, 0o755);
        const ran = spawnSync(beside, [], {
          cwd: scratch,
          env: { ...process.env, ...ENV, PATH: noNode, TIENDO_MONTHLY: '1' },
          encoding: 'utf8',
          input: '',
        });
        return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
      },
      { scratch },
    );
    expect(r.problems).toEqual([]);
  });

  it('without units.csv: checks and annotates, says a summary needs units.csv', async () => {
    expect((await checkMonthly(monthly, { scratch, units: false })).problems).toEqual([]);
  });

  it('with no register in the folder: says so, exit 2, writes nothing', () => {
    expect(checkEmptyFolder(monthly, { scratch })).toEqual([]);
  });

  // On a console (a pseudo-terminal, made by python3's pty) the window waits for Enter, then closes.
  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('on a console: waits for Enter before it ends', () => {
    const empty = join(scratch, 'console');
    mkdirSync(empty);
    const script = [
      'import os, pty, select, sys, time, json',
      'pid, fd = pty.fork()',
      'if pid == 0: os.execv(sys.argv[1], [sys.argv[1], sys.argv[2]])',
      'out = b""',
      'end = time.time() + 30',
      'while b"Enter" not in out and time.time() < end:',
      '    if select.select([fd], [], [], 1)[0]: out += os.read(fd, 65536)',
      'time.sleep(1)',
      'waiting = os.waitpid(pid, os.WNOHANG)[0] == 0',
      'os.write(fd, b"\\r")',
      'end = time.time() + 10',
      'done = 0',
      'while not done and time.time() < end:',
      '    done, status = os.waitpid(pid, os.WNOHANG)',
      '    time.sleep(0.05)',
      'print(json.dumps({"waiting": waiting, "closed": done != 0, "asked": b"Enter" in out}))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, exe, empty], { env: { ...process.env, ...ENV, TIENDO_MONTHLY: '1' }, encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({ waiting: true, closed: true, asked: true });
  });

  it('with a file dropped on it: asks for one folder, exit 2', () => {
    const r = monthly(join(ROOT, 'fixtures', 'province', 'units.csv'));
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('MỘT thư mục');
    expect(r.stdout.endsWith('Nhấn Enter để đóng cửa sổ này.\n')).toBe(true);
  });

  it("without TIENDO_MONTHLY, no arguments is the command line's: the help, exit 2", () => {
    const r = run([], { cwd: scratch, env: ENV });
    expect(r.status).toBe(2);
    expect(existsSync(join(scratch, 'alone', 'tiendo-ket-qua'))).toBe(false);
  });
});
