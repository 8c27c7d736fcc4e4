// What the user names on the command line, turned into the files to read.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../errors.js';
import { RESULTS_FOLDER } from '../domain/marks.js';
import { REGISTER_EXTENSIONS } from './file.js';

/**
 * Files in a folder that are not registers: the two registers of units and cadres, config, lock
 * files. Annotated copies (`*.checked.xlsx`) are registers sent back; summary workbooks are found
 * by their content, skipped and named (src/marks.ts).
 */
const NOT_REGISTERS = new Set(['units.csv', 'roster.csv', 'tiendo.config.json']);

function skippedInFolder(name: string): boolean {
  return (
    name.startsWith('~$') ||
    name.startsWith('.') ||
    NOT_REGISTERS.has(name.toLowerCase()) ||
    !REGISTER_EXTENSIONS.includes(extname(name).toLowerCase())
  );
}

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort((a, b) => a.localeCompare(b, 'en'));
  } catch (e) {
    throw new UsageError(
      `Không đọc được thư mục ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      `Cannot read the folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules' || name.toLowerCase() === RESULTS_FOLDER) continue;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p, out);
    else if (!skippedInFolder(name)) out.push(p);
  }
}

/** Whether `abs` lies in a results folder (any case) below `cwd`. */
function inResultsFolder(abs: string, cwd: string): boolean {
  return relative(cwd, abs)
    .split(sep)
    .slice(0, -1)
    .some((part) => part.toLowerCase() === RESULTS_FOLDER);
}

/** Files, folders (recursive; lock files and hidden files skipped) and globs (tinyglobby). */
export function expandPaths(paths: string[], cwd = process.cwd()): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (isDynamicPattern(p)) {
      // A pattern (`*`, `**`, `?`, `[…]`, `{a,b}`) matches files as a folder walk would find them:
      // hidden files, lock files, units.csv and the like, and tiendo-ket-qua/ are passed over.
      const matched = globSync(p.split(sep).join('/'), {
        cwd,
        absolute: true,
        onlyFiles: true,
        dot: false,
        expandDirectories: false,
        ignore: ['**/node_modules/**', `**/${RESULTS_FOLDER}/**`],
      })
        .map((f) => resolve(f))
        .filter((f) => !skippedInFolder(basename(f)) && !inResultsFolder(f, cwd))
        .sort((a, b) => a.localeCompare(b, 'en'));
      if (!matched.length) throw new UsageError(`Không có tệp nào khớp với ${p}`, `No file matches ${p}`);
      out.push(...matched);
      continue;
    }
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`Không tìm thấy ${p}`, `Not found: ${p}`);
    if (st.isDirectory()) walk(abs, out);
    else out.push(abs);
  }
  return [...new Set(out)];
}

/**
 * `units.csv` / `roster.csv` beside the inputs: in a folder given or a file's folder, then in each
 * folder above it (registers sorted into sub-folders by district still find the province's
 * units.csv), then in the working folder.
 */
export function findBeside(name: string, paths: string[], cwd = process.cwd()): string | null {
  for (const p of paths) {
    const abs = resolve(cwd, p.replace(/[*?[{].*$/, ''));
    const st = statSync(abs, { throwIfNoEntry: false });
    let dir = st?.isDirectory() ? abs : dirname(abs);
    for (;;) {
      const f = join(dir, name);
      if (existsSync(f)) return f;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  const here = join(cwd, name);
  return existsSync(here) ? here : null;
}

/** The path as shown: relative to the working folder when inside it, with forward slashes. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  const shown = rel && !rel.startsWith('..') ? rel : abs;
  return shown.split(sep).join('/');
}
