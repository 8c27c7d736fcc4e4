// `--convert`: legacy .xls and LibreOffice .ods registers turned into .xlsx by LibreOffice
// (`soffice --headless --convert-to xlsx`) in a temporary folder, then read like any other. The
// inputs are never touched: each is copied under a plain name first (the names clerks give files
// are no business of a command line), and diagnostics still name the original.
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type LegacyKind = 'xls' | 'ods';

/** LibreOffice's converter on the PATH (`soffice`, or `libreoffice`), else null. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const win = process.platform === 'win32';
  const names = win ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  if (win) {
    for (const root of [env.ProgramFiles, env['ProgramFiles(x86)']]) if (root) dirs.push(join(root, 'LibreOffice', 'program'));
  }
  for (const dir of dirs) {
    for (const name of names) {
      const p = join(dir, name);
      try {
        if (statSync(p).isFile()) return p;
      } catch {
        // not there
      }
    }
  }
  return null;
}

/**
 * What a file really is, when it is a workbook LibreOffice can convert: an OLE container that is
 * not an encrypted .xlsx (a legacy .xls), or an OpenDocument spreadsheet. Null for anything else.
 */
export function legacyKind(path: string, maxBytes: number): LegacyKind | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(200);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
      // An encrypted .xlsx is an OLE container too: that needs its password removed, not a conversion.
      const size = statSync(path).size;
      if (size > maxBytes) return null;
      return readFileSync(path).includes(Buffer.from('EncryptedPackage', 'utf16le')) ? null : 'xls';
    }
    if (
      n >= 4 &&
      head.readUInt32BE(0) === 0x504b0304 &&
      head.subarray(0, n).toString('latin1').includes('application/vnd.oasis.opendocument.spreadsheet')
    ) {
      return 'ods';
    }
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export interface Conversion {
  /** input path → the .xlsx LibreOffice made of it */
  converted: Map<string, string>;
  /** inputs LibreOffice could not convert */
  failed: string[];
  /** removes the temporary folder */
  dispose(): void;
}

/**
 * Converts `inputs` with LibreOffice, in batches (one start-up per batch, a command line of
 * bounded length), each batch with a time limit after which LibreOffice and its children are
 * stopped. A private user profile keeps it apart from any LibreOffice the clerk has open.
 */
export async function convertToXlsx(
  inputs: { path: string; kind: LegacyKind }[],
  opts: { soffice: string; timeoutMs?: number; batch?: number },
): Promise<Conversion> {
  const root = mkdtempSync(join(tmpdir(), 'tiendo-convert-'));
  const inDir = join(root, 'in');
  const outDir = join(root, 'out');
  mkdirSync(inDir);
  mkdirSync(outDir);
  const converted = new Map<string, string>();
  const failed: string[] = [];
  const batch = opts.batch ?? 100;
  try {
    for (let start = 0; start < inputs.length; start += batch) {
      const part = inputs.slice(start, start + batch);
      const copies = part.map((input, k) => {
        const copy = join(inDir, `${start + k}.${input.kind}`);
        copyFileSync(input.path, copy);
        return copy;
      });
      await runSoffice(
        opts.soffice,
        [
          '--headless',
          '--invisible',
          '--norestore',
          '--nolockcheck',
          '--nodefault',
          '--nofirststartwizard',
          `-env:UserInstallation=${pathToFileURL(join(root, 'profile')).href}`,
          '--convert-to',
          'xlsx',
          '--outdir',
          outDir,
          ...copies,
        ],
        opts.timeoutMs ?? 60_000 + 5_000 * part.length,
      );
      part.forEach((input, k) => {
        const out = join(outDir, `${start + k}.xlsx`);
        if (existsSync(out)) converted.set(input.path, out);
        else failed.push(input.path);
      });
    }
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  return { converted, failed, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Runs LibreOffice once, in its own process group, stopped with everything it started after
 * `timeoutMs`. It always resolves: a failure shows as the files it did not write (--convert's
 * .xlsx, --pdf's PDFs), which the caller names.
 */
export function runSoffice(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Its own process group, so that a hung conversion can be stopped with everything it started.
    const child = spawn(cmd, args, { stdio: 'ignore', detached: process.platform !== 'win32', windowsHide: true });
    const timer = setTimeout(() => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    child.on('error', done);
    child.on('exit', done);
  });
}
