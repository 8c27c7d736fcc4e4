// The annotated copy of an .xlsx register made at zip level: the package as the unit sent it, every
// part tiendo does not change copied byte for byte (compressed as it was), and only these rewritten:
// the sheets with flagged cells (each such cell pointing to a copy of its own format with tiendo's fill),
// `xl/styles.xml` (those formats appended), the sheets' notes (comments and their VML drawing), a new
// first sheet `Kết quả kiểm tra`, the workbook and its relationships, the content types, and the core
// properties (tiendo's mark). A copy sent back loses its old result sheet and tiendo's old notes and fills.
// Where a package is too odd to patch safely (see CannotPatch's uses) the copy is made through exceljs.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Diagnostic, Lang } from '../types.js';
import { CHECKED_MARK } from '../domain/marks.js';
import { atomically } from './atomic.js';
import { ERROR_FILL, RESULT_SHEET, WARNING_FILL, columnNumber, noteLine, type AnnotateInput, sortByKeys } from './annotate-common.js';
import { patchNotes, idBlocks } from './annotate-patch-notes.js';
import { resultSheet, type ResultRow } from './annotate-patch-result.js';
import { mergeMaster, patchSheet, tabSelected, type CellChange } from './annotate-patch-sheet.js';
import { PatchedStyles } from './annotate-patch-styles.js';
import {
  CannotPatch,
  parseRels,
  relOfType,
  relsPartOf,
  resolvePart,
  rootTag,
  unescapeXml,
  withRels,
  type Relationship,
} from './annotate-patch-xml.js';
import { finishPackage, relativeTarget, type PackageParts, type SheetInfo } from './annotate-patch-package.js';
import { inflatePart, packageEntries, patchZip, type PackageEntry } from './zip-patch.js';
import { columnLetter } from './xml.js';

/** The package being patched: its entries, and each part's text read once. */
class Package {
  readonly byName: Map<string, PackageEntry>;
  private readonly texts = new Map<string, string | null>();
  readonly replace = new Map<string, string | Buffer | null>();
  readonly add: [string, string][] = [];

  constructor(
    readonly buf: Buffer,
    readonly entries: PackageEntry[],
  ) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  text(name: string): string | null {
    if (this.texts.has(name)) return this.texts.get(name) ?? null;
    const e = this.byName.get(name);
    let out: string | null = null;
    if (e) {
      const bytes = inflatePart(this.buf, e);
      if (!bytes) throw new CannotPatch(`${name} is not the size its directory declares`);
      // SpreadsheetML never declares a document type or entities; a part that does is not patched
      if (/<!(DOCTYPE|ENTITY)/i.test(bytes.toString('latin1'))) throw new CannotPatch(`${name} declares a document type`);
      out = bytes.toString('utf8').replace(/^\uFEFF/, '');
    }
    this.texts.set(name, out);
    return out;
  }

  sheetXml(sheet: SheetInfo): string {
    const xml = this.text(sheet.part);
    if (xml === null) throw new CannotPatch(`${sheet.part} missing`);
    return xml;
  }

  has(name: string): boolean {
    return this.byName.has(name) || this.add.some(([n]) => n === name);
  }

  /** `xl/comments3.xml`: the first number free for a new part named `prefix<n>suffix`. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  put(name: string, text: string): void {
    if (this.byName.has(name)) this.replace.set(name, text);
    else {
      const i = this.add.findIndex(([n]) => n === name);
      if (i >= 0) this.add[i] = [name, text];
      else this.add.push([name, text]);
    }
  }
}

interface Flagged {
  row: number;
  col: number;
  ds: Diagnostic[];
}

/**
 * Writes the copy of `input.register` (an .xlsx) to `target` by patching its package; false, and
 * nothing written, when the package is too odd to patch safely (the caller then uses exceljs).
 */
export async function writePatchedCopy(input: AnnotateInput, target: string, level?: number): Promise<boolean> {
  let bytes: Buffer | null;
  try {
    bytes = patchedCopy(input, level);
  } catch {
    // CannotPatch, or anything else the package's text led to: exceljs, the slower way, makes the copy
    return false;
  }
  if (!bytes) return false;
  const out = bytes;
  await atomically(
    target,
    (tmp) => {
      writeFileSync(tmp, out);
      return Promise.resolve();
    },
    input.folder,
  );
  return true;
}

interface Workbook {
  types: string;
  rootRels: string;
  wbPath: string;
  wbXml: string;
  wbRelsPath: string;
  wbRels: Relationship[];
  sheets: SheetInfo[];
}

/** The workbook part, its relationships and sheets; CannotPatch when the package is not an ordinary workbook. */
function openWorkbook(pkg: Package): Workbook {
  const types = pkg.text('[Content_Types].xml');
  const rootRels = pkg.text('_rels/.rels');
  if (types === null || rootRels === null) throw new CannotPatch('no content types or package relationships');
  const office = relOfType(parseRels(rootRels), 'officeDocument');
  if (!office) throw new CannotPatch('no workbook');
  const wbPath = resolvePart('', office.target);
  const wbXml = pkg.text(wbPath);
  if (wbXml === null) throw new CannotPatch('no workbook part');
  rootTag(wbXml, 'workbook');
  const part = wbPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const override = new RegExp(`<Override\\b[^>]*PartName="/${part}"[^>]*>`, 'i').exec(types)?.[0] ?? '';
  // a macro workbook or a template renamed .xlsx would be refused by Excel: exceljs writes those as plain workbooks
  if (/macroEnabled|template/i.test(override)) throw new CannotPatch('a macro-enabled workbook or a template');
  const wbRelsPath = relsPartOf(wbPath);
  const wbRels = parseRels(pkg.text(wbRelsPath) ?? '');
  const sheets: SheetInfo[] = [...wbXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const tag = m[0];
    const name = /\sname\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const id = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const rel = wbRels.find((r) => r.id === id);
    if (name === undefined || !rel) throw new CannotPatch('a sheet without a name or a part');
    return {
      tag,
      name: unescapeXml(name),
      relId: rel.id,
      part: resolvePart(wbPath, rel.target),
      worksheet: rel.type.endsWith('/worksheet'),
    };
  });
  return { types, rootRels, wbPath, wbXml, wbRelsPath, wbRels, sheets };
}

type Placed = { d: Diagnostic; at: { sheet: SheetInfo; row: number; col: number } | null };

/**
 * Where each diagnostic goes, as the exceljs copy places it (a row without a sheet: the first sheet;
 * no column: A), in the result sheet's order: file-level first, then by sheet, row and column.
 */
function placeAll(diagnostics: Diagnostic[], worksheets: SheetInfo[]): Placed[] {
  const placed = diagnostics.map((d): Placed => {
    if (d.row === null || d.row < 1) return { d, at: null };
    const sheet = d.sheet ? worksheets.find((s) => s.name === d.sheet) : worksheets[0];
    if (!sheet) return { d, at: null };
    const column = d.column && /^[A-Z]{1,3}$/i.test(d.column) ? d.column.toUpperCase() : 'A';
    return { d, at: { sheet, row: d.row, col: columnNumber(column) } };
  });
  const rank = new Map(worksheets.map((s, i) => [s, i]));
  const key = (p: Placed): number[] => [
    p.d.row === null ? 0 : 1,
    p.at ? (rank.get(p.at.sheet) ?? 0) : -1,
    p.d.row ?? 0,
    columnNumber(p.d.column),
  ];
  return sortByKeys(placed, key);
}

/** The flagged cells of each sheet, each once with all its diagnostics; a merged cell's flag is on its master. */
function flagCells(pkg: Package, sorted: Placed[]): Map<SheetInfo, Map<string, Flagged>> {
  const masters = new Map<SheetInfo, ReturnType<typeof mergeMaster>>();
  const flagged = new Map<SheetInfo, Map<string, Flagged>>();
  for (const { d, at } of sorted) {
    if (!at) continue;
    let master = masters.get(at.sheet);
    if (!master) masters.set(at.sheet, (master = mergeMaster(pkg.sheetXml(at.sheet))));
    const { row, col } = master(at.row, at.col);
    const cells = flagged.get(at.sheet) ?? new Map<string, Flagged>();
    flagged.set(at.sheet, cells);
    const cell = cells.get(`${row}:${col}`) ?? { row, col, ds: [] };
    cell.ds.push(d);
    cells.set(`${row}:${col}`, cell);
  }
  return flagged;
}

/** The copy's bytes; null (or CannotPatch thrown) when the package cannot be patched safely. */
export function patchedCopy(input: AnnotateInput, level?: number): Buffer | null {
  const { register, lang } = input;
  const buf = readFileSync(register.path);
  const entries = packageEntries(buf);
  if (!entries) return null;
  const pkg = new Package(buf, entries);
  const wb = openWorkbook(pkg);
  const stale = wb.sheets.filter((s) => s.name.normalize('NFC') === RESULT_SHEET);
  const worksheets = wb.sheets.filter((s) => !stale.includes(s) && s.worksheet);
  const styles = new PatchedStyles(stylesPart(pkg, wb.wbPath, wb.wbRels));
  const sorted = placeAll(input.diagnostics, worksheets);
  const flagged = flagCells(pkg, sorted);
  const notes: NotesState = {
    nextBlock: Math.max(0, ...entries.filter((e) => e.name.endsWith('.vml')).flatMap((e) => idBlocks(pkg.text(e.name) ?? ''))) + 1,
    newTypes: [],
  };
  for (const sheet of worksheets) patchWorksheet(pkg, sheet, flagged.get(sheet), styles, lang, notes);
  const result = resultSheet(
    register,
    sorted.map((p): ResultRow => ({ d: p.d, at: p.at ? { sheet: p.at.sheet.name, address: addressOf(p.at) } : null })),
    lang,
    styles.result(),
  );
  const { wbRels: _rels, ...rest } = wb;
  const parts: PackageParts = { ...rest, wbRelsXml: pkg.text(wb.wbRelsPath) ?? '', stale, newTypes: notes.newTypes, styles };
  finishPackage(pkg, parts, result, CHECKED_MARK);
  return patchZip(buf, entries, pkg.replace, pkg.add, level);
}

interface NotesState {
  /** the next block of shape ids no drawing claims */
  nextBlock: number;
  newTypes: { part: string; type: string }[];
}

/** A sheet's notes: its comments and drawing patched or made, their relationships; the fills to take away. */
function patchSheetNotes(
  pkg: Package,
  sheet: SheetInfo,
  cells: Map<string, Flagged> | undefined,
  lang: Lang,
  state: NotesState,
): { cleared: CellChange[]; legacyDrawing?: string } {
  const xml = pkg.sheetXml(sheet);
  const relsPath = relsPartOf(sheet.part);
  const relsXml = pkg.text(relsPath);
  const rels = parseRels(relsXml ?? '');
  const commentsRel = relOfType(rels, 'comments');
  if (!cells && !commentsRel) return { cleared: [] };
  const legacyId = /<legacyDrawing\b[^>]*\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(xml)?.[1];
  const vmlRel = legacyId !== undefined ? rels.find((r) => r.id === legacyId) : undefined;
  if (Boolean(commentsRel) !== Boolean(legacyId) || (legacyId !== undefined && !vmlRel)) {
    throw new CannotPatch('notes without their drawing, or a drawing of other things');
  }
  const commentsPart = commentsRel ? resolvePart(sheet.part, commentsRel.target) : pkg.freeName('xl/comments', '.xml');
  const vmlPart = vmlRel ? resolvePart(sheet.part, vmlRel.target) : pkg.freeName('xl/drawings/vmlDrawing', '.vml');
  const notes = patchNotes({
    comments: commentsRel ? pkg.text(commentsPart) : null,
    vml: vmlRel ? pkg.text(vmlPart) : null,
    add: [...(cells?.values() ?? [])].map((c) => ({
      row: c.row,
      col: c.col,
      letters: columnLetter(c.col),
      lines: c.ds.map((d) => noteLine(d, lang)),
    })),
    freeBlock: state.nextBlock++,
  });
  if (!notes) return { cleared: [] };
  pkg.put(commentsPart, notes.comments);
  pkg.put(vmlPart, notes.vml);
  const cleared = notes.cleared.filter((c) => !cells?.has(`${c.row}:${c.col}`)).map((c) => ({ ...c, severity: null }));
  if (commentsRel) return { cleared };
  const commentsId = freeId(rels, []);
  const legacyDrawing = freeId(rels, [commentsId]);
  pkg.put(
    relsPath,
    withRels(relsXml ?? undefined, [
      { id: commentsId, type: `${REL_TYPE}/comments`, target: relativeTarget(sheet.part, commentsPart) },
      { id: legacyDrawing, type: `${REL_TYPE}/vmlDrawing`, target: relativeTarget(sheet.part, vmlPart) },
    ]),
  );
  state.newTypes.push({ part: commentsPart, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml' });
  return { cleared, legacyDrawing };
}

/** One worksheet: its flagged cells filled, its notes, its tab no longer selected. */
function patchWorksheet(
  pkg: Package,
  sheet: SheetInfo,
  cells: Map<string, Flagged> | undefined,
  styles: PatchedStyles,
  lang: Lang,
  state: NotesState,
): void {
  const xml = pkg.sheetXml(sheet);
  const { cleared, legacyDrawing } = patchSheetNotes(pkg, sheet, cells, lang, state);
  const changes: CellChange[] = [...(cells?.values() ?? [])].map((c) => ({
    row: c.row,
    col: c.col,
    severity: c.ds.some((d) => d.severity === 'error') ? 'error' : 'warning',
  }));
  if (!changes.length && !cleared.length && !legacyDrawing && !tabSelected(xml)) return;
  const tiendoFill = (s: number) => [ERROR_FILL, WARNING_FILL].includes(styles.fillColour(s) ?? '');
  const patched = patchSheet(xml, {
    changes: [...changes, ...cleared],
    legacyDrawing,
    styleOf: (s, severity) => {
      const own = styles.has(s) ? s : 0;
      if (severity) return styles.flagged(own, severity);
      return tiendoFill(own) ? styles.withFill(own, null) : s;
    },
  });
  if (patched !== xml) pkg.put(sheet.part, patched);
}

const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The address a diagnostic names (not its merge's master: the result sheet shows the cell the rule named). */
function addressOf(at: { row: number; col: number }): string {
  return `${columnLetter(at.col)}${at.row}`;
}

function freeId(rels: Relationship[], taken: string[]): string {
  const ids = new Set([...rels.map((r) => r.id), ...taken]);
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** The stylesheet's text; null when the package has none (one is made). */
function stylesPart(pkg: Package, wbPath: string, wbRels: Relationship[]): string | null {
  const rel = relOfType(wbRels, 'styles');
  return rel ? pkg.text(resolvePart(wbPath, rel.target)) : null;
}
