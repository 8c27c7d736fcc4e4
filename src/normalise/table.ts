// Finding the table in a sheet: the header row within the first 30, the column-number row under it,
// section rows that give the field, and the footer where the table ends (SPEC §2.3).
import { COLUMNS } from '../domain/columns.js';
import type { Cell, ColumnKey, Problem, RawWorkbook, Sheet, SheetRow } from '../types.js';
import { clean, distance, fold } from './text.js';
import { columnLetters } from '../domain/cell-ref.js';

const HEADER_SEARCH_ROWS = 30;
const MIN_HEADER_MATCHES = 3;

/** Headers compared with case, diacritics, spacing and punctuation ignored. */
function squash(s: string): string {
  return fold(s).replace(/ /g, '');
}

const ALIASES: Map<string, ColumnKey> = new Map(COLUMNS.flatMap((c) => c.headers.map((h) => [squash(h), c.key] as const)));

/** Headers compared as squash does, but with a percent sign kept: `Hoàn thành` is not `% hoàn thành`. */
function squashKeepingPercent(s: string): string {
  return s.split('%').map(squash).join('%');
}

const STRICT_ALIASES: Map<string, ColumnKey> = new Map(
  COLUMNS.flatMap((c) => c.headers.map((h) => [squashKeepingPercent(h), c.key] as const)),
);

/**
 * The key a sub-column's own text names, its percent sign significant: under `Thời gian`,
 * `Hoàn thành` is no header of its own (it is `Thời gian hoàn thành`), where `% hoàn thành` is one.
 */
function subHeaderKey(text: string): ColumnKey | null {
  const whole = STRICT_ALIASES.get(squashKeepingPercent(text));
  if (whole) return whole;
  const bare = text.replace(/\(([^)%]*)\)/g, ' ');
  return bare === text ? null : (STRICT_ALIASES.get(squashKeepingPercent(bare)) ?? null);
}

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

/** The letters of a 0-based column index. */
export function columnLetter(index: number): string {
  return columnLetters(index + 1);
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
    const [m] = missing;
    if (m) {
      return {
        ok: false,
        problem: {
          rule: 'header-missing',
          at: { sheet: sheet.name || null, row: header.row.number, column: null },
          messageId: 'column',
          data: { column: m.headers[0], closest: closestHeader(header.names, header.index, m.headers) },
        },
      };
    }
    return { ok: true, table: extract(sheet, header) };
  }
  return {
    ok: false,
    problem: {
      rule: 'header-missing',
      at: {},
      messageId: 'default',
      data: {
        sheets: sheets
          .map((s) => s.name)
          .filter(Boolean)
          .join(', '),
      },
    },
  };
}

interface Header {
  /** the header's (first) row */
  row: SheetRow;
  /** the row the table starts under: the header's second row when it has two */
  last: number;
  /** the name of each column as the header gives it (a sub-column's, for a two-row header) */
  names: SheetRow;
  index: Partial<Record<ColumnKey, number>>;
}

/** The keys a row of column names names, each at its first column; and how many. */
function match(names: SheetRow): { index: Partial<Record<ColumnKey, number>>; matched: number } {
  const index: Partial<Record<ColumnKey, number>> = {};
  let matched = 0;
  names.cells.forEach((cell, i) => {
    if (!cell || cell.text === '') return;
    const key = headerKey(cell.text);
    if (key && index[key] === undefined) {
      index[key] = i;
      matched++;
    }
  });
  return { index, matched };
}

/**
 * The column names of a header of two rows (SPEC §2.3): a group header over sub-columns (its text
 * in its first column, the columns under it empty above, as a merge across leaves them), a column
 * merged down both rows (its text in both, as the reader repeats a merge down a column, or above
 * only). A sub-column is named by its own text when that is a known header, else by the group's
 * text and its own together (`Thời gian` + `Hoàn thành` = `Thời gian hoàn thành`).
 */
function twoRowNames(top: SheetRow, bottom: SheetRow): SheetRow {
  const cells: (Cell | null)[] = [];
  let group = '';
  const width = Math.max(top.cells.length, bottom.cells.length);
  for (let i = 0; i < width; i++) {
    const above = top.cells[i]?.text ?? '';
    const below = bottom.cells[i]?.text ?? '';
    if (above !== '') group = below !== '' && clean(below) !== clean(above) ? above : '';
    let name: string;
    if (below === '' || clean(below) === clean(above)) name = above;
    else if (group === '' || subHeaderKey(below)) name = below;
    else name = `${group} ${below}`;
    cells.push(name === '' ? null : { text: name });
  }
  return { number: top.number, cells };
}

/**
 * Whether a row could be the first of two header rows: some text in the second stands under an
 * empty cell of the first, right of a filled one (a group merged across). A header of one row over
 * its first task has none; looking costs no folding, so most rows are spared the pair's.
 */
function underGroup(top: SheetRow, bottom: SheetRow): boolean {
  let seen = false;
  for (let i = 0; i < bottom.cells.length; i++) {
    const above = top.cells[i];
    if (above && above.text !== '') seen = true;
    else if (seen && bottom.cells[i] && bottom.cells[i]!.text !== '') return true;
  }
  return false;
}

function findHeader(sheet: Sheet): Header | null {
  const rows = sheet.rows;
  for (const [r, row] of rows.entries()) {
    if (row.number > HEADER_SEARCH_ROWS) break;
    const one = match(row);
    const next = rows[r + 1];
    if (one.matched > 0 && next && next.number === row.number + 1 && next.number <= HEADER_SEARCH_ROWS && underGroup(row, next)) {
      // A second header row counts when the pair names more columns than the first row alone and
      // no fewer than the second (which repeats what is merged down both): the first task under a
      // header adds nothing, and a title line above one names no column itself.
      const names = twoRowNames(row, next);
      const two = match(names);
      if (one.matched > 0 && two.matched >= MIN_HEADER_MATCHES && two.matched > one.matched && two.matched >= match(next).matched) {
        return { row, last: next.number, names, index: two.index };
      }
    }
    if (one.matched >= MIN_HEADER_MATCHES) return { row, last: row.number, names: row, index: one.index };
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
const CONTENT_KEY: ReadonlySet<ColumnKey> = new Set(COLUMNS.map((c) => c.key).filter((k) => k !== 'no' && k !== 'id' && k !== 'unitCode'));
const VALUE_KEYS: ColumnKey[] = ['owner', 'deadline', 'progress', 'status', 'assigned', 'completed', 'target', 'achieved'];

function isTotalRow(first: string): boolean {
  // every total opens with t or c: most rows are told apart without the expression
  const c0 = first.charCodeAt(0) | 0x20;
  if (c0 !== 0x74 && c0 !== 0x63) return false;
  return /^(tổng cộng|tổng số|cộng)\s*[:.]?\s*(\d.*)?$/iu.test(first);
}

const SIGNATURE = [
  /^(t m|tm|k t|kt|q)\b/,
  /^(pho )?(bi thu|truong ban|truong phong|giam doc|chu tich|chanh van phong|thu truong( co quan| don vi)?)$/,
  /^nguoi lap( bieu)?$/,
  /^xac nhan( cua)?\b/,
  /^noi nhan\b/,
];

// Every signature line opens with one of these letters (none of them takes a diacritic), after any
// punctuation; folding every cell of every row only to find out is most of the cost of reading a CSV.
const SIGNATURE_START = /^[^\p{L}\p{N}]*[bcgknpqtx]/iu;

function isSignature(text: string): boolean {
  // An ASCII letter or digit first settles SIGNATURE_START without the expression.
  const c0 = text.charCodeAt(0);
  const lower = c0 | 0x20;
  if ((c0 >= 48 && c0 <= 57) || (lower >= 97 && lower <= 122)) {
    if (!'bcgknpqtx'.includes(String.fromCharCode(lower))) return false;
  } else if (!SIGNATURE_START.test(text)) return false;
  // The first folded word decides most texts (a task's title): fold its head only. A head that
  // folds to one word may be cut inside it, and is read whole.
  const long = text.length > SIGNATURE_HEAD;
  const head = fold(long ? text.slice(0, SIGNATURE_HEAD) : text);
  const space = head.indexOf(' ');
  if (space >= 0 || !long) {
    if (!SIGNATURE_FIRST_WORDS.has(space < 0 ? head : head.slice(0, space))) return false;
    if (!long) return SIGNATURE.some((re) => re.test(head));
  }
  const f = fold(text);
  return SIGNATURE.some((re) => re.test(f));
}

const SIGNATURE_HEAD = 24;
/** The first word of whatever SIGNATURE matches (folded). */
const SIGNATURE_FIRST_WORDS = new Set([
  't',
  'tm',
  'k',
  'kt',
  'q',
  'pho',
  'bi',
  'truong',
  'giam',
  'chu',
  'chanh',
  'thu',
  'nguoi',
  'xac',
  'noi',
]);

function extract(sheet: Sheet, { row: header, last, index }: Header): Table {
  const columns: Partial<Record<ColumnKey, string>> = {};
  for (const [k, i] of Object.entries(index) as [ColumnKey, number][]) columns[k] = columnLetter(i);
  const titleLines = titleLinesAbove(sheet, header.number);

  const rows: TableRow[] = [];
  let section: string | null = null;
  let sectionMark: string | null = null;
  let first = true;
  const keys = Object.keys(index) as ColumnKey[];
  for (const row of sheet.rows) {
    if (row.number <= last) continue;
    if (first) {
      first = false;
      if (isColumnNumberRow(row)) continue;
    }
    const read = readRow(row, index, keys);
    if (read.kind === 'end') break;
    if (read.kind === 'section') {
      section = read.field;
      sectionMark = read.mark;
    } else if (read.kind === 'task') rows.push({ row: row.number, cells: read.cells, section, sectionMark });
  }
  return { sheet, headerRow: header.number, columns, index, titleLines, rows };
}

/** The lines of text above the header (the title block), each cell's lines cleaned, empty ones dropped. */
function titleLinesAbove(sheet: Sheet, headerRow: number): string[] {
  const titleLines: string[] = [];
  for (const row of sheet.rows) {
    if (row.number >= headerRow) break;
    for (const cell of row.cells) {
      if (!cell || cell.text === '') continue;
      for (const line of cell.text.split(/\r?\n/)) {
        const t = clean(line);
        if (t) titleLines.push(t);
      }
    }
  }
  return titleLines;
}

type RowRead =
  | { kind: 'task'; cells: Partial<Record<ColumnKey, Cell>> }
  | { kind: 'section'; field: string; mark: string }
  | { kind: 'skip' }
  | { kind: 'end' };

const SKIP: RowRead = { kind: 'skip' };
const END: RowRead = { kind: 'end' };

/** One row under the header: a task, a section heading, nothing to read (empty, a total), or the signature block that ends the table. */
function readRow(row: SheetRow, index: Partial<Record<ColumnKey, number>>, keys: readonly ColumnKey[]): RowRead {
  const texts: string[] = [];
  for (const c of row.cells) if (c && c.text !== '') texts.push(c.text);
  if (texts.length === 0) return SKIP;
  const titleCell = cellOf(row, index, 'title');

  if (isTotalRow(clean(texts[0] ?? ''))) return SKIP;
  if (texts.some(isSignature) && (!titleCell || isSignature(titleCell.text))) return END;

  const hasValues = VALUE_KEYS.some((k) => cellOf(row, index, k));
  if (!hasValues && texts.length <= 2) {
    const heading = sectionHeading(texts);
    if (heading) return { kind: 'section', ...heading };
  }
  const cells: Partial<Record<ColumnKey, Cell>> = {};
  let content = false;
  for (const k of keys) {
    const c = cellOf(row, index, k);
    if (c) {
      cells[k] = c;
      content ||= CONTENT_KEY.has(k);
    }
  }
  return content ? { kind: 'task', cells } : SKIP;
}

/** The row's cell in a column, when it holds text. */
function cellOf(row: SheetRow, index: Partial<Record<ColumnKey, number>>, k: ColumnKey): Cell | undefined {
  const i = index[k];
  const c = i === undefined ? undefined : row.cells[i];
  return c && c.text !== '' ? c : undefined;
}

/** `I. LĨNH VỰC XÂY DỰNG ĐẢNG`, `II. Kinh tế`, or `II` | `Kinh tế` in two cells → the field. */
function sectionHeading(texts: string[]): { field: string; mark: string } | null {
  const joined = clean(texts.join(' '));
  let mark: string;
  let rest: string;
  const m = ROMAN.exec(joined);
  const [one = '', two = ''] = texts;
  if (texts.length === 2 && ROMAN_ALONE.test(clean(one))) {
    mark = clean(one).replace('.', '');
    rest = clean(two);
  } else if (m) {
    [, mark = '', rest = ''] = m; // both groups take part in a match
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
