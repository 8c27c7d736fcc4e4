// Reading one input file into a RawWorkbook, or a Problem that says why not and what to do.
// The first bytes decide what a file really is: clerks rename .xls to .xlsx, save CSV as .xlsx …
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FileKind, Problem, RawWorkbook } from '../types.js';
import { readCsv } from './csv.js';
import { readXlsx } from './xlsx.js';

export type ReadResult =
  | { ok: true; kind: FileKind; workbook: RawWorkbook; problems: Problem[] }
  | { ok: false; kind: FileKind | null; problem: Problem; skip?: false }
  /** a workbook tiendo wrote itself (a report or an annotated copy): not a register */
  | { ok: false; kind: FileKind; skip: true };

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
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return unreadable('corrupt', { reason: 'là một thư mục' });
    size = st.size;
  } catch (e) {
    return unreadable('default', { reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  if (size === 0) return unreadable('empty');
  if (size > opts.maxFileBytes) return unreadable('tooLarge', { size: megabytes(size), limit: megabytes(opts.maxFileBytes) });

  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    return unreadable('default', { reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  const ext = extname(path).toLowerCase();
  const head = buf.subarray(0, 4);

  if (head.equals(OLE)) {
    // Both a legacy .xls and a password-protected .xlsx are OLE containers.
    const encrypted = buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    return unreadable(encrypted ? 'encrypted' : 'xls');
  }
  if (head.equals(ZIP)) {
    if (buf.subarray(0, 200).toString('latin1').includes('application/vnd.oasis.opendocument')) return unreadable('ods');
    const inflated = zipInflatedSize(buf);
    if (inflated === null) return unreadable('corrupt', { reason: 'tệp nén bị cắt cụt hoặc hỏng' }, 'xlsx');
    if (inflated > opts.maxFileBytes) {
      return unreadable('tooLarge', { size: megabytes(inflated), limit: megabytes(opts.maxFileBytes) }, 'xlsx');
    }
    return readXlsx(buf);
  }
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.ods') {
    if (looksLikeText(buf)) return readCsv(buf); // a CSV saved under a workbook's name
    return unreadable('corrupt', { reason: 'không phải tệp Excel' });
  }
  if (!looksLikeText(buf)) return unreadable('corrupt', { reason: 'không phải tệp văn bản CSV' }, 'csv');
  return readCsv(buf);
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Text, in UTF-8, UTF-16 or a legacy code page: no NUL bytes except in UTF-16. */
function looksLikeText(buf: Buffer): boolean {
  if (buf[0] === 0xff && buf[1] === 0xfe) return true;
  if (buf[0] === 0xfe && buf[1] === 0xff) return true;
  const sample = buf.subarray(0, 4096);
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
 * The total size of a zip's entries once inflated, from its central directory, or null when the
 * directory cannot be found (a truncated or corrupt file). Read before exceljs inflates anything,
 * so a zip bomb is refused without spending the memory.
 */
export function zipInflatedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) return null;
    const inflated = buf.readUInt32LE(offset + 24);
    if (inflated === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: no register is that large
    total += inflated;
    offset += 46 + buf.readUInt16LE(offset + 28) + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return total;
}
