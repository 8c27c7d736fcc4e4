// The entry of the single executables (`npm run build:exe`, scripts/build-exe.js bundles it into one
// script). Not to be run from dist/: there src/cli.ts runs itself when imported; the bundle takes
// that line out and this module calls main() instead.
//
// Run with no arguments on Windows (double-clicked in Explorer) or with one folder dropped on it,
// it does the clerk's monthly job (src/monthly.ts): prints a short summary, opens the results folder
// in Explorer and waits for Enter before its window closes. Anything else is the command line,
// exactly as `npx tiendo`.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { main } from './cli.js';
import { UsageError } from './errors.js';
import { dropOneFolderText, exeMode, monthlyJob, monthlyText, type ExeMode } from './monthly.js';
import { tuneHeapFor } from './v8-tuning.js';

const mode = exeMode(process.argv.slice(2), {
  platform: process.platform,
  env: process.env,
  exeDir: dirname(process.execPath),
  cwd: process.cwd(),
});

void (mode.kind === 'cli' ? main(process.argv) : inWindow(mode)).then((code) => {
  process.exitCode = code;
});

/** The monthly job in its window, which stays open until Enter. */
async function inWindow(mode: Exclude<ExeMode, { kind: 'cli' }>): Promise<number> {
  let code = 2;
  if (mode.kind === 'monthly') code = await monthly(mode.folder);
  else process.stdout.write(dropOneFolderText(mode.paths));
  process.stdout.write('\nNhấn Enter để đóng cửa sổ này.\n');
  await enterOrEnd();
  return code;
}

async function monthly(folder: string): Promise<number> {
  let code: number;
  try {
    const r = await monthlyJob({ folder, onProgress: progress() });
    process.stdout.write(monthlyText(r));
    if (r.kind === 'done') openFolder(r.outDir);
    code = r.exitCode;
  } catch (e) {
    // The window must stay open on any failure, or the clerk sees it flash and vanish.
    if (e instanceof UsageError) process.stderr.write(`tiendo: ${e.text('vi')}\n`);
    else
      process.stderr.write(
        `tiendo: lỗi không mong đợi — xin báo lại kèm thông tin sau (unexpected error, please report):\n${(e as Error)?.stack ?? String(e)}\n`,
      );
    code = 2;
  }
  return code;
}

/** As each register is read: the heap tuned to the run's size (v8-tuning.ts), and on a console `Đang đọc 12/200 tệp` on the window's one line. */
function progress(): (done: number, total: number) => void {
  const counter = process.stderr.isTTY;
  return (done, total) => {
    if (done === 1) tuneHeapFor(total);
    if (!counter) return;
    process.stderr.write(`\rĐang đọc ${done}/${total} tệp`);
    if (done === total) process.stderr.write('\r' + ' '.repeat(40) + '\r');
  };
}

/** Explorer on the results; TIENDO_NO_OPEN=1 (tests) or another system: nothing. Explorer's own exit code means nothing. */
function openFolder(dir: string): void {
  if (process.platform !== 'win32' || process.env.TIENDO_NO_OPEN === '1') return;
  try {
    spawn('explorer.exe', [dir], { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
  } catch {
    // no Explorer: the summary names the folder
  }
}

/** A line typed (Enter), or the end of stdin when it is not a console (a script, a test). */
function enterOrEnd(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.stdin.pause();
      resolve();
    };
    process.stdin.once('data', done).once('end', done).once('error', done);
    process.stdin.resume();
  });
}
