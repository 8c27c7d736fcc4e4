// The package of a workbook: its zip container held against the limits, its parts inflated (whole,
// or in pieces for large ones) and refused when they declare a DOCTYPE, and the parts that say
// where everything is (relationships, the workbook's sheet list, the core properties).
import { StringDecoder } from 'node:string_decoder';
import { attr, attributes, elements, firstElement, unescapeXml } from './xml.js';
import { declaresDoctype, inflateEntry, inflateEntryChunks, zipEntries, type ZipEntry } from '../zip/read.js';

/** Parts larger than this once inflated are read in chunks, never held whole. */
const STREAM_ABOVE = 4 << 20;

export interface XlsxLimits {
  /** the most a workbook's parts may inflate to, together */
  maxFileBytes: number;
  /** the most cells (`<c>` elements) its sheets may hold; default maxFileBytes / 100 */
  maxCells?: number;
}

/** A workbook refused, with the file-unreadable message that says why. */
export class Refusal extends Error {
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number>,
  ) {
    super(messageId);
  }
}

export function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export interface Package {
  buf: Buffer;
  /** the entries by lower-cased name, the first of each name */
  byName: Map<string, ZipEntry>;
}

/** The package, its central directory held against the limit before anything is inflated. */
export function openPackage(buf: Buffer, limits: XlsxLimits): Package {
  const entries = zipEntries(buf);
  if (!entries) throw new Refusal('corrupt', { reason: 'tệp nén bị cắt cụt hoặc hỏng' });
  let total = 0;
  for (const e of entries) total += e.size;
  if (total > limits.maxFileBytes) throw new Refusal('tooLarge', { size: megabytes(total), limit: megabytes(limits.maxFileBytes) });
  const pkg: Package = { buf, byName: new Map() };
  for (const e of entries) if (!pkg.byName.has(e.name.toLowerCase())) pkg.byName.set(e.name.toLowerCase(), e);
  return pkg;
}

function checkXml(name: string, data: Buffer): void {
  if (/\.(xml|rels|vml)$/i.test(name) && declaresDoctype(data)) {
    throw new Refusal('corrupt', { reason: `phần ${name} khai báo DOCTYPE/ENTITY — không phải tệp Excel thông thường` });
  }
}

function decodeXml(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return data.toString('utf16le', 2);
  const s = data.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** A part's text, whole; null when the package has no such part. */
export function partText(pkg: Package, name: string): string | null {
  const e = pkg.byName.get(name.toLowerCase());
  if (!e) return null;
  const data = inflateEntry(pkg.buf, e);
  checkXml(e.name, data);
  return decodeXml(data);
}

/**
 * A part's text in pieces that each end just after a closing tag of `unit` (`</row>`, `</si>`,
 * with any prefix), so no unit is ever cut; the last piece holds whatever follows the last unit.
 * Small parts come in one piece. False when the package has no such part.
 */
export async function partPieces(pkg: Package, name: string, unit: string, onPiece: (text: string) => void): Promise<boolean> {
  const e = pkg.byName.get(name.toLowerCase());
  if (!e) return false;
  if (e.size <= STREAM_ABOVE) {
    const data = inflateEntry(pkg.buf, e);
    checkXml(e.name, data);
    onPiece(decodeXml(data));
    return true;
  }
  let decoder: StringDecoder | null = null;
  let pending = '';
  let tail = Buffer.alloc(0);
  await inflateEntryChunks(pkg.buf, e, (chunk) => {
    // A declaration may straddle two chunks: look at the seam too.
    checkXml(e.name, Buffer.concat([tail, chunk]));
    tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 32)));
    if (!decoder) {
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe;
      decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
      chunk = chunk.subarray(utf16 ? 2 : 0);
    }
    pending += decoder.write(chunk);
    const cut = endOfLastClose(pending, unit);
    if (cut >= 0) {
      onPiece(pending.slice(0, cut));
      pending = pending.slice(cut);
    }
  });
  pending += decoder ? (decoder as StringDecoder).end() : '';
  onPiece(pending);
  return true;
}

/** Where the last closing tag `</unit>` or `</prefix:unit>` in `s` ends, or -1. */
function endOfLastClose(s: string, unit: string): number {
  const tail = `${unit}>`;
  for (let i = s.lastIndexOf(tail); i >= 0; i = s.lastIndexOf(tail, i - 1)) {
    const lt = s.lastIndexOf('<', i);
    if (lt >= 0 && /^\/(?:[\w.-]+:)?$/.test(s.slice(lt + 1, i))) return i + tail.length;
  }
  return -1;
}

// ───────────────────────────── where the parts are ─────────────────────────────

export interface Relationship {
  id: string;
  type: string;
  /** the part's name in the package, resolved against the source part's folder */
  target: string;
}

export function relationships(xml: string, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const { attrs } of elements(xml, 'Relationship')) {
    if ((attr(attrs, 'TargetMode') ?? '').toLowerCase() === 'external') continue;
    const target = attr(attrs, 'Target') ?? '';
    out.push({ id: attr(attrs, 'Id') ?? '', type: attr(attrs, 'Type') ?? '', target: resolvePart(baseDir, target) });
  }
  return out;
}

/** The target of the first relationship of a type (its last path segment), or `fallback`. */
export function targetOf(rels: Relationship[], type: string, fallback: string): string {
  return rels.find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback;
}

function resolvePart(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The core properties' keywords (where tiendo marks its own workbooks); null when there are none. */
export function keywords(coreXml: string): string | null {
  const k = firstElement(coreXml, 'keywords');
  return k?.body != null ? unescapeXml(k.body).trim() : null;
}

export interface SheetRef {
  name: string;
  rid: string;
  /** `hidden` (unhidden from the menu) or `veryHidden` (only from the VBA editor) */
  hidden?: 'hidden' | 'veryHidden';
}

export function workbookXml(xml: string): { sheets: SheetRef[]; date1904: boolean } {
  const pr = firstElement(xml, 'workbookPr');
  const d = pr ? attributes(pr.attrs).get('date1904') : undefined;
  const sheets: SheetRef[] = [];
  for (const { attrs } of elements(xml, 'sheet')) {
    const a = attributes(attrs);
    const ref: SheetRef = { name: a.get('name') ?? '', rid: a.get(':id') ?? a.get('r:id') ?? '' };
    const state = a.get('state');
    if (state === 'hidden' || state === 'veryHidden') ref.hidden = state;
    sheets.push(ref);
  }
  return { sheets, date1904: d === '1' || d === 'true' };
}
