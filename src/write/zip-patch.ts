// A zip package copied with a few parts replaced: every other entry's compressed bytes are copied as
// they are (no inflate, no deflate), only the parts given anew are deflated. For the annotated copy
// of an .xlsx register (./annotate-patch.ts): its formatting, drawings and everything tiendo does not
// know are carried across untouched, at a fraction of what loading and writing it through exceljs costs.
// The package is small (a register of ordinary size), so the whole copy is made in memory and written once.
import zlib, { deflateRawSync } from 'node:zlib';
import { entryData, inflateEntry, ZipError, zipEntries, type ZipEntry } from '../zip/read.js';
import { crc32ByTable, windowBitsFor } from './zip-writer.js';

/** zlib.crc32 arrived in Node 20.15; the table answers for older 20.x. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
const crc32 = (data: Buffer): number => (nativeCrc ? nativeCrc(data) : crc32ByTable(data)) >>> 0;

// The signatures of the records the copy writes.
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Parts smaller than this are stored, not deflated. */
const STORE_BELOW = 1024;

/** An entry of the package as its central directory describes it. */
export type PackageEntry = ZipEntry;

/** Any part larger than this once inflated is not patched (a register's parts are far smaller). */
const PART_MAX = 64 << 20;

/**
 * The package's entries in their order, from its central directory; null when it cannot be copied
 * raw: no directory, an encrypted entry, one compressed otherwise than stored or deflated, one larger
 * than any register's part.
 */
export function packageEntries(buf: Buffer): PackageEntry[] | null {
  const entries = zipEntries(buf);
  if (!entries) return null;
  const copyable = (e: ZipEntry): boolean => !(e.flags & 1) && (e.method === 0 || e.method === 8) && e.size <= PART_MAX;
  return entries.every(copyable) ? entries : null;
}

/** A part inflated, its output held to the size the directory declares; null when it is not that size. */
export function inflatePart(buf: Buffer, e: PackageEntry): Buffer | null {
  try {
    return inflateEntry(buf, e);
  } catch (err) {
    if (err instanceof ZipError) return null;
    throw err;
  }
}

/** An entry's compressed bytes, where its local header says they start; null when they are not there. */
function rawData(buf: Buffer, e: PackageEntry): Buffer | null {
  try {
    return entryData(buf, e);
  } catch (err) {
    if (err instanceof ZipError) return null;
    throw err;
  }
}

interface OutEntry {
  name: Buffer;
  /** bit 11 (names in UTF-8) kept from the original; a data descriptor is never needed here */
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  data: Buffer;
}

/**
 * The package `buf` with the parts of `replace` put in place of theirs (a null drops a part), the parts
 * of `add` appended (those marked constant compressed once for all copies), every other entry copied raw. Null when an entry cannot be found where the
 * directory puts it. Parts are deflated at `level` (registers' copies are small: speed over size).
 */
export function patchZip(
  buf: Buffer,
  entries: PackageEntry[],
  replace: Map<string, string | Buffer | null>,
  add: [name: string, content: string | Buffer, constant?: boolean][],
  level = 1,
): Buffer | null {
  const out: OutEntry[] = [];
  const fresh = (name: string, content: string | Buffer, constant = false): OutEntry => {
    const key = constant && typeof content === 'string' ? `${name}\n${content}` : null;
    const known = key !== null ? CONSTANT.get(key) : undefined;
    if (known) return known;
    const made = compress(name, content);
    if (key !== null) CONSTANT.set(key, made);
    return made;
  };
  const compress = (name: string, content: string | Buffer): OutEntry => {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const entry = { name: Buffer.from(name, 'utf8'), flags: 0x0800, crc: crc32(data), size: data.length };
    // Setting up a deflate stream costs more than a small part gains from it.
    if (data.length < STORE_BELOW) return { ...entry, method: 0, compressed: data.length, data };
    const deflated = deflateRawSync(data, { level, windowBits: windowBitsFor(data.length) });
    return { ...entry, method: 8, compressed: deflated.length, data: deflated };
  };
  for (const e of entries) {
    const replaced = replace.get(e.name);
    if (replaced === null) continue;
    if (replaced !== undefined) {
      out.push(fresh(e.name, replaced));
      continue;
    }
    const data = rawData(buf, e);
    if (!data) return null;
    out.push({ name: e.rawName, flags: e.flags & 0x0800, method: e.method, crc: e.crc, compressed: e.compressedSize, size: e.size, data });
  }
  for (const [name, content, constant] of add) out.push(fresh(name, content, constant));
  return assemble(out);
}

/** Parts every copy carries alike (a stylesheet, the package's relationships), compressed once. */
const CONSTANT = new Map<string, OutEntry>();

/** DOS date and time of now (local time, as zip tools show it). */
function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function assemble(entries: OutEntry[]): Buffer | null {
  const when = dosNow();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    if (e.size > 0xfffffffe || e.compressed > 0xfffffffe || offset > 0xfffffffe) return null;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(e.flags, 6);
    head.writeUInt16LE(e.method, 8);
    head.writeUInt16LE(when.time, 10);
    head.writeUInt16LE(when.date, 12);
    head.writeUInt32LE(e.crc, 14);
    head.writeUInt32LE(e.compressed, 18);
    head.writeUInt32LE(e.size, 22);
    head.writeUInt16LE(e.name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.flags, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(when.time, 12);
    c.writeUInt16LE(when.date, 14);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.compressed, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(head, e.name, e.data);
    central.push(c, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  if (entries.length > 0xffff) return null;
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
