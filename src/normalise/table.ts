// Finding the table in a sheet: the header row within the first 30, the column-number row under it,
// section rows that give the field, and the footer where the table ends (SPEC §2.3).
import { COLUMNS } from '../read/columns.js';
import type { Cell, ColumnKey, Problem, RawWorkbook, Sheet, SheetRow } from '../types.js';
import { clean, distance, fold } from './text.js';

const HEADER_SEARCH_ROWS = 30;
const MIN_HEADER_MATCHES = 3;

/** Headers compared with case, diacritics, spacing and punctuation ignored. */
function squash(s: string): string {
  return fold(s).replace(/ /g, '');
}

const ALIASES: Map<string, ColumnKey> = new Map(
  COLUMNS.flatMap((c) => c.headers.map((h) => [squash(h), c.key] as const)),
);

/** The key a header names: the header whole, else without a parenthesised remark (`Thời hạn (ngày/tháng/năm)`). */
export function headerKey(text: string): ColumnKey | null {
  const whole = ALIASES.get(squash(text));
  if (whole) return whole;
  const bare = text.replace(/\([^)]*\)/g, ' ');
  if (bare === text) return null;
  return ALIASES.get(squash(bare)) ?? null;
}

export interface TableRow {
  row: number;
  /** the cell of each key present */
  cells: Partial<Record<ColumnKey, Cell>>;
  /** the field given by the section row above, if any */
  section: string | null;
  /** the enumerator of that section (I, II …), to keep derived ids apart when STT restarts */
  sectionMark: string | null;
}

export interface Table {
  sheet: Sheet;
  headerRow: number;
  /** the column letter of each key */
  columns: Partial<Record<ColumnKey, string>>;
  /** the 0-based column index of each key */
  index: Partial<Record<ColumnKey, number>>;
  titleLines: string[];
  rows: TableRow[];
}

export type FindResult = { ok: true; table: Table } | { ok: false; problem: Problem };

/** Sheets of progress updates (SPEC §2.4) are not the task list. */
export function isProgressSheet(name: string): boolean {
  const f = fold(name);
  return f.includes('tien do') || f.includes('cap nhat');
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet of instructions (`Hướng dẫn`, `HUONG DAN GHI BIEU`): never the register. */
export function isInstructionSheet(name: string): boolean {
  return /^huong dan\b/.test(fold(name));
}

/**
 * The sheets that may hold the register, in order (SPEC §2.3): visible ones — a hidden or very
 * hidden sheet holds the lists behind drop-downs — that are not instructions, progress sheets last.
 */
export function registerSheets(workbook: RawWorkbook): Sheet[] {
  const visible = workbook.sheets.filter((s) => !s.hidden && !isInstructionSheet(s.name));
  const candidates = visible.filter((s) => !isProgressSheet(s.name));
  return candidates.length ? candidates : visible;
}

/** The table of tasks: in the first visible sheet (instructions and progress sheets aside) whose header row can be found. */
export function findTable(workbook: RawWorkbook): FindResult {
  const sheets = registerSheets(workbook);
  for (const sheet of sheets) {
    const header = findHeader(sheet);
    if (!header) continue;
    const missing = COLUMNS.filter((c) => c.required && header.index[c.key] === undefined);
    if (missing.length) {
      const m = missing[0];
      return {
        ok: false,
        problem: {
          rule: 'header-missing',
          at: { sheet: sheet.name || null, row: header.row.number, column: null },
          messageId: 'column',
          data: { column: m.headers[0], closest: closestHeader(header.row, header.index, m.headers) },
        },
      };
    }
    return { ok: true, table: extract(sheet, header.row, header.index) };
  }
  return {
    ok: false,
    problem: {
      rule: 'header-missing',
      at: {},
      messageId: 'default',
      data: { sheets: sheets.map((s) => s.name).filter(Boolean).join(', ') },
    },
  };
}

function findHeader(sheet: Sheet): { row: SheetRow; index: Partial<Record<ColumnKey, number>> } | null {
  for (const row of sheet.rows) {
    if (row.number > HEADER_SEARCH_ROWS) break;
    const index: Partial<Record<ColumnKey, number>> = {};
    let matched = 0;
    row.cells.forEach((cell, i) => {
      if (!cell || cell.text === '') return;
      const key = headerKey(cell.text);
      if (key && index[key] === undefined) {
        index[key] = i;
        matched++;
      }
    });
    if (matched >= MIN_HEADER_MATCHES) return { row, index };
  }
  return null;
}

/** The header cell seen that is closest to the missing column's names, for "did you mean". */
function closestHeader(row: SheetRow, index: Partial<Record<ColumnKey, number>>, names: string[]): string {
  const used = new Set(Object.values(index));
  let best = '';
  let bestScore = Number.POSITIVE_INFINITY;
  row.cells.forEach((cell, i) => {
    if (!cell || cell.text === '' || used.has(i)) return;
    for (const name of names) {
      const d = distance(cell.text, name) / Math.max(name.length, 1);
      if (d < bestScore) {
        bestScore = d;
        best = clean(cell.text);
      }
    }
  });
  return bestScore <= 0.6 ? best : '';
}

/** `(1) (2) (3)`, `1 2 3`, `A B C` under the header: column numbers, not a task. */
function isColumnNumberRow(row: SheetRow): boolean {
  const texts = row.cells.filter((c): c is Cell => !!c && c.text !== '').map((c) => c.text);
  return texts.length >= MIN_HEADER_MATCHES && texts.every((t) => /^\(?\s*(\d{1,2}|[A-Z])\s*\)?$/.test(t));
}

const ROMAN = /^([IVXLC]+|[A-Z])\s*[.):\-–]\s*(\S.*)$/u;
const ROMAN_ALONE = /^([IVXLC]+|[A-Z])\.?$/u;

/** Keys whose cells make a row a task; STT, a code or an id alone are the skeleton of an empty row. */
const CONTENT_KEYS = COLUMNS.map((c) => c.key).filter((k) => k !== 'no' && k !== 'id' && k !== 'unitCode');
const VALUE_KEYS: ColumnKey[] = ['owner', 'deadline', 'progress', 'status', 'assigned', 'completed', 'target', 'achieved'];

function isTotalRow(first: string): boolean {
  return /^(tổng cộng|tổng số|cộng)\s*[:.]?\s*(\d.*)?$/iu.test(first);
}

const SIGNATURE = [
  /^(t m|tm|k t|kt|q)\b/,
  /^(pho )?(bi thu|truong ban|truong phong|giam doc|chu tich|chanh van phong|thu truong( co quan| don vi)?)$/,
  /^nguoi lap( bieu)?$/, /^xac nhan( cua)?\b/, /^noi nhan\b/,
];

// Every signature line opens with one of these letters (none of them takes a diacritic), after any
// punctuation; folding every cell of every row only to find out is most of the cost of reading a CSV.
const SIGNATURE_START = /^[^\p{L}\p{N}]*[bcgknpqtx]/iu;

function isSignature(text: string): boolean {
  if (!SIGNATURE_START.test(text)) return false;
  const f = fold(text);
  return SIGNATURE.some((re) => re.test(f));
}

function extract(sheet: Sheet, header: SheetRow, index: Partial<Record<ColumnKey, number>>): Table {
  const columns: Partial<Record<ColumnKey, string>> = {};
  for (const [k, i] of Object.entries(index) as [ColumnKey, number][]) columns[k] = columnLetter(i);

  const titleLines: string[] = [];
  for (const row of sheet.rows) {
    if (row.number >= header.number) break;
    for (const cell of row.cells) {
      if (!cell || cell.text === '') continue;
      for (const line of cell.text.split(/\r?\n/)) {
        const t = clean(line);
        if (t) titleLines.push(t);
      }
    }
  }

  const rows: TableRow[] = [];
  let section: string | null = null;
  let sectionMark: string | null = null;
  let first = true;
  for (const row of sheet.rows) {
    if (row.number <= header.number) continue;
    if (first) {
      first = false;
      if (isColumnNumberRow(row)) continue;
    }
    const filled = row.cells.map((c, i) => (c && c.text !== '' ? i : -1)).filter((i) => i >= 0);
    if (filled.length === 0) continue;
    const cellOf = (k: ColumnKey): Cell | undefined => {
      const i = index[k];
      const c = i === undefined ? undefined : row.cells[i];
      return c && c.text !== '' ? c : undefined;
    };
    const texts = filled.map((i) => row.cells[i]!.text);
    const titleCell = cellOf('title');

    if (isTotalRow(clean(texts[0]))) continue;
    if (texts.some(isSignature) && (!titleCell || isSignature(titleCell.text))) break; // the signature block ends the table

    const hasValues = VALUE_KEYS.some((k) => cellOf(k));
    if (!hasValues && filled.length <= 2) {
      const heading = sectionHeading(texts);
      if (heading) {
        section = heading.field;
        sectionMark = heading.mark;
        continue;
      }
    }
    const cells: Partial<Record<ColumnKey, Cell>> = {};
    for (const k of Object.keys(index) as ColumnKey[]) {
      const c = cellOf(k);
      if (c) cells[k] = c;
    }
    if (!CONTENT_KEYS.some((k) => cells[k])) continue;
    rows.push({ row: row.number, cells, section, sectionMark });
  }
  return { sheet, headerRow: header.number, columns, index, titleLines, rows };
}

/** `I. LĨNH VỰC XÂY DỰNG ĐẢNG`, `II. Kinh tế`, or `II` | `Kinh tế` in two cells → the field. */
function sectionHeading(texts: string[]): { field: string; mark: string } | null {
  const joined = clean(texts.join(' '));
  let mark: string;
  let rest: string;
  const m = ROMAN.exec(joined);
  if (texts.length === 2 && ROMAN_ALONE.test(clean(texts[0]))) {
    mark = clean(texts[0]).replace('.', '');
    rest = clean(texts[1]);
  } else if (m) {
    mark = m[1];
    rest = m[2];
  } else if (texts.length === 1 && /^lĩnh vực\s/iu.test(joined)) {
    mark = '';
    rest = joined;
  } else return null;
  rest = rest.replace(/^lĩnh vực\s*[:\-–]?\s*/iu, '').trim();
  if (!rest) return null;
  return { field: fieldName(rest), mark: mark || rest };
}

/** An upper-case heading becomes a sentence: `XÂY DỰNG ĐẢNG` → `Xây dựng Đảng`. */
export function fieldName(text: string): string {
  const t = clean(text);
  if (t !== t.toLocaleUpperCase('vi') || t === t.toLocaleLowerCase('vi')) return t;
  const lower = t.toLocaleLowerCase('vi').replace(/(^|\s)đảng(?=\s|$)/gu, '$1Đảng');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}
