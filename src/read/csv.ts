// CSV as clerks send it: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode Text"), or the
// Windows Vietnamese code page; delimited by `,`, `;` or tab; records spanning lines.
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import type { Cell, RawWorkbook, SheetRow } from '../types.js';
import type { ReadResult } from './file.js';

/** Decodes the bytes of a text file to an NFC string. */
export function decodeText(buf: Buffer): string {
  let text: string;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    text = utf8(buf.subarray(3)) ?? new TextDecoder('utf-8').decode(buf.subarray(3));
  else if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else if (oddNuls(buf)) text = new TextDecoder('utf-16le').decode(buf);
  else {
    // Not UTF-8: Windows tools write the Vietnamese code page, with decomposed tone marks.
    text = utf8(buf) ?? new TextDecoder('windows-1258').decode(buf);
  }
  return text.normalize('NFC');
}

/**
 * Valid UTF-8 decoded as TextDecoder('utf-8') decodes it (which also drops one byte order mark at
 * the start), through Buffer's faster decoding; null when the bytes are not valid UTF-8.
 */
function utf8(buf: Buffer): string | null {
  if (!isUtf8(buf)) return null;
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function oddNuls(buf: Buffer): boolean {
  const n = Math.min(buf.length, 2048);
  if (buf.indexOf(0) < 0 || buf.indexOf(0) >= n) return false;
  let nul = 0;
  for (let i = 1; i < n; i += 2) if (buf[i] === 0) nul++;
  return nul > n / 4;
}

/**
 * The delimiter is the one that splits some line of the first thirty into the most fields
 * (the header line has the most); a tie goes to tab, then `;`, then `,` — a `;` file has
 * decimal commas in its numbers, never the other way round. Lines end at `\n`; a quote opens
 * and closes within its line.
 */
export function detectDelimiter(text: string): string {
  let end = -1;
  for (let k = 0; k < 30; k++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) break;
  }
  const head = end < 0 ? text : text.slice(0, end);
  if (head.includes('"')) return detectQuoted(head);
  // No quote: each line's delimiters counted as they are.
  let [tabs, semis, commas] = [0, 0, 0];
  for (const line of head.split('\n')) {
    tabs = Math.max(tabs, occurrences(line, '\t'));
    semis = Math.max(semis, occurrences(line, ';'));
    commas = Math.max(commas, occurrences(line, ','));
  }
  return best(tabs, semis, commas);
}

function occurrences(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Tab, then `;`, then `,` on a tie. */
function best(tabs: number, semis: number, commas: number): string {
  if (tabs >= semis && tabs >= commas) return '\t';
  return semis >= commas ? ';' : ',';
}

/** detectDelimiter over lines that hold quotes: what stands between a quote and the next is not counted. */
function detectQuoted(head: string): string {
  let [tabs, semis, commas] = [0, 0, 0];
  for (const line of head.split('\n')) {
    const [t, s, c] = line.includes('"') ? quotedCounts(line) : [occurrences(line, '\t'), occurrences(line, ';'), occurrences(line, ',')];
    tabs = Math.max(tabs, t);
    semis = Math.max(semis, s);
    commas = Math.max(commas, c);
  }
  return best(tabs, semis, commas);
}

/** The tabs, semicolons and commas of a line outside its quotes (a quote left open runs to the line's end). */
function quotedCounts(line: string): [number, number, number] {
  let [tabs, semis, commas] = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 9) tabs++;
      else if (c === 59) semis++;
      else if (c === 44) commas++;
    }
  }
  return [tabs, semis, commas];
}

/**
 * The line ending csv-parse would discover (`\r\n`, `\n` or `\r`: the first met outside quotes), found
 * here when no quote comes before the first line break: csv-parse's own discovery makes three
 * Buffers for every character of the first line, a large part of the cost of a small register.
 * Undefined (csv-parse decides) when a quote comes first or there is no line break.
 */
export function recordDelimiter(text: string): string | undefined {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text.lastIndexOf('"', i) !== -1) return undefined;
  if (text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * The records of CSV text and the line each ends on, as csv-parse reads them with tiendo's options
 * (relaxed quotes and column counts, empty lines kept), for text it can split without judgement:
 * every quote opens a field and closes it just before a delimiter or line ending, and every
 * line break is `rd` (inside quotes any `\r`, `\n`). Null otherwise: a stray quote, an unclosed one,
 * mixed line endings — csv-parse then reads the text and decides. Tested equal to csv-parse on
 * random texts (test/read/csv.test.ts), and much faster on the registers clerks send.
 * 'too many' as soon as the records hold more than `maxCells` cells.
 */
export function splitCsv(
  text: string,
  delimiter: string,
  rd: string,
  maxCells = Number.POSITIVE_INFINITY,
): { records: string[][]; ends: number[] } | 'too many' | null {
  const records: string[][] = [];
  const ends: number[] = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  const r0 = rd.charCodeAt(0);
  let line = 1;
  let pos = 0;
  let cells = 0;
  if (n === 0) return { records, ends };
  let fields: string[] = [];
  for (;;) {
    let value: string;
    if (text.charCodeAt(pos) === 34) {
      const q = quotedField(text, pos, d, r0);
      if (!q) return null;
      ({ value, pos } = q);
      line += q.breaks;
    } else {
      const end = plainEnd(text, pos, d, r0);
      if (end < 0) return null;
      value = text.slice(pos, end);
      pos = end;
    }
    fields.push(value);
    if (++cells > maxCells) return 'too many';
    if (pos < n && text.charCodeAt(pos) === d) {
      pos++;
      if (pos < n) continue;
      fields.push('');
      if (++cells > maxCells) return 'too many';
    } else if (pos < n) {
      if (rd.length === 2 && text.charCodeAt(pos + 1) !== 10) return null;
      pos += rd.length;
    }
    records.push(fields);
    ends.push(line++);
    if (pos >= n) return { records, ends };
    fields = [];
  }
}

/** Where the unquoted field that starts at `pos` ends; -1 when it holds a quote or a stray line break. */
function plainEnd(text: string, pos: number, d: number, r0: number): number {
  for (; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === d || c === r0) return pos;
    if (c === 34 || c === 10 || c === 13) return -1;
  }
  return pos;
}

/**
 * The quoted field that starts at `pos`: its value, where it ends, and the line breaks it holds;
 * null when the quote is never closed or something other than a delimiter follows it.
 */
function quotedField(text: string, pos: number, d: number, r0: number): { value: string; pos: number; breaks: number } | null {
  let value = '';
  let breaks = 0;
  let start = pos + 1;
  for (;;) {
    const q = text.indexOf('"', start);
    if (q < 0) return null;
    for (let k = start; k < q; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || c === 13) breaks++;
    }
    value += text.slice(start, q);
    if (text.charCodeAt(q + 1) !== 34) {
      pos = q + 1;
      break;
    }
    value += '"';
    start = q + 2;
  }
  const c = text.charCodeAt(pos);
  return pos < text.length && c !== d && c !== r0 ? null : { value, pos, breaks };
}

export function readCsv(buf: Buffer, limits: { maxCells?: number } = {}): ReadResult {
  const text = decodeText(buf);
  const delimiter = detectDelimiter(text);
  const maxCells = limits.maxCells ?? Number.POSITIVE_INFINITY;
  const rd = recordDelimiter(text);
  const split = rd !== undefined ? splitCsv(text, delimiter, rd, maxCells) : null;
  if (split === 'too many') return tooManyCells(maxCells);
  const parsed = split ?? parseCsv(text, delimiter, rd, maxCells);
  if ('problem' in parsed) return parsed.problem;
  const { records, ends } = parsed;
  const rows: SheetRow[] = [];
  let line = 1;
  let columnCount = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? [];
    const cells: (Cell | null)[] = [];
    let any = false;
    for (const v of record) {
      const t = v.trim();
      if (t === '') cells.push(null);
      else {
        cells.push({ text: t });
        any = true;
      }
    }
    if (any) rows.push({ number: line, cells });
    if (record.length > columnCount) columnCount = record.length;
    line = (ends[i] ?? line) + 1; // where the record ends; the next starts on the following line
  }
  const workbook: RawWorkbook = {
    kind: 'csv',
    sheets: [{ name: '', rows, rowCount: Math.max(0, line - 1), columnCount }],
  };
  return { ok: true, kind: 'csv', workbook, problems: [] };
}

/** csv-parse's reading: the records and the line each ends on, or the file's problem. */
function parseCsv(
  text: string,
  delimiter: string,
  rd: string | undefined,
  maxCells: number,
): { records: string[][]; ends: number[] } | { problem: ReadResult } {
  const records: string[][] = [];
  const ends: number[] = [];
  // Where the last whole record ended: a quote left open swallows everything after it, and the
  // parser only notices at the end of the file — the record that follows is where the quote opened.
  let lastEnd = 0;
  let cells = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: rd,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (rec: string[], info: { lines: number }) => {
        // With `info: true` each record comes as { record, info }; the second argument is its info.
        const record = (rec as unknown as { record: string[] }).record ?? rec;
        lastEnd = info.lines;
        cells += record.length;
        if (cells > maxCells) throw Object.assign(new Error('too many cells'), { code: 'TIENDO_TOO_MANY_CELLS' });
        records.push(record);
        ends.push(info.lines);
        return null;
      },
    });
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    if (err.code === 'TIENDO_TOO_MANY_CELLS') return { problem: tooManyCells(maxCells) };
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastEnd + 1 : (err.lines ?? 0);
    return {
      problem: {
        ok: false,
        kind: 'csv',
        problem: {
          rule: 'file-unreadable',
          at: {},
          messageId: 'csv',
          data: { reason: csvReason(err), line },
        },
      },
    };
  }
  return { records, ends };
}

function tooManyCells(maxCells: number): ReadResult {
  const n = maxCells.toLocaleString('vi-VN');
  return {
    ok: false,
    kind: 'csv',
    problem: { rule: 'file-unreadable', at: {}, messageId: 'tooLarge', data: { size: `hơn ${n} ô`, limit: `${n} ô` } },
  };
}

function csvReason(err: { code?: string; message: string }): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'có dấu ngoặc kép (") không được đóng';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'có dấu ngoặc kép (") đặt sai chỗ';
    default:
      return err.message;
  }
}
