// The styles part of the workbooks tiendo writes (xl/styles.xml): each distinct look — font size and
// face, fill, border, alignment, number format — made once and referred to by its id.
import { xmlText } from './xml.js';

export interface Style {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  /** wrap long text onto more lines */
  wrap?: boolean;
  /** vertical alignment; default centre */
  vertical?: 'top' | 'center' | 'bottom';
  indent?: number;
  /** thin black lines on all four sides */
  border?: boolean;
  /** `#,##0`, `0.0`, `dd/mm/yyyy` … */
  numFmt?: string;
  /** a solid background, `FFRRGGBB` */
  fill?: string;
  /** the text's colour, `FFRRGGBB` */
  color?: string;
}

/** A colour as styles.xml takes it: eight hex digits, alpha first; anything else is black. */
export function argb(c: string): string {
  return /^[0-9A-F]{8}$/i.test(c) ? c.toUpperCase() : 'FF000000';
}

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

export class Styles {
  private readonly fonts = new Map<string, number>();
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Map<string, number>();
  private readonly xfXml: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fontXml: string[] = [];
  /** solid fills by colour; ids from 2 (0 and 1 are the two every workbook starts with) */
  private readonly fills = new Map<string, number>();

  constructor(private readonly font: { name: string; size: number }) {
    // The Normal style keeps Excel's own font: column widths are counted in its digits.
    this.fontXml.push('<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>');
  }

  private fontId(s: Style): number {
    const size = s.size ?? this.font.size;
    const key = `${size}${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}${s.underline ? 'u' : ''}${s.color ?? ''}`;
    let id = this.fonts.get(key);
    if (id === undefined) {
      id = this.fontXml.length;
      this.fonts.set(key, id);
      this.fontXml.push(
        `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}${s.underline ? '<u/>' : ''}` +
          `<sz val="${size}"/>${s.color ? `<color rgb="${argb(s.color)}"/>` : ''}<name val="${xmlText(this.font.name)}"/><family val="1"/></font>`,
      );
    }
    return id;
  }

  private fillId(color: string | undefined): number {
    if (!color) return 0;
    const key = argb(color);
    let id = this.fills.get(key);
    if (id === undefined) this.fills.set(key, (id = 2 + this.fills.size));
    return id;
  }

  private formatId(code: string | undefined): number {
    if (!code) return 0;
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  id(s: Style): number {
    const font = this.fontId(s);
    const fmt = this.formatId(s.numFmt);
    const border = s.border ? 1 : 0;
    const fill = this.fillId(s.fill);
    const align =
      `<alignment horizontal="${s.horizontal ?? 'left'}" vertical="${s.vertical ?? 'center'}"` +
      `${s.wrap ? ' wrapText="1"' : ''}${s.indent ? ` indent="${s.indent}"` : ''}/>`;
    const xml =
      `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
      `${fmt ? ' applyNumberFormat="1"' : ''} applyFont="1"${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''} applyAlignment="1">${align}</xf>`;
    let id = this.xfs.get(xml);
    if (id === undefined) {
      id = this.xfXml.length;
      this.xfs.set(xml, id);
      this.xfXml.push(xml);
    }
    return id;
  }

  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    const black = '<color rgb="FF000000"/>';
    const thin = ['left', 'right', 'top', 'bottom'].map((side) => `<${side} style="thin">${black}</${side}>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      `<fonts count="${this.fontXml.length}">${this.fontXml.join('')}</fonts>` +
      `<fills count="${2 + this.fills.size}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      [...this.fills.keys()]
        .map((c) => `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor indexed="64"/></patternFill></fill>`)
        .join('') +
      '</fills>' +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}<diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
    );
  }
}
