// A worksheet part of a copy patched at zip level (./annotate-patch.ts): each flagged cell's `s` points
// to its flagged format (a cell the sheet does not have is made, in its row, in column order), the
// note boxes get their `<legacyDrawing>`, and the sheet's tab is no longer selected (the result sheet
// is). Nothing else of the sheet's text is touched: values, formulas (shared ones too), inline and
// shared strings, merges, widths, drawings.
import { columnLetter } from './xml.js';
import { CannotPatch, REL_NS, attr, parseRef, removeAttr, rootTag, setAttr } from './annotate-patch-xml.js';

/** A change to one cell's format: a severity's fill, or (null) tiendo's old fill taken away. */
export interface CellChange {
  row: number;
  col: number;
  severity: 'error' | 'warning' | null;
}

interface Token {
  /** where the open tag starts and ends in the sheet's text */
  start: number;
  end: number;
  tag: string;
  /** the tag as it will be written */
  out: string;
}
interface CellToken extends Token {
  col: number;
}
interface RowToken extends Token {
  r: number;
  selfClosing: boolean;
  /** where `</row>` starts */
  close: number;
  /** cells made in a row written `<row/>`, which then opens and closes */
  made: string;
  cells: CellToken[];
}

/** The cell each cell of a merge shows: its top-left one. */
export function mergeMaster(xml: string): (row: number, col: number) => { row: number; col: number } {
  const ranges: { r1: number; c1: number; r2: number; c2: number }[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*>/g)) {
    const [a, b] = (attr(m[0], 'ref') ?? '').split(':').map(parseRef);
    if (a && b)
      ranges.push({ r1: Math.min(a.row, b.row), c1: Math.min(a.col, b.col), r2: Math.max(a.row, b.row), c2: Math.max(a.col, b.col) });
  }
  return (row, col) => {
    const m = ranges.find((x) => row >= x.r1 && row <= x.r2 && col >= x.c1 && col <= x.c2);
    return m ? { row: m.r1, col: m.c1 } : { row, col };
  };
}

/** The rows and cells of `<sheetData>`, positions as written or implied (a row or cell without `r` follows the one before). */
function tokens(xml: string, from: number, to: number): { rows: RowToken[]; implicit: boolean } {
  const rows: RowToken[] = [];
  let implicit = false;
  let row: RowToken | null = null;
  let lastCol = 0;
  const re = /<(row|c)\b([^>]*?)(\/?)>|<\/row>/g;
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    if (m[0] === '</row>') {
      if (row) row.close = m.index;
      row = null;
      continue;
    }
    const tag = m[0];
    const r = attr(tag, 'r');
    if (m[1] === 'row') {
      const n = r !== undefined ? Number(r) : (rows.at(-1)?.r ?? 0) + 1;
      if (!Number.isInteger(n) || n < 1) throw new CannotPatch(`row r="${r}"`);
      if (r === undefined) implicit = true;
      row = { start: m.index, end: m.index + tag.length, tag, out: tag, r: n, selfClosing: m[3] === '/', close: -1, cells: [], made: '' };
      rows.push(row);
      lastCol = 0;
      if (row.selfClosing) row = null;
    } else {
      if (!row) throw new CannotPatch('a cell outside a row');
      const col = r !== undefined ? parseRef(r)?.col : lastCol + 1;
      if (col === undefined) throw new CannotPatch(`cell r="${r}"`);
      if (r === undefined) implicit = true;
      lastCol = col;
      row.cells.push({ start: m.index, end: m.index + tag.length, tag, out: tag, col });
    }
  }
  return { rows, implicit };
}

/** Each column's own format (`<col style>`), for a cell made in it. */
function columnStyles(xml: string): (col: number) => number {
  const cols = [...xml.matchAll(/<col\b[^>]*>/g)].map((m) => ({
    min: Number(attr(m[0], 'min')),
    max: Number(attr(m[0], 'max')),
    style: Number(attr(m[0], 'style') ?? 0),
  }));
  return (col) => cols.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
}

/** Where `<legacyDrawing>` goes: before the first element the schema puts after it. */
const AFTER_LEGACY =
  /<(legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst|mc:AlternateContent)\b|<\/worksheet>/g;

export interface SheetEdits {
  changes: CellChange[];
  /** the format a cell of format `s` takes for `severity` (null: tiendo's fill taken away) */
  styleOf: (s: number, severity: CellChange['severity']) => number;
  /** the relationship id of the note boxes' drawing, when the sheet needs a `<legacyDrawing>` it lacks */
  legacyDrawing?: string;
}

type Edit = { at: number; end: number; text: string };

/** The format a cell made in `row` at `col` starts from: its row's, when the row sets one, else its column's. */
function baseStyle(row: RowToken | undefined, col: number, colStyle: (col: number) => number): number {
  const custom = row ? attr(row.tag, 'customFormat') : undefined;
  return custom === '1' || custom === 'true' ? Number(attr(row?.tag ?? '', 's') ?? 0) : colStyle(col);
}

/** The cells' edits: formats changed, cells and rows made; whether any was made. */
function cellEdits(xml: string, body: { start: number; end: number }, edits: SheetEdits, rows: RowToken[]): { out: Edit[]; made: boolean } {
  const byRow = new Map(rows.map((r) => [r.r, r]));
  const colStyle = columnStyles(xml.slice(0, body.start));
  const out: Edit[] = [];
  const newRows = new Map<number, string[]>();
  let made = false;
  for (const ch of [...edits.changes].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const row = byRow.get(ch.row);
    const cell = row?.cells.find((c) => c.col === ch.col);
    if (cell) {
      cell.out = setAttr(cell.out, 's', String(edits.styleOf(Number(attr(cell.tag, 's') ?? 0), ch.severity)));
      continue;
    }
    if (ch.severity === null) continue; // no cell, no fill to take away
    const text = `<c r="${columnLetter(ch.col)}${ch.row}" s="${edits.styleOf(baseStyle(row, ch.col, colStyle), ch.severity)}"/>`;
    made = true;
    if (!row) newRows.set(ch.row, [...(newRows.get(ch.row) ?? []), text]);
    else {
      row.out = removeAttr(row.out, 'spans');
      if (row.selfClosing) row.made += text;
      else {
        const next = row.cells.find((c) => c.col > ch.col);
        out.push({ at: next ? next.start : row.close, end: next ? next.start : row.close, text });
      }
    }
  }
  for (const [r, cells] of newRows) {
    const at = rows.find((x) => x.r > r)?.start ?? body.end;
    out.push({ at, end: at, text: `<row r="${r}">${cells.join('')}</row>` });
  }
  return { out, made };
}

/** Rows and cells whose tag changed, as edits. */
function tokenEdits(rows: RowToken[]): Edit[] {
  const out: Edit[] = [];
  for (const row of rows) {
    const text = row.made ? `${row.out.slice(0, -2)}>${row.made}</row>` : row.out;
    if (text !== row.tag) out.push({ at: row.start, end: row.end, text });
    for (const c of row.cells) if (c.out !== c.tag) out.push({ at: c.start, end: c.end, text: c.out });
  }
  return out;
}

/** Above and below the sheet data: a prefix for relationships on the root, no tab selected, the `<legacyDrawing>`. */
function frameEdits(xml: string, sheetDataAt: number, bodyEnd: number, legacyDrawing: string | undefined): Edit[] {
  const out: Edit[] = [];
  const root = rootTag(xml, 'worksheet');
  for (const m of xml.slice(0, sheetDataAt).matchAll(/<sheetView\b[^>]*>/g)) {
    const v = attr(m[0], 'tabSelected');
    if (v === '1' || v === 'true') out.push({ at: m.index, end: m.index + m[0].length, text: removeAttr(m[0], 'tabSelected') });
  }
  if (!legacyDrawing) return out;
  const prefixes = [...root.tag.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)];
  let rel = prefixes.find((m) => m[2] === REL_NS)?.[1];
  if (!rel) {
    if (prefixes.some((m) => m[1] === 'r')) throw new CannotPatch('prefix r bound to another namespace');
    rel = 'r';
    out.push({ at: root.at, end: root.at + root.tag.length, text: setAttr(root.tag, 'xmlns:r', REL_NS) });
  }
  AFTER_LEGACY.lastIndex = bodyEnd;
  const m = AFTER_LEGACY.exec(xml);
  if (!m) throw new CannotPatch('worksheet not closed');
  out.push({ at: m.index, end: m.index, text: `<legacyDrawing ${rel}:id="${legacyDrawing}"/>` });
  return out;
}

/** The worksheet's text with the edits made. */
export function patchSheet(xml: string, edits: SheetEdits): string {
  const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new CannotPatch('worksheet without <sheetData>');
  const start = open.index + open[0].length;
  const end = open[1] ? start : xml.indexOf('</sheetData>', start);
  if (end < 0) throw new CannotPatch('<sheetData> not closed');
  const { rows, implicit } = tokens(xml, start, end);
  const cells = cellEdits(xml, { start: open.index, end }, edits, rows);
  // A made cell or row names itself; the ones without `r` that follow would then be counted from it.
  if (cells.made && implicit) {
    for (const row of rows) {
      if (attr(row.tag, 'r') === undefined) row.out = setAttr(row.out, 'r', String(row.r));
      for (const c of row.cells) if (attr(c.tag, 'r') === undefined) c.out = setAttr(c.out, 'r', `${columnLetter(c.col)}${row.r}`);
    }
  }
  const all = [...tokenEdits(rows), ...cells.out, ...frameEdits(xml, open.index, end, edits.legacyDrawing)];
  // `<sheetData/>` opened for the rows made in it
  if (open[1] && cells.made) all.push({ at: open.index, end: start, text: '<sheetData>' }, { at: start, end: start, text: '</sheetData>' });
  return splice(xml, all);
}

/** `xml` with each range replaced; ranges do not overlap, insertions at one place keep their order. */
function splice(xml: string, edits: Edit[]): string {
  if (!edits.length) return xml;
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.end - b.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += xml.slice(pos, e.at) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

/** Whether the sheet's tab is selected (it must not stay so beside the result sheet's). */
export function tabSelected(xml: string): boolean {
  return /<sheetView\b[^>]*\stabSelected\s*=\s*["'](1|true)["']/.test(xml);
}
