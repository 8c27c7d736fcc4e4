// The package-level parts of a copy patched at zip level (./annotate-patch.ts): the result sheet put
// first in the workbook (and opened), a stale one of a copy sent back taken out, the stylesheet, the
// relationships, the content types, and tiendo's mark in the core properties.
import { RESULT_SHEET, quoteSheet } from './annotate-common.js';
import type { ResultSheet } from './annotate-patch-result.js';
import type { PatchedStyles } from './annotate-patch-styles.js';
import {
  CannotPatch,
  REL_NS,
  XML_HEAD,
  attr,
  escapeAttr,
  freeRelId,
  parseRels,
  relOfType,
  relsPartOf,
  resolvePart,
  setAttr,
  withRels,
} from './annotate-patch-xml.js';

export interface SheetInfo {
  /** its `<sheet>` tag in workbook.xml */
  tag: string;
  name: string;
  relId: string;
  part: string;
  worksheet: boolean;
}

export interface PackageLike {
  text(name: string): string | null;
  put(name: string, text: string): void;
  freeName(prefix: string, suffix: string): string;
  has(name: string): boolean;
  readonly replace: Map<string, string | Buffer | null>;
}

export interface PackageParts {
  types: string;
  rootRels: string;
  wbPath: string;
  wbXml: string;
  wbRelsPath: string;
  wbRelsXml: string;
  sheets: SheetInfo[];
  /** result sheets of an earlier annotation, taken out */
  stale: SheetInfo[];
  /** parts added by the sheets' notes, with their content types */
  newTypes: { part: string; type: string }[];
  styles: PatchedStyles;
}

const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const CORE_NS = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const CORE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';

export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** Puts the result sheet, stylesheet, workbook, relationships, content types and mark into `pkg`. */
export function finishPackage(pkg: PackageLike, p: PackageParts, result: ResultSheet, mark: string): void {
  const types: { part: string; type: string }[] = [...p.newTypes];
  const removed = new Set<string>();
  for (const s of p.stale) {
    pkg.replace.set(s.part, null);
    pkg.replace.set(relsPartOf(s.part), null);
    removed.add(s.part);
  }
  let wbRelsXml = p.wbRelsXml;
  for (const s of p.stale) wbRelsXml = wbRelsXml.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${s.relId}"[^>]*>`), '');
  const wbRels = parseRels(wbRelsXml);
  const addRels: { id: string; type: string; target: string }[] = [];

  const resultPart = pkg.freeName('xl/worksheets/sheet', '.xml');
  pkg.put(resultPart, result.xml);
  if (result.rels.length) pkg.put(relsPartOf(resultPart), withRels(undefined, result.rels));
  types.push({ part: resultPart, type: `${CT}.worksheet+xml` });
  const resultId = freeRelId(wbRels);
  addRels.push({ id: resultId, type: `${REL_NS}/worksheet`, target: relativeTarget(p.wbPath, resultPart) });

  const stylesXml = p.styles.text();
  if (p.styles.created && stylesXml) {
    // where readers look for it whatever the relationships say (exceljs does)
    const part = pkg.has('xl/styles.xml') ? pkg.freeName('xl/styles', '.xml') : 'xl/styles.xml';
    pkg.put(part, stylesXml);
    addRels.push({ id: freeRelId([...wbRels, { id: resultId }]), type: `${REL_NS}/styles`, target: relativeTarget(p.wbPath, part) });
    types.push({ part, type: `${CT}.styles+xml` });
  } else if (stylesXml) {
    const rel = relOfType(wbRels, 'styles');
    if (!rel) throw new CannotPatch('styles changed but not found');
    pkg.put(resolvePart(p.wbPath, rel.target), stylesXml);
  }
  pkg.put(p.wbRelsPath, withRels(wbRelsXml, addRels));
  pkg.put(p.wbPath, workbookXml(p, resultId, result));
  const core = coreProps(pkg, p.rootRels, mark);
  if (core) types.push(core);
  pkg.put('[Content_Types].xml', contentTypes(p.types, types, removed));
}

function workbookXml(p: PackageParts, resultId: string, result: ResultSheet): string {
  let xml = p.wbXml;
  const kept = p.sheets.filter((s) => !p.stale.includes(s));
  for (const s of p.stale) xml = xml.replace(s.tag, '');
  const root = /<workbook\b[^>]*>/.exec(xml);
  if (!root) throw new CannotPatch('workbook.xml without <workbook>');
  let prefix = [...root[0].matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)].find((m) => m[2] === REL_NS)?.[1];
  if (!prefix) {
    if (/\sxmlns:r=/.test(root[0])) throw new CannotPatch('prefix r bound to another namespace');
    xml = xml.replace(root[0], setAttr(root[0], 'xmlns:r', REL_NS));
    prefix = 'r';
  }
  const sheetId = Math.max(0, ...p.sheets.map((s) => Number(attr(s.tag, 'sheetId') ?? 0)).filter(Number.isFinite)) + 1;
  const sheetsOpen = /<sheets\b[^>]*>/.exec(xml);
  if (!sheetsOpen || sheetsOpen[0].endsWith('/>')) throw new CannotPatch('workbook.xml without <sheets>');
  const at = sheetsOpen.index + sheetsOpen[0].length;
  xml = `${xml.slice(0, at)}<sheet name="${escapeAttr(RESULT_SHEET)}" sheetId="${sheetId}" ${prefix}:id="${resultId}"/>${xml.slice(at)}`;

  // names scoped to a sheet follow it: old position → new (the result sheet is first), a stale sheet's go
  const newIndex = new Map(p.sheets.map((s, i) => [i, kept.indexOf(s) < 0 ? -1 : kept.indexOf(s) + 1]));
  xml = xml.replace(/<definedName\b[^>]*?(?:\/>|>[\s\S]*?<\/definedName>)/g, (dn) => {
    const local = attr(dn, 'localSheetId');
    if (local === undefined) return dn;
    const n = newIndex.get(Number(local)) ?? -1;
    return n < 0 ? '' : dn.replace(/\slocalSheetId\s*=\s*"[^"]*"/, ` localSheetId="${n}"`);
  });
  const q = quoteSheet(RESULT_SHEET);
  const names =
    `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escapeAttr(`${q}!$A$${result.headerRow}:$H$${result.lastRow}`)}</definedName>` +
    `<definedName name="_xlnm.Print_Titles" localSheetId="0">${escapeAttr(`${q}!$${result.headerRow}:$${result.headerRow}`)}</definedName>`;
  const dns = /<definedNames\b[^>]*?(\/?)>/.exec(xml);
  if (dns) {
    const end = dns.index + dns[0].length;
    xml = dns[1]
      ? `${xml.slice(0, dns.index)}<definedNames>${names}</definedNames>${xml.slice(end)}`
      : `${xml.slice(0, end)}${names}${xml.slice(end)}`;
  } else {
    const close = xml.indexOf('</sheets>');
    if (close < 0) throw new CannotPatch('workbook.xml: </sheets> missing');
    xml = `${xml.slice(0, close + 9)}<definedNames>${names}</definedNames>${xml.slice(close + 9)}`;
  }
  // opens on the result sheet
  const view = /<workbookView\b[^>]*>/.exec(xml);
  if (view) {
    let tag = setAttr(view[0], 'activeTab', '0');
    tag = attr(tag, 'firstSheet') !== undefined ? setAttr(tag, 'firstSheet', '0') : tag;
    xml = xml.replace(view[0], tag);
  } else {
    const sheets = xml.indexOf('<sheets');
    const views = /<bookViews\b[^>]*?(\/?)>/.exec(xml);
    if (views) xml = xml.replace(views[0], '<bookViews><workbookView activeTab="0"/>' + (views[1] ? '</bookViews>' : ''));
    else xml = `${xml.slice(0, sheets)}<bookViews><workbookView activeTab="0"/></bookViews>${xml.slice(sheets)}`;
  }
  return xml;
}

/** The content types with the new parts' overrides, the removed parts' gone, and `.vml` known. */
function contentTypes(xml: string, add: { part: string; type: string }[], removed: Set<string>): string {
  let out = xml.replace(/<Override\b[^>]*>/g, (o) => (removed.has((attr(o, 'PartName') ?? '').replace(/^\//, '')) ? '' : o));
  let extra = add.map((t) => `<Override PartName="/${escapeAttr(t.part)}" ContentType="${t.type}"/>`).join('');
  // a new note drawing is a .vml part, known by its extension
  if (!/<Default\b[^>]*Extension="vml"/i.test(out))
    extra = `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>${extra}`;
  const end = out.lastIndexOf('</Types>');
  if (end < 0) throw new CannotPatch('content types not closed');
  out = `${out.slice(0, end)}${extra}${out.slice(end)}`;
  return out;
}

/** The core properties with tiendo's mark as their keywords; the content type of a part made new, if one is. */
function coreProps(pkg: PackageLike, rootRels: string, mark: string): { part: string; type: string } | null {
  const rel = relOfType(parseRels(rootRels), 'core-properties');
  const part = rel ? resolvePart('', rel.target) : null;
  const xml = part ? pkg.text(part) : null;
  if (!part || xml === null) {
    const made = part ?? 'docProps/core.xml';
    pkg.put(
      made,
      `${XML_HEAD}<cp:coreProperties xmlns:cp="${CORE_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/"><cp:keywords>${mark}</cp:keywords></cp:coreProperties>`,
    );
    if (!rel) {
      pkg.put('_rels/.rels', withRels(rootRels, [{ id: freeRelId(parseRels(rootRels)), type: CORE_REL, target: made }]));
    }
    return { part: made, type: 'application/vnd.openxmlformats-package.core-properties+xml' };
  }
  const existing = /<([\w.-]+:)?keywords\b[^>]*?(?:\/>|>[\s\S]*?<\/\1keywords>)/.exec(xml);
  if (existing) {
    pkg.put(part, xml.replace(existing[0], `<${existing[1] ?? ''}keywords>${mark}</${existing[1] ?? ''}keywords>`));
    return null;
  }
  const root = /<([\w.-]+:)?coreProperties\b[^>]*>/.exec(xml);
  const prefix = root ? [...root[0].matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)].find((m) => m[2] === CORE_NS)?.[1] : undefined;
  const close = root ? xml.lastIndexOf(`</${root[1] ?? ''}coreProperties>`) : -1;
  if (!root || close < 0) throw new CannotPatch('core properties not understood');
  const tag = prefix ? `${prefix}:keywords` : attr(root[0], 'xmlns') === CORE_NS ? 'keywords' : null;
  if (!tag) throw new CannotPatch('core properties without their namespace');
  pkg.put(part, `${xml.slice(0, close)}<${tag}>${mark}</${tag}>${xml.slice(close)}`);
  return null;
}
