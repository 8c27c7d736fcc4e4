// The summary workbooks of a rollup (SPEC §6): one per unit that has units under it, laid out as a
// Party report (Hướng dẫn 36-HD/VPTW, Times New Roman), ready to print on A4 landscape and sign.
// This module puts a workbook together: its sheets (./sheets-summary.ts, ./sheets-progress.ts), the
// texts of its letterhead (./unit-names.ts), each sheet laid out by ./render.ts.
import { join } from 'node:path';
import { tasksUnder, type RollupResult, type UnitRollup } from '../aggregate/index.js';
import { periodTitle } from '../classify/period.js';
import { clean } from '../normalise/text.js';
import { displayDate, vietnameseDateLine } from '../normalise/values.js';
import type { IsoDate, Lang, Period, ReportHeader } from '../types.js';
import { SUMMARY_MARK } from '../domain/marks.js';
import { assertNotInputs, atomically } from './atomic.js';
import { FONT, headerRowOf } from './layout.js';
import { renderSheet, type HeaderTexts } from './render.js';
import { CHANGE_SHEET, REPORT_TITLE, plottedRows, sheetNames, type Context, type Orders, type SheetSpec } from './sheet-model.js';
import { changesSheet, ownersSheet } from './sheets-progress.js';
import { byFieldSheet, detailSheet, diagnosticsSheet, notSubmittedSheet, ordersOf, overdueSheet, summarySheet } from './sheets-summary.js';
import { partyBodyOf, splitLevelWord, summaryFileName, upper } from './unit-names.js';
import { XlsxWriter } from './xlsx-writer.js';

export { CHANGE_SHEET, NOT_SUBMITTED, PDF_SHEETS, REPORT_TITLE, SHEET_NAMES, sheetNames } from './sheet-model.js';
export { ownRowLabel, splitLevelWord, summaryFileName } from './unit-names.js';
export { chartRows, headerRowOf } from './layout.js';

export interface SummaryOptions {
  outDir: string;
  header: ReportHeader;
  asOf: IsoDate;
  period: Period;
  /** the workbooks are official documents and stay in Vietnamese; `lang` is accepted for symmetry */
  lang: Lang;
  /** the input paths, never to be overwritten */
  inputs: string[];
  /** only these sheets, in their usual order: the copy printed by `rollup --pdf` (PDF_SHEETS) */
  sheets?: readonly string[];
}

export interface WrittenWorkbook {
  unit: string;
  path: string;
}

function headerTexts(result: RollupResult, unit: UnitRollup, opts: SummaryOptions): HeaderTexts {
  const isRoot = result.roots.includes(unit.unit.code);
  const issuer = clean(opts.header.issuer ?? '') || 'BAN TỔ CHỨC';
  // The place is the unit's own name; an agency takes the place of the nearest unit above it that has one.
  let place: string | null = null;
  for (let u: UnitRollup | undefined = unit; u && !place; u = u.unit.parent ? result.byCode.get(u.unit.parent) : undefined) {
    const s = splitLevelWord(u.unit.name);
    if (s.level) place = s.rest;
  }
  if (isRoot && opts.header.place) place = clean(opts.header.place);
  place ??= opts.header.place ? clean(opts.header.place) : splitLevelWord(unit.unit.name).rest;
  const superior = isRoot && opts.header.superior ? upper(clean(opts.header.superior)) : partyBodyOf(unit.unit);
  const signerTitle =
    isRoot && opts.header.signerTitle ? opts.header.signerTitle.split(/\r?\n/).map(clean).filter(Boolean) : [`T/M ${upper(issuer)}`];
  return {
    unitLine: `${clean(unit.unit.name)} — ${periodTitle(opts.period, 'vi')} (số liệu tính đến ngày ${displayDate(opts.asOf)})`,
    superior,
    issuer: upper(issuer),
    dateLine: `${place}, ${vietnameseDateLine(opts.asOf)}`,
    periodLine: periodTitle(opts.period, 'vi'),
    asOfLine: `(Số liệu tính đến ngày ${displayDate(opts.asOf)})`,
    signerTitle,
    signer: isRoot && opts.header.signer ? clean(opts.header.signer) : null,
  };
}

/** Each sheet's builder by its name (sheetNames gives their order); `Biến động` only when comparing. */
const BUILDERS: Record<string, (ctx: Context) => SheetSpec> = {
  'Tổng hợp': summarySheet,
  'Theo lĩnh vực': byFieldSheet,
  'Theo cán bộ': ownersSheet,
  'Quá hạn': overdueSheet,
  [CHANGE_SHEET]: changesSheet,
  'Chi tiết': detailSheet,
  'Lỗi dữ liệu': diagnosticsSheet,
  'Chưa nộp': notSubmittedSheet,
};

/** Writes the summary workbook of one unit to `path`, sheet by sheet, rows as they are made. */
async function writeSummaryWorkbook(result: RollupResult, orders: Orders, code: string, opts: SummaryOptions, path: string): Promise<void> {
  const unit = result.byCode.get(code);
  if (!unit) throw new Error(`unit ${code} is not in the rollup`);
  const ctx: Context = { result, unit, tasks: tasksUnder(result, code), orders, lang: opts.lang };
  const h = headerTexts(result, unit, opts);
  // Every sheet's rows are made as they are written (lazyRows); what is made here is small. The package
  // lists its parts first, so which sheets carry a chart is known before the first cell.
  const specs = sheetNames(result.comparison !== undefined)
    .filter((name) => !opts.sheets || opts.sheets.includes(name))
    .map((name) => {
      const build = BUILDERS[name];
      if (!build) throw new Error(`no builder for sheet ${name}`);
      const spec = build(ctx);
      if (spec.name !== name) throw new Error(`sheet ${spec.name} built for ${name}`);
      return spec;
    });
  const wb = await XlsxWriter.create(path, {
    sheets: specs.map((spec) => ({
      name: spec.name,
      printTitleRows: `${headerRowOf(spec.name)}:${headerRowOf(spec.name)}`,
      charts: plottedRows(spec) ? 1 : 0,
    })),
    font: { name: FONT, size: 12 },
    title: `${REPORT_TITLE} — ${unit.unit.name} — ${h.periodLine}`,
    subject: h.asOfLine,
    creator: 'tiendo',
    keywords: SUMMARY_MARK,
  });
  try {
    // one sheet's rows at a time: the province's `Chi tiết` is made, written and let go before the next
    for (const spec of specs) await renderSheet(wb, spec, h);
    await wb.close();
  } catch (e) {
    await wb.abort();
    throw e;
  }
}

/**
 * Writes `DIR/<code>-<slug>.xlsx` for every unit that has units under it, in code order, atomically,
 * after checking that none of them would overwrite an input. Returns what was written.
 */
export async function writeSummaryWorkbooks(result: RollupResult, opts: SummaryOptions): Promise<WrittenWorkbook[]> {
  const targets = result.units
    .filter((u) => u.children.length > 0)
    .map((u) => ({ unit: u.unit.code, path: join(opts.outDir, summaryFileName(u.unit)) }));
  assertNotInputs(
    targets.map((t) => t.path),
    opts.inputs,
  );
  const orders = ordersOf(result);
  // Two at a time: the next workbook is made while the last pieces of the one before are compressed.
  let before: Promise<void> = Promise.resolve();
  for (const t of targets) {
    const next = atomically(t.path, (tmp) => writeSummaryWorkbook(result, orders, t.unit, opts, tmp));
    next.catch(() => undefined); // surfaced below, in order
    try {
      await before;
    } catch (e) {
      await next.catch(() => undefined);
      throw e;
    }
    before = next;
  }
  await before;
  return targets;
}
