// Reading one input file into a RawWorkbook, or a Problem that says why not and what to do.
// The first bytes decide what a file really is: clerks rename .xls to .xlsx, save CSV as .xlsx …
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { FileKind, Problem, RawWorkbook } from '../types.js';
import { readCsv } from './csv.js';
import { readXlsx } from './xlsx.js';
import { zipEntries } from '../zip/read.js';

export type ReadResult =
  | { ok: true; kind: FileKind; workbook: RawWorkbook; problems: Problem[] }
  | { ok: false; kind: FileKind | null; problem: Problem; skip?: false }
  /** a workbook tiendo wrote itself that is not a register: a summary (src/marks.ts) */
  | { ok: false; kind: FileKind; skip: true; reason: SkipReason };

/** Why a file read was not taken as a register. */
export type SkipReason = 'summary';

export interface ReadOptions {
  /** upper bound for the file and for an xlsx's inflated parts */
  maxFileBytes: number;
}

/** The extensions tiendo reads; anything else in a folder is ignored. */
export const REGISTER_EXTENSIONS = ['.xlsx', '.xlsm', '.csv', '.tsv', '.txt', '.xls', '.ods'];

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function unreadable(messageId: string, data: Record<string, string | number> = {}, kind: FileKind | null = null): ReadResult {
  return { ok: false, kind, problem: { rule: 'file-unreadable', at: {}, messageId, data } };
}

export async function readWorkbook(path: string, opts: ReadOptions): Promise<ReadResult> {
  const got = readBounded(path, opts.maxFileBytes);
  if ('problem' in got) return got.problem;
  const buf = got.buf;
  const ext = extname(path).toLowerCase();
  const head = buf.subarray(0, 4);

  if (head.equals(OLE)) {
    // Both a legacy .xls and a password-protected .xlsx are OLE containers.
    const encrypted = buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    return unreadable(encrypted ? 'encrypted' : 'xls');
  }
  if (head.equals(ZIP)) {
    if (buf.subarray(0, 200).toString('latin1').includes('application/vnd.oasis.opendocument')) return unreadable('ods');
    // The container is checked, each part inflated with its output capped and any DOCTYPE refused,
    // before a cell is parsed (./zip.ts, ./xlsx.ts).
    return readXlsx(buf, { maxFileBytes: opts.maxFileBytes });
  }
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.ods') {
    if (looksLikeText(buf)) return readCsv(buf, csvLimits(opts)); // a CSV saved under a workbook's name
    return unreadable('corrupt', { reason: 'không phải tệp Excel' });
  }
  if (!looksLikeText(buf)) return unreadable('corrupt', { reason: 'không phải tệp văn bản CSV' }, 'csv');
  return readCsv(buf, csvLimits(opts));
}

/** A text file's cells are bounded like a workbook's: one per 100 bytes of the limit (./xlsx.ts). */
function csvLimits(opts: ReadOptions): { maxCells: number } {
  return { maxCells: Math.floor(opts.maxFileBytes / 100) };
}

/**
 * The file's bytes, read through one descriptor: its size is checked before a byte is read, and
 * the file cannot grow between the check and the read. Synchronous: registers are small, one is
 * read at a time (or one per worker), and the promise API costs more than the read itself.
 */
function readBounded(path: string, max: number): { buf: Buffer } | { problem: ReadResult } {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return { problem: unreadable('corrupt', { reason: 'là một thư mục' }) };
    if (st.size === 0) return { problem: unreadable('empty') };
    if (st.size > max) return { problem: unreadable('tooLarge', { size: megabytes(st.size), limit: megabytes(max) }) };
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    return n === 0 ? { problem: unreadable('empty') } : { buf: n === buf.length ? buf : buf.subarray(0, n) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { problem: unreadable('corrupt', { reason: 'là một thư mục' }) };
    return { problem: unreadable('default', { reason: code ?? String(e) }) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A byte below space other than tab, line feed, vertical tab, form feed and carriage return. */
// eslint-disable-next-line no-control-regex -- control bytes are what this looks for
const CONTROL = /[\x00-\x08\x0e-\x1f]/;

/** Text, in UTF-8, UTF-16 or a legacy code page: no NUL bytes except in UTF-16. */
function looksLikeText(buf: Buffer): boolean {
  if (buf[0] === 0xff && buf[1] === 0xfe) return true;
  if (buf[0] === 0xfe && buf[1] === 0xff) return true;
  const sample = buf.subarray(0, 4096);
  // Most text holds no control character but tab and line breaks: one native scan says so.
  if (!CONTROL.test(sample.toString('latin1'))) return true;
  let nul = 0;
  let control = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (nul > sample.length / 4) return true; // UTF-16 without a BOM
  return nul === 0 && control <= sample.length / 100;
}

/**
 * The total size of a zip's entries once inflated, as its central directory declares it, or null
 * when the directory cannot be found (a truncated or corrupt file); Zip64 sizes as their extra field gives them.
 */
export function zipInflatedSize(buf: Buffer): number | null {
  const entries = zipEntries(buf);
  return entries ? entries.reduce((n, e) => n + e.size, 0) : null;
}
