// The little XML an annotated copy patched at zip level (./annotate-patch.ts) needs: attributes of one
// tag, relationships, part paths. The parts are edited as text, in place: only what changes is
// rewritten, everything else (other producers' extensions, attributes tiendo does not know) stays as it was.

/** A patch that cannot be made safely: the copy is made through exceljs instead. */
export class CannotPatch extends Error {}

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** One pattern per attribute name, made once (a copy looks up thousands of attributes). */
const patterns = new Map<string, RegExp>();
function attrPattern(name: string): RegExp {
  let re = patterns.get(name);
  if (!re) patterns.set(name, (re = new RegExp(`\\s${name.replace(/[:.]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  return re;
}

/** The value of attribute `name` (as spelled, prefix included) in the open tag `tag`, or undefined. */
export function attr(tag: string, name: string): string | undefined {
  const m = attrPattern(name).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

/** The open tag with attribute `name` set to `value` (already escaped), added before the tag's end when missing. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = attrPattern(name);
  if (re.test(tag)) return tag.replace(re, ` ${name}="${value}"`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${value}"${tag.slice(end)}`;
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(attrPattern(name), '');
}

/** The value of the relationship id attribute (`r:id`, whatever the prefix) of a tag. */
export function relId(tag: string): string | undefined {
  const m = /\s[A-Za-z_][\w.-]*:id\s*=\s*("([^"]*)"|'([^']*)')/.exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

/** The root element's open tag, after the declaration and any comment; a prefixed root (`<x:worksheet>`) is not patched. */
export function rootTag(xml: string, local: string): { tag: string; at: number } {
  const m = /<([A-Za-z_][\w.:-]*)[\s>/]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, (s) => ' '.repeat(s.length)));
  if (!m || m[1] !== local) throw new CannotPatch(`root <${m?.[1] ?? '?'}>, not <${local}>`);
  const end = xml.indexOf('>', m.index);
  const tag = xml.slice(m.index, end + 1);
  if (attr(tag, 'xmlns') !== MAIN_NS && local !== 'Types' && local !== 'Relationships')
    throw new CannotPatch(`<${local}> not in the transitional namespace`);
  return { tag, at: m.index };
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    out.push({
      id: attr(tag, 'Id') ?? '',
      type: attr(tag, 'Type') ?? '',
      target: attr(tag, 'Target') ?? '',
      external: attr(tag, 'TargetMode') === 'External',
    });
  }
  return out;
}

/** `Type` ends with `/kind` (transitional or strict spelling alike). */
export const relOfType = (rels: Relationship[], kind: string): Relationship | undefined => rels.find((r) => r.type.endsWith(`/${kind}`));

/** A relationship's target as a part name (`xl/worksheets/sheet1.xml`), from the folder of the part that holds it. */
export function resolvePart(fromPart: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${fromPart.slice(0, fromPart.lastIndexOf('/') + 1)}${target}`;
  const out: string[] = [];
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // a stray % in a target: taken as written
  }
  for (const seg of decoded.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels` */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationships part with `items` appended (ids chosen by the caller). */
export function withRels(xml: string | undefined, items: { id: string; type: string; target: string; external?: boolean }[]): string {
  const add = items
    .map(
      (r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeAttr(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('');
  if (!xml) return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${add}</Relationships>`;
  const end = xml.lastIndexOf('</Relationships>');
  if (end < 0) {
    const self = /<Relationships\b[^>]*\/>/.exec(xml);
    if (!self) throw new CannotPatch('relationships part without <Relationships>');
    return `${xml.slice(0, self.index)}${self[0].slice(0, -2)}>${add}</Relationships>${xml.slice(self.index + self[0].length)}`;
  }
  return `${xml.slice(0, end)}${add}${xml.slice(end)}`;
}

/** An id not yet taken among `rels` (`rId7`). */
export function freeRelId(rels: { id: string }[]): string {
  const taken = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (taken.has(`rId${n}`)) n++;
  return `rId${n}`;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `C12` → { col: 3, row: 12 }; null when it is not a cell reference. */
export function parseRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] ?? '').toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}
