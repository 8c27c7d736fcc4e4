// The zip container of an .xlsx, read defensively. A workbook is hostile until proven otherwise:
// its central directory may be missing (a truncated download), may declare sizes far beyond any
// register (a zip bomb), or may lie — declare a few kilobytes and inflate to gigabytes. So every
// entry is inflated here, never by a library, with the output capped at the size it declared.
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** the name, a leading slash taken off */
  name: string;
  /** the name's bytes as stored (a raw copy keeps them) */
  rawName: Buffer;
  /** 0 stored, 8 deflated; anything else is refused */
  method: number;
  /** general-purpose flags; bit 0 = encrypted */
  flags: number;
  /** the CRC-32 the central directory declares */
  crc: number;
  compressedSize: number;
  /** the size the central directory declares once inflated */
  size: number;
  /** where the entry's local header starts */
  localOffset: number;
}

/** Why a zip is refused: `corrupt` (cut short, inconsistent, unsupported) or `tooLarge`. */
export class ZipError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'tooLarge',
    message: string,
    readonly size?: number,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The Zip64 extended-information extra field. */
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;

/** A 64-bit little-endian size or offset, as a number: beyond 2^53 it is only ever "too large". */
function u64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

/** The body of the extra field `id` within `[start, end)`, or null. */
function extraField(buf: Buffer, start: number, end: number, id: number): { at: number; length: number } | null {
  for (let i = start; i + 4 <= end;) {
    const length = buf.readUInt16LE(i + 2);
    if (buf.readUInt16LE(i) === id) return i + 4 + length <= end ? { at: i + 4, length } : null;
    i += 4 + length;
  }
  return null;
}

/**
 * Where the central directory starts and how many entries it holds: from the end record, or from
 * the Zip64 end record its locator points at (Info-ZIP `zip -fz`, Java's Commons Compress, Python
 * with force_zip64) when the end record's fields are saturated or a locator stands right before it.
 */
function directory(buf: Buffer, eocd: number): { count: number; offset: number } | null {
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const at = u64(buf, locator + 8);
    if (at + 56 > locator || buf.readUInt32LE(at) !== ZIP64_EOCD) {
      // A locator pointing nowhere is a damaged file only when the end record needs it.
      if (count === 0xffff || offset === MAX32) return null;
    } else {
      count = u64(buf, at + 32);
      offset = u64(buf, at + 48);
    }
  } else if (offset === MAX32) return null;
  return { count, offset };
}

interface Sizes {
  size: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * The sizes and offset a central header saturated, from its Zip64 extra field, which holds, in
 * this order, only those; null when the offset is saturated and the field does not give it.
 */
function zip64Sizes(buf: Buffer, extraStart: number, extraEnd: number, narrow: Sizes): Sizes | null {
  const z = extraField(buf, extraStart, extraEnd, ZIP64_EXTRA);
  if (!z) return narrow.localOffset === MAX32 ? null : narrow;
  let at = z.at;
  const next = (): number | null => {
    if (at + 8 > z.at + z.length) return null;
    const v = u64(buf, at);
    at += 8;
    return v;
  };
  const size = narrow.size === MAX32 ? (next() ?? narrow.size) : narrow.size;
  const compressedSize = narrow.compressedSize === MAX32 ? (next() ?? narrow.compressedSize) : narrow.compressedSize;
  const localOffset = narrow.localOffset === MAX32 ? next() : narrow.localOffset;
  return localOffset === null ? null : { size, compressedSize, localOffset };
}

/**
 * The entries of a zip, from its central directory; null when the directory cannot be found or
 * is inconsistent (a truncated or corrupt file). Zip64 sizes and offsets are read from the Zip64
 * extra field; a saturated size without one is taken at its word (4 GB), never as infinite, so the
 * caller's bound refuses it.
 */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  if (buf.length < 22) return null;
  const min = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const dir = directory(buf, eocd);
  if (!dir) return null;
  let offset = dir.offset;
  const entries: ZipEntry[] = [];
  for (let n = 0; n < dir.count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraStart = offset + 46 + nameLength;
    const extraEnd = extraStart + buf.readUInt16LE(offset + 30);
    const end = extraEnd + buf.readUInt16LE(offset + 32);
    if (end > buf.length) return null;
    let size = buf.readUInt32LE(offset + 24);
    let compressedSize = buf.readUInt32LE(offset + 20);
    let localOffset = buf.readUInt32LE(offset + 42);
    if (size === MAX32 || compressedSize === MAX32 || localOffset === MAX32) {
      const wide = zip64Sizes(buf, extraStart, extraEnd, { size, compressedSize, localOffset });
      if (!wide) return null;
      ({ size, compressedSize, localOffset } = wide);
    }
    const rawName = buf.subarray(offset + 46, offset + 46 + nameLength);
    entries.push({
      name: rawName.toString('utf8').replace(/^\/+/, ''),
      rawName,
      method: buf.readUInt16LE(offset + 10),
      flags: buf.readUInt16LE(offset + 8),
      crc: buf.readUInt32LE(offset + 16),
      compressedSize,
      size,
      localOffset,
    });
    offset = end;
  }
  return entries;
}

/** The compressed bytes of an entry, as the central directory places them. */
export function entryData(buf: Buffer, e: ZipEntry): Buffer {
  const o = e.localOffset;
  if (o + 30 > buf.length || buf.readUInt32LE(o) !== LOCAL) throw new ZipError('corrupt', `${e.name}: local header missing`);
  // The local header's own sizes (Zip64 or not, or zero before a data descriptor) are not needed:
  // the central directory's are the ones held against the limit.
  const start = o + 30 + buf.readUInt16LE(o + 26) + buf.readUInt16LE(o + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError('corrupt', `${e.name}: cut short`);
  return buf.subarray(start, start + e.compressedSize);
}

function checkEntry(e: ZipEntry): void {
  if (e.flags & 1) throw new ZipError('corrupt', `${e.name}: encrypted entry`);
  if (e.method !== 0 && e.method !== 8) throw new ZipError('corrupt', `${e.name}: compression method ${e.method}`);
}

function mismatch(e: ZipEntry, got: number): ZipError {
  // More than declared is how a lying bomb looks; fewer is a damaged file. Either way it is not
  // the file its directory describes, and no library will be allowed to find out how much more.
  return got > e.size
    ? new ZipError('tooLarge', `${e.name}: inflates past its declared ${e.size} bytes`, got)
    : new ZipError('corrupt', `${e.name}: inflates to ${got} bytes, ${e.size} declared`);
}

/**
 * An entry inflated in one piece, its output capped at its declared size: memory is bounded by
 * what the directory declared (which the caller has already held against the limit).
 */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  checkEntry(e);
  const data = entryData(buf, e);
  if (e.method === 0) {
    if (data.length !== e.size) throw mismatch(e, data.length);
    return data;
  }
  let out: Buffer;
  try {
    // One byte more than declared is enough to catch a lie without inflating the rest of it.
    // Output in one buffer of the declared size (and the byte that tells a lie) rather than 16 KB
    // chunks joined, up to a megabyte: a declared size is only allocated as it proves true.
    const chunkSize = Math.min(1 << 20, Math.max(64, e.size + 1));
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1), chunkSize });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw mismatch(e, e.size + 1);
    throw new ZipError('corrupt', `${e.name}: ${(err as Error).message}`);
  }
  if (out.length !== e.size) throw mismatch(e, out.length);
  return out;
}

/**
 * An entry inflated chunk by chunk, each chunk handed to `onChunk` and let go: for the large
 * parts (a sheet of 100,000 rows), whose text is never held whole. Stops at the first byte past
 * the declared size.
 */
export async function inflateEntryChunks(buf: Buffer, e: ZipEntry, onChunk: (chunk: Buffer) => void): Promise<void> {
  checkEntry(e);
  const data = entryData(buf, e);
  if (e.method === 0) {
    if (data.length !== e.size) throw mismatch(e, data.length);
    for (let i = 0; i < data.length; i += 1 << 20) onChunk(data.subarray(i, i + (1 << 20)));
    return;
  }
  const inflate = createInflateRaw({ chunkSize: 1 << 18 });
  let got = 0;
  /** what the consumer threw (a refusal of its own): passed on as it is */
  let consumerError: { error: unknown } | null = null;
  const done = (async () => {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      got += chunk.length;
      if (got > e.size) {
        inflate.destroy();
        throw mismatch(e, got);
      }
      try {
        onChunk(chunk);
      } catch (error) {
        consumerError = { error };
        inflate.destroy();
        return;
      }
    }
  })();
  inflate.end(data);
  try {
    await done;
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('corrupt', `${e.name}: ${(err as Error).message}`);
  }
  if (consumerError) throw (consumerError as { error: unknown }).error;
  if (got !== e.size) throw mismatch(e, got);
}

/**
 * True when XML text declares a document type or entities. SpreadsheetML never does; a part that
 * does is an attack (billion laughs, external entities) and is refused before any parser sees it.
 * Looks at UTF-8 and UTF-16 spellings, in any case.
 */
const DECLARATION_OPEN = { latin1: Buffer.from('<!', 'latin1'), utf16le: Buffer.from('<!', 'utf16le') };
const DECLARATION_OPEN_BE = Buffer.from('\0<\0!', 'latin1');

export function declaresDoctype(xml: Buffer): boolean {
  for (const enc of ['latin1', 'utf16le'] as const) {
    const open = DECLARATION_OPEN[enc];
    for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + open.length)) {
      const word = xml.toString(enc, i + open.length, i + open.length + (enc === 'latin1' ? 7 : 14)).toUpperCase();
      if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return true;
    }
  }
  // UTF-16 big-endian: the same bytes shifted by one.
  const be = DECLARATION_OPEN_BE;
  for (let i = xml.indexOf(be); i >= 0; i = xml.indexOf(be, i + be.length)) {
    const slice = xml.subarray(i + 4, Math.min(xml.length, i + 4 + 14));
    const word = Buffer.from(slice.subarray(0, slice.length & ~1))
      .swap16()
      .toString('utf16le')
      .toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return true;
  }
  return false;
}
