// `xl/styles.xml` of a copy patched at zip level: a flagged cell keeps everything of its own format
// (font, border, number format, alignment) and only its fill changes, so each flagged cell points to a
// clone of its own cell format with tiendo's fill; fills, fonts, borders and formats are only appended,
// so every cell left alone keeps its index and its look.
import { ERROR_FILL, WARNING_FILL } from './annotate-common.js';
import { CannotPatch, MAIN_NS, XML_HEAD, attr, removeAttr, rootTag, setAttr } from './annotate-patch-xml.js';

type Section = 'fonts' | 'fills' | 'borders' | 'cellXfs';
const CHILD: Record<Section, string> = { fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf' };
/** The order of the stylesheet's children, for a section that is missing. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs'];

/** A stylesheet of the few things a package without one needs: Excel's defaults. */
const MINIMAL =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const solidFill = (argb: string): string =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;

/** The styles of the result sheet, by what they are for. */
export interface ResultStyles {
  plain: number;
  title: number;
  bold: number;
  italic: number;
  header: number;
  error: number;
  warning: number;
  centred: number;
  link: number;
  message: number;
}

export class PatchedStyles {
  private readonly xml: string;
  /** each section's existing children, as written */
  private readonly items: Record<Section, string[]>;
  private readonly added: Record<Section, string[]> = { fonts: [], fills: [], borders: [], cellXfs: [] };
  /** a cell format's text → its index, so equal clones are made once */
  private readonly xfIndex = new Map<string, number>();
  private readonly fillIds = new Map<string, number>();
  /** whether the package had no stylesheet (a new part is then written) */
  readonly created: boolean;

  constructor(xml: string | null) {
    this.created = xml === null;
    this.xml = xml ?? MINIMAL;
    rootTag(this.xml, 'styleSheet');
    this.items = {
      fonts: this.children('fonts'),
      fills: this.children('fills'),
      borders: this.children('borders'),
      cellXfs: this.children('cellXfs'),
    };
    if (this.items.cellXfs.length === 0) throw new CannotPatch('styles.xml without cell formats');
    this.items.cellXfs.forEach((xf, i) => {
      if (!this.xfIndex.has(xf)) this.xfIndex.set(xf, i);
    });
  }

  private section(name: Section): { open: number; body: number; close: number } | null {
    const m = new RegExp(`<${name}\\b[^>]*?(/?)>`).exec(this.xml);
    if (!m) return null;
    if (m[1]) return { open: m.index, body: m.index + m[0].length, close: m.index + m[0].length };
    const close = this.xml.indexOf(`</${name}>`, m.index);
    if (close < 0) throw new CannotPatch(`styles.xml: <${name}> not closed`);
    return { open: m.index, body: m.index + m[0].length, close };
  }

  private children(name: Section): string[] {
    const s = this.section(name);
    if (!s) return [];
    const child = CHILD[name];
    const re = new RegExp(`<${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, 'g');
    return [...this.xml.slice(s.body, s.close).matchAll(re)].map((m) => m[0]);
  }

  private add(name: Section, item: string): number {
    this.added[name].push(item);
    return this.items[name].length + this.added[name].length - 1;
  }

  private xf(i: number): string {
    return this.items.cellXfs[i] ?? this.added.cellXfs[i - this.items.cellXfs.length] ?? this.items.cellXfs[0] ?? '<xf/>';
  }

  /** The index of a cell format with this text, appended when new. */
  private xfOf(xf: string): number {
    let i = this.xfIndex.get(xf);
    if (i === undefined) {
      i = this.add('cellXfs', xf);
      this.xfIndex.set(xf, i);
    }
    return i;
  }

  private fillId(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      id = this.add('fills', solidFill(argb));
      this.fillIds.set(argb, id);
    }
    return id;
  }

  /** The colour of cell format `i`'s solid fill (`FFFFC7CE`), if it has one. */
  fillColour(i: number): string | undefined {
    const fill = this.items.fills[Number(attr(this.xf(i).match(/^<xf\b[^>]*>/)?.[0] ?? '', 'fillId') ?? 0)];
    if (!fill || !/patternType="solid"/.test(fill)) return undefined;
    return /<fgColor\b[^>]*\brgb="([0-9A-Fa-f]{8})"/.exec(fill)?.[1]?.toUpperCase();
  }

  /** Cell format `i` with its fill replaced (a colour) or taken away (null). */
  withFill(i: number, argb: string | null): number {
    const xf = this.xf(i);
    const open = /^<xf\b[^>]*?\/?>/.exec(xf)?.[0] ?? '<xf>';
    let tag = setAttr(open, 'fillId', String(argb ? this.fillId(argb) : 0));
    tag = argb ? setAttr(tag, 'applyFill', '1') : removeAttr(tag, 'applyFill');
    return this.xfOf(tag + xf.slice(open.length));
  }

  /** A flagged cell's format: its own, with the fill of its severity. */
  flagged(i: number, severity: 'error' | 'warning'): number {
    return this.withFill(i, severity === 'error' ? ERROR_FILL : WARNING_FILL);
  }

  /** Whether cell format `i` exists (a cell's `s` beyond the list is read as the default). */
  has(i: number): boolean {
    return i >= 0 && i < this.items.cellXfs.length + this.added.cellXfs.length;
  }

  /** The result sheet's formats, appended once. */
  result(): ResultStyles {
    const font = (inner: string) => this.add('fonts', `<font>${inner}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`);
    const plain = font('');
    const title = this.add('fonts', '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>');
    const bold = font('<b/>');
    const italic = font('<i/>');
    const link = font('<u/><color rgb="FF0563C1"/>');
    const headerFill = this.fillId('FFD9E1F2');
    const bottom = this.add(
      'borders',
      '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border>',
    );
    const xf = (fontId: number, extra: { fill?: number; border?: number; align?: string } = {}) =>
      this.xfOf(
        `<xf numFmtId="0" fontId="${fontId}" fillId="${extra.fill ?? 0}" borderId="${extra.border ?? 0}" xfId="0" applyFont="1"` +
          `${extra.fill ? ' applyFill="1"' : ''}${extra.border ? ' applyBorder="1"' : ''}` +
          (extra.align ? ` applyAlignment="1"><alignment ${extra.align}/></xf>` : '/>'),
      );
    const top = 'vertical="top"';
    return {
      plain: xf(plain, { align: top }),
      title: xf(title),
      bold: xf(bold),
      italic: xf(italic),
      header: xf(bold, { fill: headerFill, border: bottom, align: 'vertical="center" wrapText="1"' }),
      error: xf(plain, { fill: this.fillId(ERROR_FILL), align: top }),
      warning: xf(plain, { fill: this.fillId(WARNING_FILL), align: top }),
      centred: xf(plain, { align: `horizontal="center" ${top}` }),
      link: xf(link, { align: `horizontal="center" ${top}` }),
      message: xf(plain, { align: `${top} wrapText="1"` }),
    };
  }

  /** The stylesheet with what was appended, its counts updated; null when nothing was. */
  text(): string | null {
    if (!this.created && (['fonts', 'fills', 'borders', 'cellXfs'] as const).every((s) => this.added[s].length === 0)) return null;
    let xml = this.xml;
    // last section first, so the earlier offsets stay right
    const sections = (['fonts', 'fills', 'borders', 'cellXfs'] as const)
      .filter((s) => this.added[s].length)
      .map((name) => ({ name, at: this.section(name) }))
      .sort((a, b) => (b.at?.open ?? 0) - (a.at?.open ?? 0));
    for (const { name, at } of sections) {
      const count = this.items[name].length + this.added[name].length;
      const body = this.added[name].join('');
      if (!at) xml = insertSection(xml, name, `<${name} count="${count}">${body}</${name}>`);
      else {
        const open = xml.slice(at.open, at.body);
        const selfClosing = open.endsWith('/>');
        const newOpen = setAttr(selfClosing ? `${open.slice(0, -2)}>` : open, 'count', String(count));
        xml = `${xml.slice(0, at.open)}${newOpen}${xml.slice(at.body, at.close)}${body}${selfClosing ? `</${name}>` : ''}${xml.slice(at.close)}`;
      }
    }
    return xml;
  }
}

/** A section the stylesheet lacks, put where the schema wants it. */
function insertSection(xml: string, name: Section, text: string): string {
  const later = ORDER.slice(ORDER.indexOf(name) + 1);
  for (const next of [...later, 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst']) {
    const m = new RegExp(`<${next}\\b`).exec(xml);
    if (m) return `${xml.slice(0, m.index)}${text}${xml.slice(m.index)}`;
  }
  const end = xml.lastIndexOf('</styleSheet>');
  if (end < 0) throw new CannotPatch('styles.xml: no </styleSheet>');
  return `${xml.slice(0, end)}${text}${xml.slice(end)}`;
}
