// One worksheet's XML turned into rows of cells: values by type and style, shared formulas, merged
// ranges, legacy-encoded text; read piece by piece (whole rows) so a large sheet is never held whole.
import { cellAddress, columnLetters, columnNumber } from '../domain/cell-ref.js';
import { isoFromUtc } from '../domain/dates.js';
import type { Cell, Problem, Sheet, SheetRow } from '../types.js';
import { legacyFontKind, tcvn3ToUnicode, type LegacyFontKind } from './legacy.js';
import { displayNumber } from './numfmt.js';
import { Refusal } from './xlsx-package.js';
import { PLAIN, stringItem, type SharedString, type Style } from './xlsx-parts.js';
import { attr, cdataOrText, unescapeExcel, unescapeXml } from './xml.js';

/** The first real day: serials below 61 are shifted by Excel's fictitious 29/02/1900. */
export const FIRST_TRUSTED_DAY = '1900-03-01';

export interface SheetContext {
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
/** Any character outside ASCII: text a VNI font would show as other letters. */
const NON_ASCII = /[\u0080-\uffff]/;

export class SheetReader {
  private readonly rows = new Map<number, (Cell | null)[]>();
  private lastRow = 0;
  private maxColumn = 0;
  private rest = '';
  /** masters of shared formulas by `si`, to show a dependent cell's formula */
  private readonly shared = new Map<string, { formula: string; row: number; col: number }>();
  private lastFont: string | undefined = undefined;
  private lastFontKind: LegacyFontKind | null = null;
  /** the last cell tag nextCellTag read: its prefix, attributes, whether it is empty (`<c …/>`), where it ends */
  private readonly tag = { prefix: '', attrs: '', empty: false, end: 0 };
  /** serial → calendar day, for this sheet */
  private readonly days = new Map<number, string | null>();

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
      const [, prefix = '', attrs = '', empty] = m;
      const r = attr(attrs, 'r');
      const number = r !== undefined && /^\d+$/.test(r) ? Number(r) : this.lastRow + 1;
      this.lastRow = Math.max(this.lastRow, number);
      if (empty === '/') {
        end = ROW_OPEN.lastIndex;
        continue;
      }
      const close = prefix ? `</${prefix}row>` : '</row>';
      const stop = xml.indexOf(close, ROW_OPEN.lastIndex);
      if (stop < 0) throw new Refusal('corrupt', { reason: `trang tính "${this.name}" hỏng ở hàng ${number}` });
      if (stop > ROW_OPEN.lastIndex) this.cells(xml, ROW_OPEN.lastIndex, stop, number);
      end = stop + close.length;
      ROW_OPEN.lastIndex = end;
    }
    // What follows the last row (merged ranges) is only read once the rows are over.
    this.rest = xml.slice(end);
  }

  /** The cells of the row whose content is `xml` from `from` to `to`. */
  private cells(xml: string, from: number, to: number, rowNumber: number): void {
    let cells = this.rows.get(rowNumber);
    let col = 0;
    let pos = from;
    while (this.nextCellTag(xml, pos, to)) {
      this.count();
      const attrs = this.tag.attrs;
      const ref = attr(attrs, 'r');
      const at = ref !== undefined ? cellAddress(ref) : null;
      col = at ? at[1] : col + 1;
      pos = this.tag.end;
      let body = '';
      if (!this.tag.empty) {
        const close = this.tag.prefix ? `</${this.tag.prefix}c>` : '</c>';
        const stop = xml.indexOf(close, pos);
        if (stop < 0 || stop >= to) break;
        body = xml.slice(pos, stop);
        pos = stop + close.length;
      }
      if (col > this.maxColumn) this.maxColumn = col;
      const cell = this.cell(attrs, body, rowNumber, col);
      if (!cell) continue;
      if (!cells) this.rows.set(rowNumber, (cells = []));
      cells[col - 1] = cell;
    }
  }

  /**
   * The next cell's opening tag from `pos` on, wholly before `to`, into `this.tag`; false when there
   * is none. The tag Excel writes (`<c ` right where the last cell ended) is read without the expression.
   */
  private nextCellTag(xml: string, pos: number, to: number): boolean {
    const tag = this.tag;
    if (xml.startsWith('<c ', pos)) {
      const gt = xml.indexOf('>', pos + 3);
      if (gt >= 0 && gt < to) {
        tag.empty = xml.charCodeAt(gt - 1) === 47; // '/'
        tag.prefix = '';
        tag.attrs = xml.slice(pos + 2, tag.empty ? gt - 1 : gt);
        tag.end = gt + 1;
        return true;
      }
    }
    CELL_OPEN.lastIndex = pos;
    const m = CELL_OPEN.exec(xml);
    if (!m || CELL_OPEN.lastIndex > to) return false;
    const [, prefix = '', attrs = '', empty] = m;
    tag.empty = empty === '/';
    tag.prefix = prefix;
    tag.attrs = attrs;
    tag.end = CELL_OPEN.lastIndex;
    return true;
  }

  private cell(attrs: string, body: string, row: number, col: number): Cell | null {
    const s = attr(attrs, 's');
    const style = (s !== undefined ? this.ctx.styles[Number(s)] : this.ctx.styles[0]) ?? PLAIN;
    const t = attr(attrs, 't') ?? 'n';
    const value = body ? valueOf(body) : undefined;
    const formula = this.unresolvedFormula(body, t, value, row, col);
    if (formula !== null) {
      const cell = base(style, `=${formula}`);
      cell.formulaWithoutResult = true;
      return cell;
    }
    if (t === 's' || t === 'inlineStr') return this.stringCell(t, value, body, style);
    return value === undefined ? null : this.valueCell(t, value, style);
  }

  /**
   * The formula of a cell that has no cached result, or null. A cached result is what Excel showed;
   * none (a file written by a program that does not compute) leaves the formula itself, which the
   * value rules then report as it was typed. Every formula is read: a shared one's master is kept.
   */
  private unresolvedFormula(body: string, t: string, value: string | undefined, row: number, col: number): string | null {
    const f = body.includes('f') ? F.exec(body) : null;
    if (!f) return null;
    const formula = this.formula(f[2] ?? '', f[3], row, col);
    return value === undefined || (value === '' && t !== 'str') ? formula : null;
  }

  /** A cell of type `str`, `b`, `e`, `d` or a number, from its `<v>`. */
  private valueCell(t: string, value: string, style: Style): Cell | null {
    switch (t) {
      case 'str':
        return this.text(unescapeExcel(cdataOrText(value)).normalize('NFC').trim(), style, undefined);
      case 'b':
        return base(style, Number(value) !== 0 ? 'TRUE' : 'FALSE');
      case 'e': {
        const error = unescapeXml(value).trim();
        if (!error) return null;
        const cell = base(style, error);
        cell.error = error;
        return cell;
      }
      case 'd':
        return this.isoDate(unescapeXml(value).trim(), style);
      default: {
        if (value.trim() === '') return null;
        const n = Number(value);
        if (!Number.isFinite(n)) return this.text(unescapeXml(value).trim(), style, undefined);
        return this.number(n, style);
      }
    }
  }

  /** A shared string (`t="s"`, `value` its index) or an inline one (`<is>` in the body). */
  private stringCell(t: 's' | 'inlineStr', value: string | undefined, body: string, style: Style): Cell | null {
    if (t === 's') {
      const ss = value !== undefined ? this.ctx.strings[Number(value)] : undefined;
      return ss ? this.text(ss.text, style, ss.font) : null;
    }
    const is = IS.exec(body);
    if (!is) return null;
    const ss = stringItem(is[2] ?? '');
    return this.text(ss.text, style, ss.font);
  }

  /** legacyFontKind, asked again only when the font changes: cells of a sheet come in runs of one font. */
  private fontKind(font: string | undefined): LegacyFontKind | null {
    if (font !== this.lastFont) {
      this.lastFont = font;
      this.lastFontKind = legacyFontKind(font);
    }
    return this.lastFontKind;
  }

  private text(text: string, style: Style, runFont: string | undefined): Cell | null {
    const font = runFont ?? style.font;
    const cell: Cell = { text };
    if (font !== undefined) cell.font = font;
    const legacy = this.fontKind(font);
    if (legacy === 'tcvn3' || legacy === 'tcvn3-upper') cell.text = tcvn3ToUnicode(text, legacy === 'tcvn3-upper');
    return cell.text === '' ? null : cell;
  }

  private number(n: number, style: Style): Cell | null {
    if (style.date) {
      const iso = this.serialDay(n);
      return iso === null ? null : dateCell(iso, style);
    }
    const cell = base(style, String(n));
    cell.number = n;
    if (style.percent) cell.percent = true;
    if (style.format) {
      const shown = displayNumber(n, style.format);
      if (shown !== cell.text) cell.shown = shown;
    }
    return cell;
  }

  /** The calendar day of a serial (its time of day rounded as Excel shows it), null when it is none; the same days recur. */
  private serialDay(n: number): string | null {
    let iso = this.days.get(n);
    if (iso === undefined) {
      const d = new Date(Math.round((n - 25569 + (this.ctx.date1904 ? 1462 : 0)) * 86400000));
      iso = Number.isNaN(d.getTime()) ? null : isoFromUtc(d);
      if (this.days.size < 10_000) this.days.set(n, iso);
    }
    return iso;
  }

  /** An ISO date cell (`t="d"`, as openpyxl and LibreOffice may write): its calendar day. */
  private isoDate(text: string, style: Style): Cell | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text);
    if (!m) return text ? base(style, text) : null;
    return dateCell(`${m[1]}-${m[2]}-${m[3]}`, style);
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
      const [from, to] = (attr(m[1] ?? '', 'ref') ?? '').split(':');
      const a = from ? cellAddress(from) : null;
      const b = to ? cellAddress(to) : a;
      if (!a || !b) continue;
      this.merge(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    }
    const rows: SheetRow[] = [];
    let columnCount = 0;
    let vniReported = false;
    for (const [number, cells] of [...this.rows].sort((x, y) => x[0] - y[0])) {
      while (cells.length && !cells[cells.length - 1]) cells.pop();
      if (!cells.length) continue;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        if (!c) {
          cells[i] = null;
          continue;
        }
        if (!vniReported && this.fontKind(c.font) === 'vni' && NON_ASCII.test(c.text)) {
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
      if (cells) for (let c = c1 + 1; c <= Math.min(c2, cells.length); c++) cells[c - 1] = null;
      if (r === r1) continue;
      if (master) {
        if (!cells) this.rows.set(r, (cells = []));
        cells[c1 - 1] = master;
      } else if (cells && c1 <= cells.length) cells[c1 - 1] = null;
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

/** A cell of this text in this style's font (`text` first, then `font`, as every cell is built). */
function base(style: Style, text: string): Cell {
  return style.font !== undefined ? { text, font: style.font } : { text };
}

/** The content of a cell's `<v>`, or undefined when it has none. */
function valueOf(body: string): string | undefined {
  // What nearly every writer puts there: `<v>…</v>` alone.
  if (body.startsWith('<v>') && body.endsWith('</v>') && body.indexOf('<', 3) === body.length - 4) return body.slice(3, -4);
  return V.exec(body)?.[2];
}

/** A calendar day's cell; a day before the first trusted one is left as text, which parseDate calls invalid. */
export function dateCell(iso: string, style: Style): Cell {
  if (iso < FIRST_TRUSTED_DAY) return base(style, iso);
  const cell = base(style, displayIso(iso));
  cell.date = iso;
  return cell;
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
      const [, colFixed, letterCase = '', rowFixed, digits] = m;
      const letters = letterCase.toUpperCase();
      if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return match;
      const col = columnNumber(letters) + (colFixed ? 0 : dCol);
      const row = Number(digits) + (rowFixed ? 0 : dRow);
      return `${sheet ?? ''}${colFixed ?? ''}${columnLetters(col)}${rowFixed ?? ''}${row}`;
    },
  );
}

export function displayIso(iso: string): string {
  if (iso.length === 10) return `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
