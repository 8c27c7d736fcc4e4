// Workbooks turned into plain cells, by a focused reader of the few SpreadsheetML parts a register
// needs (workbook, relationships, styles, shared strings, sheets), over the zip layer in ./zip.ts.
//
// Why not exceljs's reader: it keeps every cell as objects of ~5–6 KB a row (a 100,000-row sheet
// took 614 MB), inflates whatever the zip holds, and is the slowest step of a rollup (bench/RESULTS.md).
// This reader inflates each part itself with the output capped, refuses DOCTYPE and entities before
// parsing, streams large sheets in chunks, and keeps only the cells. It follows exceljs's reading
// where exceljs is right, so the readers agree cell for cell on every fixture
// (test/read/xlsx-reader.test.ts); `TIENDO_XLSX_READER=exceljs` switches back to exceljs.
//
// The traps (LIBRARIES.md) it handles: dates are calendar days from the serial (1900 and 1904
// systems), detected from the number format as exceljs does; merged cells repeat their master's
// value down a column but not across a row; formulas give their cached result, or `=<formula>`
// when none was cached; rich text comes in runs; the font name tells legacy-encoded text.
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { isoFromUtc } from '../domain/dates.js';
import type { Cell, Problem, RawWorkbook, Sheet, SheetRow } from '../types.js';
import { isResultSheet, isSummaryWorkbook } from '../domain/marks.js';
import type { ReadResult } from './file.js';
import { legacyFontKind, tcvn3ToUnicode } from './legacy.js';
import { displayNumber, formatCode, formatKind } from './numfmt.js';
import { declaresDoctype, inflateEntry, inflateEntryChunks, ZipError, zipEntries, type ZipEntry } from './zip.js';

/** The first real day: serials below 61 are shifted by Excel's fictitious 29/02/1900. */
const FIRST_TRUSTED_DAY = '1900-03-01';
/** Parts larger than this once inflated are read in chunks, never held whole. */
const STREAM_ABOVE = 4 << 20;

export interface XlsxLimits {
  /** the most a workbook's parts may inflate to, together */
  maxFileBytes: number;
  /** the most cells (`<c>` elements) its sheets may hold; default maxFileBytes / 100 */
  maxCells?: number;
}

/** A workbook refused, with the file-unreadable message that says why. */
class Refusal extends Error {
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number>,
  ) {
    super(messageId);
  }
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function refused(messageId: string, data: Record<string, string | number>): ReadResult {
  // kind null: nothing downstream (an annotated copy) may open this file with another reader.
  return { ok: false, kind: null, problem: { rule: 'file-unreadable', at: {}, messageId, data } };
}

export async function readXlsx(buf: Buffer, limits: XlsxLimits = { maxFileBytes: 200 * 1024 * 1024 }): Promise<ReadResult> {
  try {
    if (process.env.TIENDO_XLSX_READER === 'exceljs') {
      checkContainer(buf, limits);
      return await readXlsxWithExceljs(buf);
    }
    return await readPackage(buf, limits);
  } catch (e) {
    if (e instanceof Refusal) return refused(e.messageId, e.data);
    if (e instanceof ZipError) {
      // A part that inflates past what the directory declared is a forged zip (a bomb that lies
      // about its size): the inflation stopped one byte past the declaration.
      return refused('corrupt', {
        reason:
          e.kind === 'tooLarge'
            ? `phần ${e.message.split(':')[0]} giải nén ra lớn hơn kích thước khai báo — tệp nén bị làm giả (zip bomb)`
            : `tệp nén hỏng: ${e.message}`,
      });
    }
    return refused('corrupt', { reason: String((e as Error)?.message ?? e) });
  }
}

// ───────────────────────────── the package ─────────────────────────────

interface Package {
  buf: Buffer;
  byName: Map<string, ZipEntry>;
}

/** The central directory, held against the limit before anything is inflated. */
function checkContainer(buf: Buffer, limits: XlsxLimits): ZipEntry[] {
  const entries = zipEntries(buf);
  if (!entries) throw new Refusal('corrupt', { reason: 'tệp nén bị cắt cụt hoặc hỏng' });
  let total = 0;
  for (const e of entries) total += e.size;
  if (total > limits.maxFileBytes) throw new Refusal('tooLarge', { size: megabytes(total), limit: megabytes(limits.maxFileBytes) });
  if (process.env.TIENDO_XLSX_READER === 'exceljs') {
    // exceljs inflates every part itself: prove first that each is what the directory declares.
    for (const e of entries) if (!e.name.endsWith('/')) checkXml(e.name, inflateEntry(buf, e));
  }
  return entries;
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
function partText(pkg: Package, name: string): string | null {
  const e = pkg.byName.get(name.toLowerCase());
  if (!e) return null;
  const data = inflateEntry(pkg.buf, e);
  checkXml(e.name, data);
  return decodeXml(data);
}

/**
 * A part's text in pieces that each end just after a closing tag of `unit` (`</row>`, `</si>`,
 * with any prefix), so no unit is ever cut; the last piece holds whatever follows the last unit.
 * Small parts come in one piece.
 */
async function partPieces(pkg: Package, name: string, unit: string, onPiece: (text: string) => void): Promise<boolean> {
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

async function readPackage(buf: Buffer, limits: XlsxLimits): Promise<ReadResult> {
  const entries = checkContainer(buf, limits);
  const pkg: Package = { buf, byName: new Map() };
  for (const e of entries) if (!pkg.byName.has(e.name.toLowerCase())) pkg.byName.set(e.name.toLowerCase(), e);

  const rootRels = relationships(partText(pkg, '_rels/.rels') ?? '', '');
  const corePath = rootRels.find((r) => r.type.endsWith('/core-properties'))?.target ?? 'docProps/core.xml';
  const core = partText(pkg, corePath);

  const wbPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (/\.bin$/i.test(wbPath)) throw new Refusal('corrupt', { reason: 'sổ làm việc nhị phân (.xlsb)' });
  const wbXml = partText(pkg, wbPath);
  if (wbXml === null || !firstElement(wbXml, 'workbook')) throw new Refusal('corrupt', { reason: 'không phải sổ làm việc Excel' });
  const wbDir = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/') + 1) : '';
  const wbRels = relationships(partText(pkg, `${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`) ?? '', wbDir);
  const { sheets: sheetRefs, date1904 } = workbookXml(wbXml);
  if (
    isSummaryWorkbook(
      core ? keywords(core) : null,
      sheetRefs.map((r) => r.name),
    )
  )
    return { ok: false, kind: 'xlsx', skip: true, reason: 'summary' };

  const styleTarget = wbRels.find((r) => r.type.endsWith('/styles'))?.target ?? `${wbDir}styles.xml`;
  const styles = stylesXml(partText(pkg, styleTarget) ?? '');
  const stringsTarget = wbRels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? `${wbDir}sharedStrings.xml`;
  const strings: SharedString[] = [];
  await partPieces(pkg, stringsTarget, 'si', (text) => sharedStrings(text, strings));

  const budget = { cells: 0, max: limits.maxCells ?? Math.floor(limits.maxFileBytes / 100) };
  const problems: Problem[] = [];
  const sheets: Sheet[] = [];
  for (const ref of sheetRefs) {
    const rel = wbRels.find((r) => r.id === ref.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets: no cells
    if (isResultSheet(ref.name)) continue; // an annotated copy sent back: its register is the other sheets
    const reader = new SheetReader(ref.name, { styles, strings, date1904, budget });
    if (!(await partPieces(pkg, rel.target, 'row', (text) => reader.piece(text)))) continue;
    const sheet = reader.finish(problems);
    if (ref.hidden) sheet.hidden = ref.hidden;
    sheets.push(sheet);
  }
  if (sheets.length === 0) return { ok: false, kind: 'xlsx', problem: { rule: 'file-unreadable', at: {}, messageId: 'empty', data: {} } };
  return { ok: true, kind: 'xlsx', workbook: { kind: 'xlsx', sheets }, problems };
}

// ───────────────────────────── XML, the little that SpreadsheetML needs ─────────────────────────────
// Parts are machine-written and refused when they declare a DOCTYPE, so the only entities are the
// five predefined ones and character references; any namespace prefix is accepted.

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Excel's escape for characters XML cannot hold: `_x000D_` is a carriage return. */
function unescapeExcel(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag, by local name (a prefix such as `r:` is dropped unless it is all there is). */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s))) {
    const value = unescapeXml(m[2] ?? m[3] ?? '');
    const name = m[1];
    const colon = name.indexOf(':');
    if (colon >= 0) {
      out.set(name, value); // r:id as written
      const local = name.slice(colon + 1);
      if (!out.has(local) || name.startsWith('xmlns')) out.set(`:${local}`, value);
    } else out.set(name, value);
  }
  return out;
}

/** The value of one attribute of a tag, without building a map: for the hot path (every cell). */
function attr(s: string, name: string): string | undefined {
  let i = s.indexOf(name);
  while (i >= 0) {
    const before = i === 0 ? ' ' : s[i - 1];
    let j = i + name.length;
    while (s[j] === ' ') j++;
    if ((before === ' ' || before === '\t' || before === '\n' || before === '\r') && s[j] === '=') {
      j++;
      while (s[j] === ' ') j++;
      const q = s[j];
      if (q === '"' || q === "'") {
        const end = s.indexOf(q, j + 1);
        if (end > j) return unescapeXml(s.slice(j + 1, end));
      }
    }
    i = s.indexOf(name, i + 1);
  }
  return undefined;
}

/** Every element `name` (any prefix) in `xml`: its attribute text and its content (null when empty). */
const OPEN_TAGS = new Map<string, RegExp>();

function* elements(xml: string, name: string): Generator<{ attrs: string; body: string | null }> {
  let open = OPEN_TAGS.get(name);
  if (!open) OPEN_TAGS.set(name, (open = new RegExp(`<((?:[\\w.-]+:)?)${name}(?=[\\s/>])([^>]*?)(/?)>`, 'g')));
  // One expression per name, reused: start afresh (a caller may have stopped at the first match),
  // and never nest two walks over the same name.
  open.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(xml))) {
    if (m[3] === '/') {
      yield { attrs: m[2], body: null };
      continue;
    }
    const close = `</${m[1]}${name}>`;
    const end = xml.indexOf(close, open.lastIndex);
    if (end < 0) return;
    yield { attrs: m[2], body: xml.slice(open.lastIndex, end) };
    open.lastIndex = end + close.length;
  }
}

function firstElement(xml: string, name: string): { attrs: string; body: string | null } | null {
  for (const e of elements(xml, name)) return e;
  return null;
}

interface Relationship {
  id: string;
  type: string;
  /** the part's name in the package, resolved against the source part's folder */
  target: string;
}

function relationships(xml: string, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const { attrs } of elements(xml, 'Relationship')) {
    const a = attributes(attrs);
    if ((a.get('TargetMode') ?? '').toLowerCase() === 'external') continue;
    const target = a.get('Target') ?? '';
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: resolvePart(baseDir, target) });
  }
  return out;
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

function keywords(coreXml: string): string | null {
  const k = firstElement(coreXml, 'keywords');
  return k?.body != null ? unescapeXml(k.body).trim() : null;
}

interface SheetRef {
  name: string;
  rid: string;
  /** `hidden` (unhidden from the menu) or `veryHidden` (only from the VBA editor) */
  hidden?: 'hidden' | 'veryHidden';
}

function workbookXml(xml: string): { sheets: SheetRef[]; date1904: boolean } {
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

// ───────────────────────────── styles ─────────────────────────────

interface Style {
  date: boolean;
  percent: boolean;
  font: string | undefined;
  /** the number format's code; '' for General */
  format: string;
}

const PLAIN: Style = { date: false, percent: false, font: undefined, format: '' };

function stylesXml(xml: string): Style[] {
  const custom = new Map<number, string>();
  for (const { attrs } of elements(xml, 'numFmt')) {
    const a = attributes(attrs);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const fonts: (string | undefined)[] = [];
  const fontsBlock = firstElement(xml, 'fonts')?.body ?? '';
  for (const { body } of elements(fontsBlock, 'font')) {
    const name = body ? firstElement(body, 'name') : null;
    fonts.push(name ? attributes(name.attrs).get('val') : undefined);
  }
  const out: Style[] = [];
  const xfs = firstElement(xml, 'cellXfs')?.body ?? '';
  for (const { attrs } of elements(xfs, 'xf')) {
    const a = attributes(attrs);
    const id = Number(a.get('numFmtId') ?? 0);
    // A built-in id has no code in the file (the East Asian dates 27–36, 50–58 among them).
    const code = id ? formatCode(id, custom) : '';
    const format = /^general$/i.test(code) ? '' : code;
    const kind = formatKind(format);
    const fontId = a.get('fontId');
    out.push({
      date: kind === 'date',
      percent: kind === 'percent',
      font: fontId !== undefined ? fonts[Number(fontId)] : undefined,
      format,
    });
  }
  return out;
}

// ───────────────────────────── shared strings and rich text ─────────────────────────────

interface SharedString {
  /** NFC, trimmed */
  text: string;
  /** the font of the first run that names one */
  font?: string;
}

function sharedStrings(xml: string, out: SharedString[]): void {
  for (const { body } of elements(xml, 'si')) out.push(body === null ? { text: '' } : stringItem(body));
}

/** The text of an `<si>` or `<is>`: its runs joined, phonetic guides left out. */
function stringItem(body: string): SharedString {
  if (body.includes('rPh')) body = body.replace(/<((?:[\w.-]+:)?)rPh\b[\s\S]*?<\/\1rPh>/g, '');
  let text = '';
  let font: string | undefined;
  if (/<(?:[\w.-]+:)?r[\s>]/.test(body)) {
    for (const run of elements(body, 'r')) {
      if (run.body === null) continue;
      if (font === undefined) {
        const rf = firstElement(run.body, 'rFont');
        if (rf) font = attributes(rf.attrs).get('val');
      }
      text += texts(run.body);
    }
  } else text = texts(body);
  const s: SharedString = { text: unescapeExcel(text).normalize('NFC').trim() };
  if (font !== undefined) s.font = font;
  return s;
}

function texts(xml: string): string {
  let out = '';
  for (const t of elements(xml, 't')) if (t.body) out += cdataOrText(t.body);
  return out;
}

function cdataOrText(s: string): string {
  if (!s.includes('<![CDATA[')) return unescapeXml(s);
  return s
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((p) => (p.startsWith('<![CDATA[') ? p.slice(9, -3) : unescapeXml(p)))
    .join('');
}

// ───────────────────────────── sheets ─────────────────────────────

interface SheetContext {
  styles: Style[];
  strings: SharedString[];
  date1904: boolean;
  /** cells counted across the workbook, against the limit */
  budget: { cells: number; max: number };
}

const ROW_OPEN = /<((?:[\w.-]+:)?)row(?=[\s/>])([^>]*?)(\/?)>/g;
const CELL_OPEN = /<((?:[\w.-]+:)?)c(?=[\s/>])([^>]*?)(\/?)>/g;
const V = /<((?:[\w.-]+:)?)v(?:\s[^>]*)?>([\s\S]*?)<\/\1v>/;
const F = /<((?:[\w.-]+:)?)f(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/\1f>)/;
const IS = /<((?:[\w.-]+:)?)is(?:\s[^>]*)?>([\s\S]*?)<\/\1is>/;
const MERGE = /<(?:[\w.-]+:)?mergeCell\b([^>]*?)\/?>/g;

/** Column letters → 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `AB12` → [row, column]; null when it is no cell address. */
function address(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? [Number(m[2]), columnNumber(m[1].toUpperCase())] : null;
}

class SheetReader {
  private readonly rows = new Map<number, (Cell | null)[]>();
  private lastRow = 0;
  private maxColumn = 0;
  private rest = '';
  /** masters of shared formulas by `si`, to show a dependent cell's formula */
  private readonly shared = new Map<string, { formula: string; row: number; col: number }>();

  constructor(
    private readonly name: string,
    private readonly ctx: SheetContext,
  ) {}

  /** One piece of the sheet's XML, ending after a `</row>` (or the rest of the part). */
  piece(xml: string): void {
    ROW_OPEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = ROW_OPEN.exec(xml))) {
      const r = attr(m[2], 'r');
      const number = r !== undefined && /^\d+$/.test(r) ? Number(r) : this.lastRow + 1;
      this.lastRow = Math.max(this.lastRow, number);
      if (m[3] === '/') {
        end = ROW_OPEN.lastIndex;
        continue;
      }
      const close = `</${m[1]}row>`;
      const stop = xml.indexOf(close, ROW_OPEN.lastIndex);
      if (stop < 0) throw new Refusal('corrupt', { reason: `trang tính "${this.name}" hỏng ở hàng ${number}` });
      this.cells(xml.slice(ROW_OPEN.lastIndex, stop), number);
      end = stop + close.length;
      ROW_OPEN.lastIndex = end;
    }
    // What follows the last row (merged ranges) is only read once the rows are over.
    this.rest = xml.slice(end);
  }

  private cells(xml: string, rowNumber: number): void {
    let cells = this.rows.get(rowNumber);
    let col = 0;
    CELL_OPEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CELL_OPEN.exec(xml))) {
      this.count();
      const attrs = m[2];
      const ref = attr(attrs, 'r');
      const at = ref !== undefined ? address(ref) : null;
      col = at ? at[1] : col + 1;
      let body = '';
      if (m[3] !== '/') {
        const close = `</${m[1]}c>`;
        const stop = xml.indexOf(close, CELL_OPEN.lastIndex);
        if (stop < 0) break;
        body = xml.slice(CELL_OPEN.lastIndex, stop);
        CELL_OPEN.lastIndex = stop + close.length;
      }
      this.maxColumn = Math.max(this.maxColumn, col);
      const cell = this.cell(attrs, body, rowNumber, col);
      if (!cell) continue;
      if (!cells) this.rows.set(rowNumber, (cells = []));
      cells[col - 1] = cell;
    }
  }

  private cell(attrs: string, body: string, row: number, col: number): Cell | null {
    const s = attr(attrs, 's');
    const style = this.ctx.styles[s !== undefined ? Number(s) : 0] ?? PLAIN;
    const t = attr(attrs, 't') ?? 'n';
    const v = body ? V.exec(body) : null;
    const value = v ? v[2] : undefined;
    const f = body.includes('f') ? F.exec(body) : null;
    if (f) {
      const formula = this.formula(f[2], f[3], row, col);
      // A cached result is what Excel showed; none (a file written by a program that does not
      // compute) leaves the formula itself, which the value rules then report as it was typed.
      if (value === undefined || (value === '' && t !== 'str')) {
        return { ...base(style), text: `=${formula}`, formulaWithoutResult: true };
      }
    }
    switch (t) {
      case 's': {
        const ss = value !== undefined ? this.ctx.strings[Number(value)] : undefined;
        return ss ? this.text(ss.text, style, ss.font) : null;
      }
      case 'inlineStr': {
        const is = IS.exec(body);
        if (!is) return null;
        const ss = stringItem(is[2]);
        return this.text(ss.text, style, ss.font);
      }
      case 'str':
        return value === undefined ? null : this.text(unescapeExcel(cdataOrText(value)).normalize('NFC').trim(), style, undefined);
      case 'b':
        return value === undefined ? null : { ...base(style), text: Number(value) !== 0 ? 'TRUE' : 'FALSE' };
      case 'e': {
        const error = value === undefined ? '' : unescapeXml(value).trim();
        return error ? { ...base(style), text: error, error } : null;
      }
      case 'd':
        return value === undefined ? null : this.isoDate(unescapeXml(value).trim(), style);
      default: {
        if (value === undefined || value.trim() === '') return null;
        const n = Number(value);
        if (!Number.isFinite(n)) return this.text(unescapeXml(value).trim(), style, undefined);
        return this.number(n, style);
      }
    }
  }

  private text(text: string, style: Style, runFont: string | undefined): Cell | null {
    const font = runFont ?? style.font;
    const cell: Cell = { text };
    if (font !== undefined) cell.font = font;
    const legacy = legacyFontKind(font);
    if (legacy === 'tcvn3' || legacy === 'tcvn3-upper') cell.text = tcvn3ToUnicode(text, legacy === 'tcvn3-upper');
    return cell.text === '' ? null : cell;
  }

  private number(n: number, style: Style): Cell | null {
    if (style.date) {
      const d = new Date(Math.round((n - 25569 + (this.ctx.date1904 ? 1462 : 0)) * 86400000));
      if (Number.isNaN(d.getTime())) return null;
      const iso = isoFromUtc(d);
      if (iso < FIRST_TRUSTED_DAY) return { ...base(style), text: iso }; // left as text: parseDate will call it invalid
      return { ...base(style), text: displayIso(iso), date: iso };
    }
    const cell: Cell = { ...base(style), text: String(n), number: n };
    if (style.percent) cell.percent = true;
    if (style.format) {
      const shown = displayNumber(n, style.format);
      if (shown !== cell.text) cell.shown = shown;
    }
    return cell;
  }

  /** An ISO date cell (`t="d"`, as openpyxl and LibreOffice may write): its calendar day. */
  private isoDate(text: string, style: Style): Cell | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text);
    if (!m) return text ? { ...base(style), text } : null;
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    if (iso < FIRST_TRUSTED_DAY) return { ...base(style), text: iso };
    return { ...base(style), text: displayIso(iso), date: iso };
  }

  /** The formula text of a cell; a shared formula's dependants slide their master's. */
  private formula(attrs: string, body: string | undefined, row: number, col: number): string {
    const own = body ? unescapeXml(body).trim() : '';
    if (attr(attrs, 't') !== 'shared') return own;
    const si = attr(attrs, 'si') ?? '';
    if (own) {
      this.shared.set(si, { formula: own, row, col });
      return own;
    }
    const master = this.shared.get(si);
    return master ? slideFormula(master.formula, row - master.row, col - master.col) : '';
  }

  /** The sheet: merges applied, rows in order, legacy VNI text reported once. */
  finish(problems: Problem[]): Sheet {
    for (const m of this.rest.matchAll(MERGE)) {
      const ref = attr(m[1], 'ref');
      const [from, to] = (ref ?? '').split(':');
      const a = from ? address(from) : null;
      const b = to ? address(to) : a;
      if (!a || !b) continue;
      this.merge(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    }
    const rows: SheetRow[] = [];
    let columnCount = 0;
    let vniReported = false;
    for (const number of [...this.rows.keys()].sort((x, y) => x - y)) {
      const cells = this.rows.get(number)!;
      while (cells.length && !cells[cells.length - 1]) cells.pop();
      if (!cells.length) continue;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        if (!c) {
          cells[i] = null;
          continue;
        }
        if (!vniReported && legacyFontKind(c.font) === 'vni' && /[^\x00-\x7f]/.test(c.text)) {
          // One warning per sheet is enough to ask for a conversion.
          vniReported = true;
          problems.push({
            rule: 'legacy-encoding',
            at: { sheet: this.name, row: number, column: columnLetters(i + 1) },
            messageId: 'default',
            data: { font: c.font ?? '' },
          });
        }
      }
      columnCount = Math.max(columnCount, cells.length);
      rows.push({ number, cells });
    }
    return {
      name: this.name,
      rows,
      rowCount: Math.max(this.lastRow, rows.at(-1)?.number ?? 0),
      columnCount: Math.max(columnCount, this.maxColumn),
    };
  }

  /**
   * A merged range shows its master's value once. Down a column each row keeps it (an owner merged
   * over several task rows owns each of them); across a row it is not repeated (a section title
   * spans the table once). Only rows up to the sheet's last are filled, and every row a range
   * touches counts against the cell budget: a hostile range of a million rows costs nothing.
   */
  private merge(r1: number, c1: number, r2: number, c2: number): void {
    this.maxColumn = Math.max(this.maxColumn, c2);
    const master = this.rows.get(r1)?.[c1 - 1] ?? null;
    const last = Math.min(r2, this.lastRow);
    for (let r = r1; r <= last; r++) {
      this.count();
      let cells = this.rows.get(r);
      if (cells) for (let c = c1 + 1; c <= Math.min(c2, cells.length); c++) delete cells[c - 1];
      if (r === r1) continue;
      if (master) {
        if (!cells) this.rows.set(r, (cells = []));
        cells[c1 - 1] = master;
      } else if (cells) delete cells[c1 - 1];
    }
  }

  private count(): void {
    const b = this.ctx.budget;
    if (++b.cells > b.max) {
      const n = b.max.toLocaleString('vi-VN');
      throw new Refusal('tooLarge', { size: `hơn ${n} ô`, limit: `${n} ô` });
    }
  }
}

function base(style: Style): Cell {
  return style.font !== undefined ? { text: '', font: style.font } : { text: '' };
}

/**
 * A shared formula as a dependent cell sees it: relative references moved by the offset, as
 * exceljs's slideFormula does (a name followed by `(` is a function; columns past XFD are names).
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  return formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (match, sheet: string | undefined, _s, part: string, paren: string | undefined) => {
      if (paren) return match;
      const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(part);
      if (!m) return match;
      const letters = m[2].toUpperCase();
      if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return match;
      const col = columnNumber(letters) + (m[1] ? 0 : dCol);
      const row = Number(m[4]) + (m[3] ? 0 : dRow);
      return `${sheet ?? ''}${m[1] ?? ''}${columnLetters(col)}${m[3] ?? ''}${row}`;
    },
  );
}

function displayIso(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

// ───────────────────────────── the reference reader: exceljs ─────────────────────────────
// Kept as the oracle the tests compare against, and as an escape hatch (TIENDO_XLSX_READER=exceljs).
// Only ever given a package whose every part has been inflated and checked by checkContainer.

export async function readXlsxWithExceljs(buf: Buffer): Promise<ReadResult> {
  // Loaded on demand: exceljs takes a tenth of a second to load, in every worker.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    return refused('corrupt', { reason: String((e as Error).message ?? e) });
  }
  if (
    isSummaryWorkbook(
      wb.keywords,
      wb.worksheets.map((ws) => ws.name),
    )
  )
    return { ok: false, kind: 'xlsx', skip: true, reason: 'summary' };
  const worksheets = wb.worksheets.filter((ws) => !isResultSheet(ws.name));
  if (worksheets.length === 0) {
    return { ok: false, kind: 'xlsx', problem: { rule: 'file-unreadable', at: {}, messageId: 'empty', data: {} } };
  }
  const problems: Problem[] = [];
  const sheets = worksheets.map((ws) => readSheetWithExceljs(ws, problems));
  const workbook: RawWorkbook = { kind: 'xlsx', sheets };
  return { ok: true, kind: 'xlsx', workbook, problems };
}

function readSheetWithExceljs(ws: ExcelJS.Worksheet, problems: Problem[]): Sheet {
  const rows: SheetRow[] = [];
  let columnCount = 0;
  let vniReported = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      const cell = readCellWithExceljs(c);
      if (!cell) return;
      const legacy = legacyFontKind(cell.font);
      if (legacy === 'tcvn3' || legacy === 'tcvn3-upper') {
        cell.text = tcvn3ToUnicode(cell.text, legacy === 'tcvn3-upper');
      } else if (legacy === 'vni' && /[^\x00-\x7f]/.test(cell.text) && !vniReported) {
        vniReported = true;
        problems.push({
          rule: 'legacy-encoding',
          at: { sheet: ws.name, row: rowNumber, column: c.address.replace(/\d+$/, '') },
          messageId: 'default',
          data: { font: cell.font ?? '' },
        });
      }
      if (cell.text === '' && cell.number === undefined && cell.date === undefined) return;
      cells[col - 1] = cell;
      columnCount = Math.max(columnCount, col);
    });
    if (cells.length > 0) {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ number: rowNumber, cells });
    }
  });
  const sheet: Sheet = {
    name: ws.name,
    rows,
    rowCount: Math.max(ws.rowCount, rows.at(-1)?.number ?? 0),
    columnCount: Math.max(columnCount, ws.columnCount),
  };
  if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = ws.state;
  return sheet;
}

function readCellWithExceljs(c: ExcelJS.Cell): Cell | null {
  if (c.isMerged && c.master.address !== c.address) {
    if (c.master.col !== c.col) return null;
  }
  const numFmt = typeof c.numFmt === 'string' ? c.numFmt : '';
  const value = c.value;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) {
      const font = c.font?.name;
      return { text: `=${c.formula ?? ''}`, formulaWithoutResult: true, ...(font ? { font } : {}) };
    }
  }
  return fromExceljsValue(value, numFmt, c.font?.name);
}

function fromExceljsValue(value: ExcelJS.CellValue, numFmt: string, font: string | undefined): Cell | null {
  const base: Cell = { text: '' };
  if (font) base.font = font;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { ...base, text: value.normalize('NFC').trim() };
  if (typeof value === 'number') {
    const cell: Cell = { ...base, text: String(value), number: value };
    const format = /^general$/i.test(numFmt) ? '' : numFmt;
    if (formatKind(format) === 'percent') cell.percent = true;
    if (format) {
      const shown = displayNumber(value, format);
      if (shown !== cell.text) cell.shown = shown;
    }
    return cell;
  }
  if (typeof value === 'boolean') return { ...base, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ...base, text: '' };
    const iso = isoFromUtc(value);
    if (iso < FIRST_TRUSTED_DAY) return { ...base, text: iso };
    return { ...base, text: displayIso(iso), date: iso };
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = value.richText.map((r) => r.text).join('');
      const runFont = value.richText.find((r) => r.font?.name)?.font?.name;
      return { ...base, ...(runFont ? { font: runFont } : {}), text: text.normalize('NFC').trim() };
    }
    if ('error' in value) return { ...base, text: String(value.error), error: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      return fromExceljsValue((value as { result?: ExcelJS.CellValue }).result ?? null, numFmt, font);
    }
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text;
      if (typeof text === 'string') return { ...base, text: text.normalize('NFC').trim() };
      if (text && typeof text === 'object') return fromExceljsValue(text as ExcelJS.CellValue, numFmt, font);
      return null;
    }
  }
  return { ...base, text: String(value) };
}
