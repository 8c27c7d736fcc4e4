// A zip package copied with a few parts replaced: every other entry's compressed bytes are copied as
// they are (no inflate, no deflate), only the parts given anew are deflated. For the annotated copy
// of an .xlsx register (./annotate-patch.ts): its formatting, drawings and everything tiendo does not
// know are carried across untouched, at a fraction of what loading and writing it through exceljs costs.
// The package is small (a register of ordinary size), so the whole copy is made in memory and written once.
import zlib, { deflateRawSync } from 'node:zlib';
import { zipEntries, type ZipEntry } from '../read/zip.js';
import { crc32ByTable } from './zip-writer.js';

/** zlib.crc32 arrived in Node 20.15; the table answers for older 20.x. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
const crc32 = (data: Buffer): number => (nativeCrc ? nativeCrc(data) : crc32ByTable(data)) >>> 0;

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** Parts smaller than this are stored, not deflated. */
const STORE_BELOW = 1024;

/** An entry of the package as it stands: what the reader found, and what a raw copy needs besides. */
export interface PackageEntry extends ZipEntry {
  crc: number;
  /** the name's bytes as stored (copied as they are) */
  rawName: Buffer;
}

/** The package's entries in their order, with each one's CRC; null when it cannot be copied raw (see why at each return). */
export function packageEntries(buf: Buffer): PackageEntry[] | null {
  const entries = zipEntries(buf);
  if (!entries) return null;
  const start = centralStart(buf);
  if (start === null) return null;
  const out: PackageEntry[] = [];
  let at = start;
  for (const e of entries) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    // encrypted, or compressed otherwise than stored or deflated: not copied blind
    if (e.flags & 1 || (e.method !== 0 && e.method !== 8)) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const rawName = buf.subarray(at + 46, at + 46 + nameLength);
    out.push({ ...e, crc: buf.readUInt32LE(at + 16), rawName });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}

/** Where the central directory starts, from the end record or its Zip64 twin (zipEntries has checked both). */
function centralStart(buf: Buffer): number | null {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) !== EOCD) continue;
    const locator = i - 20;
    if (locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
      const z = Number(buf.readBigUInt64LE(locator + 8));
      if (z + 56 <= locator && buf.readUInt32LE(z) === ZIP64_EOCD) return Number(buf.readBigUInt64LE(z + 48));
    }
    const offset = buf.readUInt32LE(i + 16);
    return offset === MAX32 ? null : offset;
  }
  return null;
}

/** An entry's compressed bytes, where its local header says they start. */
function rawData(buf: Buffer, e: PackageEntry): Buffer | null {
  const o = e.localOffset;
  if (o + 30 > buf.length || buf.readUInt32LE(o) !== LOCAL) return null;
  const from = o + 30 + buf.readUInt16LE(o + 26) + buf.readUInt16LE(o + 28);
  return from + e.compressedSize <= buf.length ? buf.subarray(from, from + e.compressedSize) : null;
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
 * of `add` appended, every other entry copied raw. Null when an entry cannot be found where the
 * directory puts it. Parts are deflated at `level` (registers' copies are small: speed over size).
 */
export function patchZip(
  buf: Buffer,
  entries: PackageEntry[],
  replace: Map<string, string | Buffer | null>,
  add: [string, string | Buffer][],
  level = 1,
): Buffer | null {
  const out: OutEntry[] = [];
  const fresh = (name: string, content: string | Buffer): OutEntry => {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const entry = { name: Buffer.from(name, 'utf8'), flags: 0x0800, crc: crc32(data), size: data.length };
    // Setting up a deflate stream costs more than a small part gains from it.
    if (data.length < STORE_BELOW) return { ...entry, method: 0, compressed: data.length, data };
    const deflated = deflateRawSync(data, { level });
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
  for (const [name, content] of add) out.push(fresh(name, content));
  return assemble(out);
}

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
