// CSV as clerks send it: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode Text"), or the
// Windows Vietnamese code page; delimited by `,`, `;` or tab; records spanning lines.
import { parse } from 'csv-parse/sync';
import type { Cell, RawWorkbook, SheetRow } from '../types.js';
import type { ReadResult } from './file.js';

/** Decodes the bytes of a text file to an NFC string. */
export function decodeText(buf: Buffer): string {
  let text: string;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = new TextDecoder('utf-8').decode(buf.subarray(3));
  else if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else if (oddNuls(buf)) text = new TextDecoder('utf-16le').decode(buf);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      // Not UTF-8: Windows tools write the Vietnamese code page, with decomposed tone marks.
      text = new TextDecoder('windows-1258').decode(buf);
    }
  }
  return text.normalize('NFC');
}

function oddNuls(buf: Buffer): boolean {
  const n = Math.min(buf.length, 2048);
  let nul = 0;
  for (let i = 1; i < n; i += 2) if (buf[i] === 0) nul++;
  return nul > n / 4;
}

const DELIMITERS = ['\t', ';', ','] as const;

/**
 * The delimiter is the one that splits some line of the first thirty into the most fields
 * (the header line has the most); a tie goes to tab, then `;`, then `,` — a `;` file has
 * decimal commas in its numbers, never the other way round.
 */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 30);
  let best: string = ',';
  let bestCount = -1;
  for (const d of DELIMITERS) {
    const count = Math.max(0, ...lines.map((l) => countOutsideQuotes(l, d)));
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The line ending csv-parse would discover (`\r\n`, `\n` or `\r`: the first met outside quotes), found
 * here when no quote comes before the first line break: csv-parse's own discovery makes three
 * Buffers for every character of the first line, a third of the time of parsing a small register.
 * Undefined (csv-parse decides) when a quote comes first or there is no line break.
 */
export function recordDelimiter(text: string): string | undefined {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text.lastIndexOf('"', i) !== -1) return undefined;
  if (text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

export function readCsv(buf: Buffer, limits: { maxCells?: number } = {}): ReadResult {
  const text = decodeText(buf);
  const delimiter = detectDelimiter(text);
  const maxCells = limits.maxCells ?? Number.POSITIVE_INFINITY;
  let records: { record: string[]; info: { lines: number } }[];
  // Where the last whole record ended: a quote left open swallows everything after it, and the
  // parser only notices at the end of the file — the record that follows is where the quote opened.
  let lastEnd = 0;
  let cells = 0;
  try {
    records = parse(text, {
      delimiter,
      record_delimiter: recordDelimiter(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (rec: string[], info: { lines: number }) => {
        // With `info: true` each record comes as { record, info }; the second argument is its info.
        lastEnd = info.lines;
        cells += (rec as unknown as { record: string[] }).record?.length ?? rec.length;
        if (cells > maxCells) throw Object.assign(new Error('too many cells'), { code: 'TIENDO_TOO_MANY_CELLS' });
        return rec;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    if (err.code === 'TIENDO_TOO_MANY_CELLS') {
      const n = maxCells.toLocaleString('vi-VN');
      return { ok: false, kind: 'csv', problem: { rule: 'file-unreadable', at: {}, messageId: 'tooLarge', data: { size: `hơn ${n} ô`, limit: `${n} ô` } } };
    }
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastEnd + 1 : err.lines ?? 0;
    return {
      ok: false,
      kind: 'csv',
      problem: {
        rule: 'file-unreadable',
        at: {},
        messageId: 'csv',
        data: { reason: csvReason(err), line },
      },
    };
  }
  const rows: SheetRow[] = [];
  let line = 1;
  let columnCount = 0;
  for (const { record, info } of records) {
    const cells: (Cell | null)[] = record.map((v) => {
      const t = v.trim();
      return t === '' ? null : { text: t };
    });
    if (cells.some((c) => c !== null)) rows.push({ number: line, cells });
    columnCount = Math.max(columnCount, record.length);
    line = info.lines + 1; // info.lines is where the record ends; the next starts on the following line
  }
  const workbook: RawWorkbook = {
    kind: 'csv',
    sheets: [{ name: '', rows, rowCount: Math.max(0, line - 1), columnCount }],
  };
  return { ok: true, kind: 'csv', workbook, problems: [] };
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
