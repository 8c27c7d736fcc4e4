// A zip archive written part by part, for the workbooks tiendo writes itself (./xlsx-writer.ts).
// A large part is deflated by zlib on Node's thread pool while the caller goes on producing its
// text, so on two cores writing and compressing run side by side; only the compressed bytes of the
// part being written are held, never the text of a whole sheet.
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import zlib, { deflateRawSync } from 'node:zlib';

/** zlib.crc32 arrived in Node 20.15; the table below answers for older 20.x. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;

function crc32(data: Buffer, crc = 0): number {
  return nativeCrc ? nativeCrc(data, crc) : crc32ByTable(data, crc);
}

let table: Uint32Array | null = null;
/** CRC-32 as zip wants it, byte by byte through a table; `crc` carries on from an earlier piece. */
export function crc32ByTable(data: Buffer, crc = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (const byte of data) c = (table[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** DOS date and time of `d` (local time, as zip tools show it). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A part being written: text (or its UTF-8 bytes) in; `end` hands it to the archive, which writes parts in order. */
export interface PartWriter {
  write(data: string | Buffer): Promise<void>;
  end(): void;
}

/**
 * Text is compressed in pieces of about this size on zlib's thread pool, as a stream. The caller waits only when a part has several pieces
 * queued, and never for a part to finish: the archive writes each part when its bytes are ready,
 * in the order the parts were opened.
 */
const PIECE = 1 << 17;

/**
 * A part smaller than this is deflated at once on this thread (handing it over would cost more); a
 * larger one that fits in one piece (a district's sheets) in one call on the thread pool.
 */
const ON_THIS_THREAD = 1 << 14;

/**
 * Small parts deflated before, by their text: the relationships, content types, drawings and styles
 * that every workbook of a rollup repeats word for word (always at level 1, the writers' level).
 */
const REMEMBERED = new Map<string, { out: Buffer; crc: number; size: number }>();
const REMEMBER_CHARS = 1 << 14;

function remember(text: string, deflated: { out: Buffer; crc: number; size: number }): void {
  if (REMEMBERED.size >= 256) REMEMBERED.clear();
  REMEMBERED.set(text, deflated);
}

const deflateRawAsync = (data: Buffer, options: zlib.ZlibOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => zlib.deflateRaw(data, options, (e, out) => (e ? reject(e) : resolve(out))));

/**
 * The smallest deflate window that holds all of `size` bytes (zlib keeps 262 bytes of lookahead): the
 * same output as the full 32 KB window, since no match can reach further back than the part's start,
 * but zlib sets up a small window much faster, and a workbook has a dozen parts of a few hundred bytes.
 */
export function windowBitsFor(size: number): number {
  let bits = 9;
  while (bits < 15 && (1 << bits) - 262 < size) bits++;
  return bits;
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private open = false;
  private readonly when = dosTime(new Date());
  /** the parts handed over and not yet written, in order */
  private queue: Promise<void> = Promise.resolve();
  /** set by abandon(): nothing more is written, the file is being given up */
  private abandoned = false;

  /** `fd`: a file open for writing, positioned at its start. */
  constructor(
    private readonly fd: number,
    private readonly level = 1,
  ) {}

  /** Opens the next part; a part is opened only after the previous one ended. */
  part(name: string): PartWriter {
    if (this.open) throw new Error(`zip: part ${name} opened before the previous one ended`);
    this.open = true;
    // text not yet encoded, then bytes not yet handed to the compressor, in order
    let texts: string[] = [];
    let textLength = 0;
    let held: Buffer[] = [];
    let heldBytes = 0;
    let deflate: zlib.DeflateRaw | null = null;
    const chunks: Buffer[] = [];
    let crc = 0;
    let size = 0;
    let compressed = 0;
    let done: Promise<unknown> = Promise.resolve();

    const hold = (buf: Buffer): void => {
      crc = crc32(buf, crc);
      size += buf.length;
      held.push(buf);
      heldBytes += buf.length;
    };
    const holdTexts = (): void => {
      if (!texts.length) return;
      hold(Buffer.from(texts.length === 1 ? (texts[0] ?? '') : texts.join(''), 'utf8'));
      texts = [];
      textLength = 0;
    };
    const stream = (): zlib.DeflateRaw => {
      if (deflate) return deflate;
      // zlib passes stream options on to its Transform, though ZlibOptions does not declare them
      const options: zlib.ZlibOptions & { writableHighWaterMark: number } = {
        level: this.level,
        chunkSize: 256 * 1024,
        writableHighWaterMark: 4 * PIECE,
      };
      const d = zlib.createDeflateRaw(options);
      d.on('data', (b: Buffer) => {
        chunks.push(b);
        compressed += b.length;
      });
      done = once(d, 'end');
      return (deflate = d);
    };
    /** The bytes held so far to the compressor; true when it wants no more until it drains. */
    const release = (d: zlib.DeflateRaw): boolean => {
      let full = false;
      for (const b of held) full = !d.write(b);
      held = [];
      heldBytes = 0;
      return full;
    };

    return {
      write: async (data: string | Buffer) => {
        if (typeof data === 'string') {
          texts.push(data);
          textLength += data.length;
          if (textLength < PIECE) return;
          holdTexts();
        } else {
          holdTexts();
          hold(data);
        }
        if (heldBytes < PIECE) return;
        const d = stream();
        if (release(d)) await once(d, 'drain');
      },
      end: () => {
        // a small part written in one piece may be one every workbook has: deflated once
        const single = this.level === 1 && !deflate && !held.length && texts.length === 1 ? texts[0] : undefined;
        const known = single === undefined ? undefined : REMEMBERED.get(single);
        if (known) {
          ({ crc, size } = known);
          chunks.push(known.out);
          compressed = known.out.length;
        } else if (deflate) {
          holdTexts();
          release(deflate);
          deflate.end();
        } else {
          holdTexts();
          const all = held.length === 1 ? (held[0] ?? Buffer.alloc(0)) : Buffer.concat(held);
          held = [];
          const got = (out: Buffer): void => {
            chunks.push(out);
            compressed = out.length;
          };
          const options = { level: this.level, windowBits: windowBitsFor(all.length) };
          if (all.length >= ON_THIS_THREAD) done = deflateRawAsync(all, options).then(got);
          else {
            const out = deflateRawSync(all, options);
            got(out);
            if (single !== undefined && single.length <= REMEMBER_CHARS) remember(single, { out, crc, size });
          }
        }
        const ready = done;
        this.queue = this.queue.then(async () => {
          await ready;
          this.add(name, chunks, { crc, size, compressed });
        });
        // a failure surfaces in finish(); until then it must not count as unhandled
        this.queue.catch(() => undefined);
        this.open = false;
      },
    };
  }

  /** A whole part at once. */
  async text(name: string, text: string): Promise<void> {
    const p = this.part(name);
    await p.write(text);
    p.end();
  }

  /**
   * Gives the archive up after a failure: parts still being compressed are dropped, not written.
   * Resolves once none of them can touch the file any more, so the caller may close it (and the
   * descriptor, reused by the next file opened, never receives this archive's bytes).
   */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await this.queue.catch(() => undefined);
  }

  private add(name: string, data: Buffer[], e: { crc: number; size: number; compressed: number }): void {
    if (this.abandoned) return;
    if (e.size > 0xfffffffe || this.offset > 0xfffffffe) throw new Error(`zip: ${name} is too large for a workbook`);
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    head.writeUInt16LE(0x0800, 6); // names in UTF-8
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(this.when.time, 10);
    head.writeUInt16LE(this.when.date, 12);
    head.writeUInt32LE(e.crc >>> 0, 14);
    head.writeUInt32LE(e.compressed, 18);
    head.writeUInt32LE(e.size, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    head.writeUInt16LE(0, 28);
    this.entries.push({ name: nameBytes, crc: e.crc >>> 0, compressed: e.compressed, size: e.size, offset: this.offset });
    this.write([head, nameBytes, ...data]);
  }

  private write(bufs: Buffer[]): void {
    for (const b of bufs) {
      for (let at = 0; at < b.length;) at += writeSync(this.fd, b, at, b.length - at);
      this.offset += b.length;
    }
  }

  /** Waits for every part to be written, then writes the central directory; the caller closes the file. */
  async finish(): Promise<void> {
    await this.queue;
    const start = this.offset;
    const central: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: version 2.0
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0800, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.when.time, 12);
      h.writeUInt16LE(this.when.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      central.push(h, e.name);
    }
    const size = central.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.write([...central, end]);
  }
}
