// XML, the little that SpreadsheetML needs. Parts are machine-written and refused when they declare
// a DOCTYPE (./xlsx-package.ts), so the only entities are the five predefined ones and character
// references; any namespace prefix is accepted.

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name] ?? m;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Excel's escape for characters XML cannot hold: `_x000D_` is a carriage return. */
export function unescapeExcel(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text content that may hold CDATA sections: those taken as they are, the rest unescaped. */
export function cdataOrText(s: string): string {
  if (!s.includes('<![CDATA[')) return unescapeXml(s);
  return s
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((p) => (p.startsWith('<![CDATA[') ? p.slice(9, -3) : unescapeXml(p)))
    .join('');
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag, by local name (a prefix such as `r:` is dropped unless it is all there is). */
export function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s))) {
    const value = unescapeXml(m[2] ?? m[3] ?? '');
    const name = m[1] ?? '';
    const colon = name.indexOf(':');
    if (colon >= 0) {
      out.set(name, value); // r:id as written
      const local = name.slice(colon + 1);
      if (!out.has(local) || name.startsWith('xmlns')) out.set(`:${local}`, value);
    } else out.set(name, value);
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The value of one attribute of a tag, without building a map: for the hot path (every cell). */
export function attr(s: string, name: string): string | undefined {
  for (let i = s.indexOf(name); i >= 0; i = s.indexOf(name, i + 1)) {
    if (i > 0 && !isSpace(s.charCodeAt(i - 1))) continue;
    let j = i + name.length;
    while (isSpace(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 61) continue; // '='
    j++;
    while (isSpace(s.charCodeAt(j))) j++;
    const q = s[j];
    if (q !== '"' && q !== "'") continue;
    const end = s.indexOf(q, j + 1);
    if (end > j) return unescapeXml(s.slice(j + 1, end));
  }
  return undefined;
}

export interface Element {
  /** the text between the name and the tag's end */
  attrs: string;
  /** the content; null when the element is empty (`<x/>`) */
  body: string | null;
}

const OPEN_TAGS = new Map<string, RegExp>();

function openTag(name: string): RegExp {
  let open = OPEN_TAGS.get(name);
  if (!open) OPEN_TAGS.set(name, (open = new RegExp(`<((?:[\\w.-]+:)?)${name}(?=[\\s/>])([^>]*?)(/?)>`, 'g')));
  return open;
}

/** Every element `name` (any prefix) in `xml`, or only the first: its attribute text and its content. */
export function elements(xml: string, name: string, first = false): Element[] {
  const out: Element[] = [];
  const open = openTag(name);
  open.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(xml))) {
    const [, prefix = '', attrs = '', empty] = m;
    if (empty === '/') out.push({ attrs, body: null });
    else {
      const close = `</${prefix}${name}>`;
      const end = xml.indexOf(close, open.lastIndex);
      if (end < 0) break;
      out.push({ attrs, body: xml.slice(open.lastIndex, end) });
      open.lastIndex = end + close.length;
    }
    if (first) break;
  }
  return out;
}

export function firstElement(xml: string, name: string): Element | null {
  return elements(xml, name, true)[0] ?? null;
}
