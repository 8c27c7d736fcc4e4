// A zip package copied with a few parts replaced: every other entry's compressed bytes are copied as
// they are (no inflate, no deflate), only the parts given anew are deflated. For the annotated copy
// of an .xlsx register (./annotate-patch.ts): its formatting, drawings and everything tiendo does not
// know are carried across untouched, at a fraction of what loading and writing it through exceljs costs.
// The package is small (a register of ordinary size), so the whole copy is made in memory and written once.
import zlib, { deflateRawSync, inflateRawSync } from 'node:zlib';
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

/** An entry of the package as its central directory describes it. */
export interface PackageEntry {
  /** the name, a leading slash taken off */
  name: string;
  /** the name's bytes as stored (copied as they are) */
  rawName: Buffer;
  /** 0 stored, 8 deflated (no other is copied) */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Any part larger than this once inflated is not patched (a register's parts are far smaller). */
const PART_MAX = 64 << 20;

/**
 * The package's entries in their order, from its central directory (Zip64 sizes and offsets read
 * from their extra field); null when it cannot be copied raw: no directory, an encrypted entry, one
 * compressed otherwise than stored or deflated, one larger than any register's part.
 */
export function packageEntries(buf: Buffer): PackageEntry[] | null {
  const dir = centralDirectory(buf);
  if (!dir) return null;
  const out: PackageEntry[] = [];
  let at = dir.offset;
  for (let n = 0; n < dir.count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    const extraStart = at + 46 + buf.readUInt16LE(at + 28);
    const extraEnd = extraStart + buf.readUInt16LE(at + 30);
    const next = extraEnd + buf.readUInt16LE(at + 32);
    if (next > buf.length) return null;
    const sizes = zip64Sizes(buf, extraStart, extraEnd, {
      size: buf.readUInt32LE(at + 24),
      compressedSize: buf.readUInt32LE(at + 20),
      localOffset: buf.readUInt32LE(at + 42),
    });
    const rawName = buf.subarray(at + 46, extraStart);
    const name = rawName.toString('utf8').replace(/^\/+/, '');
    const e = {
      name,
      rawName,
      method: buf.readUInt16LE(at + 10),
      flags: buf.readUInt16LE(at + 8),
      crc: buf.readUInt32LE(at + 16),
      ...sizes,
    };
    // encrypted, compressed otherwise, or no register's part: not copied blind
    if (e.flags & 1 || (e.method !== 0 && e.method !== 8) || e.size > PART_MAX || e.localOffset === MAX32) return null;
    out.push(e);
    at = next;
  }
  return out;
}

type Sizes = { size: number; compressedSize: number; localOffset: number };

/** The sizes and offset of a central record, the saturated ones taken from its Zip64 extra field, in that order. */
function zip64Sizes(buf: Buffer, start: number, end: number, v: Sizes): Sizes {
  if (v.size !== MAX32 && v.compressedSize !== MAX32 && v.localOffset !== MAX32) return v;
  for (let i = start; i + 4 <= end; i += 4 + buf.readUInt16LE(i + 2)) {
    if (buf.readUInt16LE(i) !== 0x0001) continue;
    let p = i + 4;
    const stop = Math.min(end, p + buf.readUInt16LE(i + 2));
    const take = (x: number): number => {
      if (x !== MAX32 || p + 8 > stop) return x;
      const got = Number(buf.readBigUInt64LE(p));
      p += 8;
      return got;
    };
    const size = take(v.size);
    const compressedSize = take(v.compressedSize);
    return { size, compressedSize, localOffset: take(v.localOffset) };
  }
  return v;
}

/** Where the central directory starts and its number of entries, from the end record or its Zip64 twin. */
function centralDirectory(buf: Buffer): { offset: number; count: number } | null {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) !== EOCD) continue;
    const locator = i - 20;
    if (locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
      const z = Number(buf.readBigUInt64LE(locator + 8));
      if (z + 56 <= locator && buf.readUInt32LE(z) === ZIP64_EOCD) {
        return { offset: Number(buf.readBigUInt64LE(z + 48)), count: Number(buf.readBigUInt64LE(z + 32)) };
      }
    }
    const offset = buf.readUInt32LE(i + 16);
    return offset === MAX32 ? null : { offset, count: buf.readUInt16LE(i + 10) };
  }
  return null;
}

/**
 * A part inflated, its output held to the size the directory declares (a lying entry is never
 * inflated past it); null when it is not that size.
 */
export function inflatePart(buf: Buffer, e: PackageEntry): Buffer | null {
  const data = rawData(buf, e);
  if (!data) return null;
  if (e.method === 0) return data.length === e.size ? data : null;
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) });
    return out.length === e.size ? out : null;
  } catch {
    return null;
  }
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
