// What a sheet's cells refer to: the cell formats (styles.xml) and the shared strings, rich text
// included.
import { formatCode, formatKind } from './numfmt.js';
import { attr, cdataOrText, elements, firstElement, unescapeExcel, unescapeXml } from './xml.js';

export interface Style {
  date: boolean;
  percent: boolean;
  font: string | undefined;
  /** the number format's code; '' for General */
  format: string;
}

export const PLAIN: Style = { date: false, percent: false, font: undefined, format: '' };

/** The cell formats (`cellXfs`), by index: what `s="…"` of a cell names. */
export function stylesXml(xml: string): Style[] {
  const custom = new Map<number, string>();
  for (const { attrs } of elements(xml, 'numFmt')) custom.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
  const fonts: (string | undefined)[] = [];
  const fontsBlock = firstElement(xml, 'fonts')?.body ?? '';
  for (const { body } of elements(fontsBlock, 'font')) {
    const name = body ? firstElement(body, 'name') : null;
    fonts.push(name ? attr(name.attrs, 'val') : undefined);
  }
  const out: Style[] = [];
  const xfs = firstElement(xml, 'cellXfs')?.body ?? '';
  for (const { attrs } of elements(xfs, 'xf')) {
    const id = Number(attr(attrs, 'numFmtId') ?? 0);
    // A built-in id has no code in the file (the East Asian dates 27–36, 50–58 among them).
    const code = id ? formatCode(id, custom) : '';
    const format = /^general$/i.test(code) ? '' : code;
    const kind = formatKind(format);
    const fontId = attr(attrs, 'fontId');
    out.push({
      date: kind === 'date',
      percent: kind === 'percent',
      font: fontId !== undefined ? fonts[Number(fontId)] : undefined,
      format,
    });
  }
  return out;
}

export interface SharedString {
  /** NFC, trimmed */
  text: string;
  /** the font of the first run that names one */
  font?: string;
}

/** The shared strings of a piece of sharedStrings.xml, appended to `out`. */
export function sharedStrings(xml: string, out: SharedString[]): void {
  for (const { body } of elements(xml, 'si')) out.push(body === null ? { text: '' } : stringItem(body));
}

const PLAIN_TEXT = /^<t(?:\s[^>]*)?>([^<]*)<\/t>$/;

/** The text of an `<si>` or `<is>`: its runs joined, phonetic guides left out. */
export function stringItem(body: string): SharedString {
  // What nearly every writer puts there: one `<t>` of plain text.
  const plain = PLAIN_TEXT.exec(body);
  if (plain)
    return {
      text: unescapeExcel(unescapeXml(plain[1] ?? ''))
        .normalize('NFC')
        .trim(),
    };
  if (body.includes('rPh')) body = body.replace(/<((?:[\w.-]+:)?)rPh\b[\s\S]*?<\/\1rPh>/g, '');
  let text = '';
  let font: string | undefined;
  if (/<(?:[\w.-]+:)?r[\s>]/.test(body)) {
    for (const run of elements(body, 'r')) {
      if (run.body === null) continue;
      if (font === undefined) {
        const rf = firstElement(run.body, 'rFont');
        if (rf) font = attr(rf.attrs, 'val');
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
