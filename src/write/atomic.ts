// Outputs are written to a temporary name beside the target and renamed, so a reader never
// sees half a workbook, and an input is never overwritten.
import { existsSync, lstatSync, mkdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve, basename, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { OutputError, UsageError } from '../errors.js';

/** Refuses to write over any of `inputs` (absolute or relative paths). */
export function assertNotInput(target: string, inputs: Iterable<string>): void {
  assertNotInputs([target], inputs);
}

/** The same for many targets at once: each input path is resolved once. */
export function assertNotInputs(targets: readonly string[], inputs: Iterable<string>): void {
  const check = inputGuard(inputs);
  for (const t of targets) check(t);
}

/**
 * A check that refuses any of `inputs` as a target, the inputs resolved once: a run that writes a
 * copy of each of 1,000 inputs would otherwise resolve a million paths.
 */
export function inputGuard(inputs: Iterable<string>): (target: string) => void {
  const byPath = new Map<string, string>();
  for (const i of inputs) byPath.set(resolve(i), i);
  return (target) => {
    const input = byPath.get(resolve(target));
    if (input !== undefined) {
      throw new UsageError(
        `Không ghi đè tệp đầu vào ${input} — chọn thư mục khác để ghi kết quả`,
        `Not writing over the input ${input} — choose another folder for the results`,
      );
    }
  };
}

/**
 * Runs `write` on a temporary file in the target's folder, then renames it to `target`: a reader
 * never sees half a workbook. The temporary file is removed if anything fails.
 */
export async function atomically(
  target: string,
  write: (tmp: string) => Promise<void>,
  folder: (target: string) => void = checkFolder,
): Promise<void> {
  // Synchronous on purpose: the asynchronous calls would queue behind the compression of the
  // workbook before on Node's thread pool (src/write/zip-writer.ts).
  folder(target);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeFailure(e, target, tmp);
  }
}

/** Before a file is written: its path is in no system folder, and its folder is made if need be. */
function checkFolder(target: string): void {
  refuseSystemFolder(resolve(target));
  ensureDir(dirname(target));
}

/**
 * checkFolder made once a folder, for a run that writes many files into one (the annotated copies: a
 * dozen system calls each, otherwise). The file itself may be a link anywhere: it is renamed over,
 * never written through.
 */
export function folderCheckedOnce(): (target: string) => void {
  const checked = new Set<string>();
  return (target) => {
    const dir = dirname(resolve(target));
    if (checked.has(dir)) return;
    checkFolder(target);
    checked.add(dir);
  };
}

// ---------------------------------------------------------------------------------------------
// Where outputs may go. Checked before any register is read (src/cli.ts), and again by every write.

/** What a system error means to a clerk, in both languages. */
const CAUSES: Record<string, [vi: string, en: string]> = {
  EACCES: ['không có quyền ghi', 'permission denied'],
  EPERM: ['không có quyền ghi', 'permission denied'],
  EROFS: ['ổ đĩa chỉ cho đọc', 'the disk is read-only'],
  ENOSPC: ['hết chỗ trên đĩa', 'no space left on the disk'],
  EDQUOT: ['hết hạn mức dung lượng trên đĩa', 'disk quota exceeded'],
  ENOTDIR: ['một phần của đường dẫn là tệp, không phải thư mục', 'part of the path is a file, not a folder'],
  EEXIST: ['một phần của đường dẫn là tệp, không phải thư mục', 'part of the path is a file, not a folder'],
  EISDIR: ['đã có một thư mục trùng tên', 'a folder of that name exists'],
  ENOENT: ['thư mục không tồn tại và không tạo được', 'the folder does not exist and cannot be created'],
  ENAMETOOLONG: ['tên quá dài', 'the name is too long'],
  EIO: ['lỗi đọc ghi của ổ đĩa', 'the disk reported an input/output error'],
  EBUSY: ['tệp đang được mở bởi chương trình khác (Excel?)', 'the file is open in another program (Excel?)'],
  ETXTBSY: ['tệp đang được dùng', 'the file is in use'],
  EMFILE: ['mở quá nhiều tệp cùng lúc', 'too many open files'],
  ENFILE: ['mở quá nhiều tệp cùng lúc', 'too many open files'],
};

function cause(code: string | undefined): [string, string] {
  return (code && CAUSES[code]) || [`lỗi hệ thống ${code ?? ''}`.trim(), `system error ${code ?? ''}`.trim()];
}

/** ` — chọn thư mục khác bằng --out` when the option that named the path is known. */
function hint(option: string | undefined, what: 'dir' | 'file'): [string, string] {
  if (!option) return ['', ''];
  return what === 'dir'
    ? [` — chọn thư mục khác bằng ${option}`, ` — choose another folder with ${option}`]
    : [` — chọn tên khác bằng ${option}`, ` — choose another name with ${option}`];
}

function cannotWrite(path: string, code: string | undefined, option?: string, what: 'dir' | 'file' = 'dir'): OutputError {
  const [vi, en] = cause(code);
  const [hv, he] = hint(option, what);
  const tag = code ? ` (${code})` : '';
  return what === 'dir'
    ? new OutputError(
        `không ghi được vào thư mục ${path}: ${vi}${tag}${hv}`,
        `cannot write to the folder ${path}: ${en}${tag}${he}`,
        path,
        code,
      )
    : new OutputError(`không ghi được tệp ${path}: ${vi}${tag}${hv}`, `cannot write the file ${path}: ${en}${tag}${he}`, path, code);
}

/** The system folder `abs` is in (`/proc`, `/sys`, `/dev`; on Windows the Windows folder), or null. */
export function systemFolder(
  abs: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (platform === 'win32') {
    const root = (env.SystemRoot ?? env.windir ?? 'C:\\Windows').replace(/[\\/]+$/, '');
    const a = abs.toLowerCase().replace(/\//g, '\\');
    const r = root.toLowerCase().replace(/\//g, '\\');
    return a === r || a.startsWith(r + '\\') ? root : null;
  }
  for (const d of ['/proc', '/sys', '/dev']) if (abs === d || abs.startsWith(d + '/')) return d;
  return null;
}

/**
 * Refuses a path in a system folder, as named or through a link (`out -> /proc`). Writing there
 * is never what a clerk meant, and Node's own `mkdir -p` spins forever under /proc (mkdir says
 * ENOENT, its parent EEXIST, and round again).
 */
function refuseSystemFolder(abs: string, option?: string): void {
  let sys = systemFolder(abs);
  if (!sys) {
    // The nearest folder that exists, with its links resolved.
    let cur = abs;
    while (!existsSync(cur) && dirname(cur) !== cur) cur = dirname(cur);
    try {
      sys = systemFolder(realpathSync(cur));
    } catch {
      sys = null;
    }
  }
  if (!sys) return;
  const [hv, he] = hint(option, 'dir');
  throw new OutputError(
    `không ghi vào ${abs}: ${sys} là thư mục của hệ điều hành${hv || ' — chọn một thư mục của bạn'}`,
    `will not write to ${abs}: ${sys} is a folder of the operating system${he || ' — choose a folder of your own'}`,
    abs,
  );
}

/**
 * `mkdir -p` that cannot spin: finds the nearest folder that exists, refuses a file on the way,
 * then makes each missing folder once, top down. Any failure is an OutputError. Returns the
 * folders it made, top down.
 */
export function ensureDir(dir: string, option?: string): string[] {
  const abs = resolve(dir);
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    let st;
    try {
      st = statSync(cur, { throwIfNoEntry: false });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTDIR') throw cannotWrite(abs, code, option);
      st = undefined; // a file above it: found on the way up
    }
    if (st) {
      if (st.isDirectory()) break;
      const [hv, he] = hint(option, 'dir');
      throw new OutputError(
        cur === abs
          ? `${abs} là một tệp, không phải thư mục${hv}`
          : `không tạo được thư mục ${abs}: ${cur} là một tệp, không phải thư mục${hv}`,
        cur === abs ? `${abs} is a file, not a folder${he}` : `cannot make the folder ${abs}: ${cur} is a file, not a folder${he}`,
        abs,
        'ENOTDIR',
      );
    }
    const up = dirname(cur);
    if (up === cur) throw cannotWrite(abs, 'ENOENT', option); // a drive that is not there
    missing.push(cur);
    cur = up;
  }
  const made: string[] = [];
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
      made.push(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(d, { throwIfNoEntry: false })?.isDirectory()) continue; // made meanwhile
      if (code === 'EEXIST' && lstatSync(d, { throwIfNoEntry: false })?.isSymbolicLink()) {
        const [hv, he] = hint(option, 'dir');
        throw new OutputError(
          `không tạo được thư mục ${abs}: ${d} là một liên kết tới nơi không còn tồn tại${hv}`,
          `cannot make the folder ${abs}: ${d} is a link to a place that is not there${he}`,
          abs,
          'ENOENT',
        );
      }
      throw cannotWrite(abs, code, option);
    }
  }
  return made;
}

/**
 * Checks, before any work, that tiendo can write in `dir` (`rollup --out`, `validate --annotate`):
 * not a system folder, not a file, can be made, can be written (a probe file is made and removed
 * — access() would say yes to root on a read-only mount). Folders made for the check are removed
 * again: a run that stops early leaves nothing behind. `option` names the flag in the messages.
 */
export function checkOutputDir(dir: string, option?: string): string {
  const abs = resolve(dir);
  refuseSystemFolder(abs, option);
  const made = ensureDir(abs, option);
  try {
    const probe = join(abs, `.tiendo-probe-${process.pid}-${Date.now()}.tmp`);
    try {
      writeFileSync(probe, '', { flag: 'wx' });
    } catch (e) {
      throw cannotWrite(abs, (e as NodeJS.ErrnoException).code, option);
    }
    rmSync(probe, { force: true });
  } finally {
    for (const d of made.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // someone else put something there meanwhile: leave it
      }
    }
  }
  return abs;
}

/**
 * Checks an output file (`template --out`): not a folder, not an existing file unless `force`,
 * and its folder writable (checkOutputDir).
 */
export function checkOutputFile(file: string, opts: { force?: boolean; option?: string } = {}): string {
  const abs = resolve(file);
  refuseSystemFolder(abs, opts.option);
  let st;
  try {
    st = statSync(abs, { throwIfNoEntry: false });
  } catch {
    st = undefined; // ENOTDIR and the like: checkOutputDir below names the cause
  }
  if (st?.isDirectory()) {
    throw new OutputError(
      `${abs} là một thư mục — ghi tên tệp, ví dụ ${join(abs, 'mau.xlsx')}`,
      `${abs} is a folder — give a file name, e.g. ${join(abs, 'template.xlsx')}`,
      abs,
      'EISDIR',
    );
  }
  if (st && !opts.force) {
    throw new OutputError(
      `đã có tệp ${abs} — không ghi đè; thêm --force để ghi đè, hoặc chọn tên khác`,
      `${abs} exists — not overwritten; add --force to overwrite it, or choose another name`,
      abs,
      'EEXIST',
    );
  }
  checkOutputDir(dirname(abs), opts.option);
  return abs;
}

/** Codes that mean the write itself failed (the disk, the folder), not a bug in tiendo. */
const WRITE_CODES = new Set(Object.keys(CAUSES));

/** An error met while writing `target`, as one line when it is the disk's or the folder's fault. */
function writeFailure(e: unknown, target: string, tmp: string): unknown {
  if (e instanceof UsageError || !(e instanceof Error)) return e;
  const err = e as NodeJS.ErrnoException;
  if (!err.code || !WRITE_CODES.has(err.code)) return e;
  // An error about another file (an input read again while writing) is not this write's failure.
  if (err.path !== undefined && ![tmp, target, dirname(target)].map((p) => resolve(p)).includes(resolve(err.path))) return e;
  return cannotWrite(target, err.code, undefined, 'file');
}

/**
 * Writes `wb` to `target` atomically. The caller marks it (an annotated copy: domain/marks.ts); a
 * template is not marked, since it comes back filled in.
 */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, target: string): Promise<void> {
  // Level 1: registers' copies are small, and JSZip's default (6) is a third of a copy's time.
  await atomically(target, (tmp) => wb.xlsx.writeFile(tmp, { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } }));
}
