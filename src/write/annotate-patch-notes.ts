// The notes of a sheet patched at zip level (./annotate-patch.ts): its comments part, and the legacy
// VML drawing Excel shows them from. A sheet that already has notes keeps them; the lines tiendo put
// in a note of a copy sent back are taken out (the unit's own text stays), a note left empty goes with
// its box, and each flagged cell's note gets its messages.
import { NOTE_LINE_PATTERN } from './annotate-common.js';
import { CannotPatch, MAIN_NS, XML_HEAD, attr, escapeAttr, parseRef, unescapeXml } from './annotate-patch-xml.js';
import { xmlText } from './xml.js';

const CELL_MAX = 32767;

interface Existing {
  row: number;
  col: number;
  /** the comment as written */
  raw: string;
  text: string;
}

export interface NotesResult {
  comments: string;
  vml: string;
  /** cells whose note held tiendo's lines (their fill, if tiendo's, goes too) */
  cleared: { row: number; col: number }[];
}

function parseComments(xml: string): { authors: string[]; list: Existing[]; before: string; after: string } {
  const listOpen = /<commentList\b[^>]*?(\/?)>/.exec(xml);
  if (!listOpen) throw new CannotPatch('comments without <commentList>');
  const bodyStart = listOpen.index + listOpen[0].length;
  const bodyEnd = listOpen[1] ? bodyStart : xml.indexOf('</commentList>', bodyStart);
  if (bodyEnd < 0) throw new CannotPatch('<commentList> not closed');
  const authors = [...xml.slice(0, listOpen.index).matchAll(/<author>([\s\S]*?)<\/author>|<author\/>/g)].map((m) =>
    unescapeXml(m[1] ?? ''),
  );
  const list: Existing[] = [];
  for (const m of xml.slice(bodyStart, bodyEnd).matchAll(/<comment\b[^>]*?(?:\/>|>[\s\S]*?<\/comment>)/g)) {
    const at = parseRef(attr(m[0], 'ref') ?? '');
    if (!at) throw new CannotPatch('a comment without a cell');
    const text = [...m[0].replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)]
      .map((t) => unescapeXml(t[1] ?? ''))
      .join('');
    list.push({ ...at, raw: m[0], text });
  }
  return {
    authors,
    list,
    before: `${xml.slice(0, listOpen.index)}<commentList>`,
    after: `</commentList>${listOpen[1] ? '' : xml.slice(bodyEnd + '</commentList>'.length)}`,
  };
}

const EMPTY_COMMENTS = `${XML_HEAD}<comments xmlns="${MAIN_NS}"><authors></authors><commentList></commentList></comments>`;

function commentXml(row: number, col: number, letters: string, authorId: number, text: string): string {
  // one run, as Excel writes a note's text (exceljs reads only runs)
  return (
    `<comment ref="${letters}${row}" authorId="${authorId}"><text><r><rPr><sz val="9"/><rFont val="Tahoma"/><family val="2"/></rPr>` +
    `<t xml:space="preserve">${xmlText(text.slice(0, CELL_MAX))}</t></r></text></comment>`
  );
}

const VML_HEAD =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">';
const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function shapeXml(id: number, z: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${Math.max(0, row - 2)}, 10, ${col + 3}, 15, ${row + 3}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`
  );
}

/** The blocks of 1,024 shape ids a VML drawing claims (`<o:idmap data="1,2">`). */
export function idBlocks(vml: string): number[] {
  const data = /<o:idmap\b[^>]*\bdata="([^"]*)"/.exec(vml)?.[1] ?? '';
  return data
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

export interface NotesInput {
  /** the comments part and drawing the sheet has, if any */
  comments: string | null;
  vml: string | null;
  /** the lines to add, by cell */
  add: { row: number; col: number; letters: string; lines: string[] }[];
  /** a block of shape ids no other drawing of the package claims (for a new drawing, or a full one) */
  freeBlock: number;
}

/** The sheet's notes afterwards; null when nothing changes. */
export function patchNotes(input: NotesInput): NotesResult | null {
  const parsed = parseComments(input.comments ?? EMPTY_COMMENTS);
  const key = (row: number, col: number) => `${row}:${col}`;
  const adding = new Map(input.add.map((a) => [key(a.row, a.col), a]));
  let authorId = parsed.authors.indexOf('tiendo');
  const authors = [...parsed.authors];
  if (authorId < 0 && input.add.length) authorId = authors.push('tiendo') - 1;
  const kept: string[] = [];
  const cleared: NotesResult['cleared'] = [];
  const removed = new Set<string>();
  const hasShape = new Set<string>();
  let changed = false;
  for (const c of parsed.list) {
    const lines = c.text.split(/\r?\n/);
    const own = lines.filter((l) => !NOTE_LINE_PATTERN.test(l));
    const ours = own.length < lines.length;
    if (ours) cleared.push({ row: c.row, col: c.col });
    const add = adding.get(key(c.row, c.col));
    if (!ours && !add) {
      kept.push(c.raw);
      hasShape.add(key(c.row, c.col));
      continue;
    }
    changed = true;
    const before = ours ? own.join('\n') : c.text;
    const text = [before.trim() ? before : '', ...(add?.lines ?? [])].filter(Boolean).join('\n');
    adding.delete(key(c.row, c.col));
    if (!text) {
      removed.add(key(c.row, c.col));
      continue;
    }
    hasShape.add(key(c.row, c.col));
    const letters = /\bref="\$?([A-Z]+)/i.exec(c.raw)?.[1] ?? 'A';
    kept.push(commentXml(c.row, c.col, letters, Math.max(0, authorId), text));
  }
  const fresh = [...adding.values()];
  if (!changed && fresh.length === 0) return null;
  for (const a of fresh) kept.push(commentXml(a.row, a.col, a.letters, authorId, a.lines.join('\n')));

  let before = parsed.before;
  const authorsXml = `<authors>${authors.map((a) => `<author>${escapeAttr(a)}</author>`).join('')}</authors>`;
  before = /<authors\b[\s\S]*?<\/authors>|<authors\/>/.test(before)
    ? before.replace(/<authors\b[\s\S]*?<\/authors>|<authors\/>/, authorsXml)
    : before.replace(/<commentList>$/, `${authorsXml}<commentList>`);
  const comments = `${before}${kept.join('')}${parsed.after}`;
  return { comments, vml: patchVml(input.vml, removed, fresh, input.freeBlock), cleared };
}

function patchVml(vml: string | null, removed: Set<string>, fresh: { row: number; col: number }[], freeBlock: number): string {
  if (vml === null) {
    const shapes = fresh.map((a, k) => shapeXml(freeBlock * 1024 + k + 1, k + 1, a.row, a.col)).join('');
    return `${VML_HEAD}<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${freeBlock}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`;
  }
  if (!/xmlns:v="urn:schemas-microsoft-com:vml"/.test(vml) || !/xmlns:x="urn:schemas-microsoft-com:office:excel"/.test(vml)) {
    throw new CannotPatch('a VML drawing with other prefixes');
  }
  let out = vml.replace(/<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g, (shape) => {
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    if (!/ObjectType="Note"/.test(shape) || row === undefined || col === undefined) return shape;
    return removed.has(`${Number(row) + 1}:${Number(col) + 1}`) ? '' : shape;
  });
  if (!fresh.length) return out;
  const ids = [...out.matchAll(/\bid="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
  const blocks = idBlocks(out);
  let next = Math.max(0, ...ids) + 1;
  let extraBlock = false;
  // new ids within a block the drawing claims, else in the free one
  if (!blocks.includes(Math.floor((next + fresh.length) / 1024)) || !blocks.includes(Math.floor(next / 1024))) {
    next = freeBlock * 1024 + 1;
    extraBlock = true;
  }
  const z = ids.length;
  const shapes = fresh.map((a, k) => shapeXml(next + k, z + k + 1, a.row, a.col)).join('');
  if (extraBlock) {
    const idmap = /<o:idmap\b[^>]*\bdata="([^"]*)"/.exec(out);
    if (idmap) out = out.replace(idmap[0], idmap[0].replace(/data="[^"]*"/, `data="${[...blocks, freeBlock].join(',')}"`));
    else {
      // LibreOffice writes none (its shapes are named shape_0 …): one is made for the new shapes
      const root = /<xml\b[^>]*>/.exec(out);
      if (!root) throw new CannotPatch('a VML drawing without its root');
      const layout = `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${freeBlock}"/></o:shapelayout>`;
      out = `${out.slice(0, root.index + root[0].length)}${layout}${out.slice(root.index + root[0].length)}`;
    }
  }
  if (!/<v:shapetype\b[^>]*\bid="_x0000_t202"/.test(out)) {
    const end = out.lastIndexOf('</xml>');
    out = `${out.slice(0, end)}${SHAPETYPE}${out.slice(end)}`;
  }
  const end = out.lastIndexOf('</xml>');
  if (end < 0) throw new CannotPatch('a VML drawing not closed');
  return `${out.slice(0, end)}${shapes}${out.slice(end)}`;
}
