// The tables of the summary workbooks as data (SPEC §6, §7.3): a sheet is a title, columns and rows of
// plain values; ./summary.ts lays them out and writes them. The sheet builders (summary.ts, the
// progress sheets of ./sheets-progress.ts) share what is here and nothing of the rendering.
import type { ClassifiedTask, RollupResult, UnitRollup } from '../aggregate/index.js';
import type { Counts, DateValue, IsoDate, Lang, NumberValue } from '../types.js';
import { dayNumber } from '../domain/dates.js';
import type { BarChart } from './chart.js';
import type { CellValue } from './xlsx-writer.js';

/** The sheets of every summary workbook, in order (SPEC §6, §7.3); with `--compare`, see sheetNames. */
export const SHEET_NAMES = ['Tổng hợp', 'Theo lĩnh vực', 'Theo cán bộ', 'Quá hạn', 'Chi tiết', 'Lỗi dữ liệu', 'Chưa nộp'] as const;
/** The sheet a workbook written with `--compare` gains, after `Quá hạn`. */
export const CHANGE_SHEET = 'Biến động';

/** The sheets in order, `Biến động` after `Quá hạn` when comparing with the previous registers. */
export function sheetNames(comparing: boolean): string[] {
  const names: string[] = [...SHEET_NAMES];
  if (comparing) names.splice(names.indexOf('Quá hạn') + 1, 0, CHANGE_SHEET);
  return names;
}
/** The pages that get signed: what `rollup --pdf` prints of each workbook (SPEC §6). */
export const PDF_SHEETS = ['Tổng hợp', 'Theo lĩnh vực', 'Quá hạn'] as const;
export const REPORT_TITLE = 'BÁO CÁO TỔNG HỢP TIẾN ĐỘ THỰC HIỆN VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ';
export const NOT_SUBMITTED = 'chưa nộp báo cáo';

export type Value = CellValue;
/** `points`: a change of a rate, in percentage points, signed (`+5,0`, `-100,0`) */
export type Kind = 'text' | 'int' | 'rate' | 'points' | 'num' | 'date';

/** Text stays text: the writer writes every string as a string, `=SUM(A1)` included (never a formula). */
export const text = (s: string | null | undefined): string | null => (s == null || s === '' ? null : s);

/** A calendar day as a date cell: Excel's day number (days since 30 December 1899) under the column's dd/mm/yyyy. */
export function dateCell(d: IsoDate): number {
  // asked for once per task and sheet: a day that exists read digit by digit; anything else (and a
  // year before 1000, which Date.UTC reads otherwise) as Date.UTC reads it
  const n = d >= '1000' ? dayNumber(d) : null;
  if (n !== null) return n + 25_569;
  const [y = NaN, m = NaN, day = NaN] = d.split('-').map(Number);
  return Date.UTC(y, m - 1, day) / 86_400_000 + 25_569;
}

export function dateValue(v: DateValue): Value {
  if (v.kind === 'date') return dateCell(v.date);
  if (v.kind === 'invalid') return text(v.text);
  return null;
}

export function numberValue(v: NumberValue): Value {
  if (v.kind === 'number') return Math.round(v.value * 10) / 10;
  if (v.kind === 'invalid') return text(v.text);
  return null;
}

export interface Column {
  header: string;
  kind: Kind;
  min: number;
  max: number;
  /** takes the extra width when the sheet is narrower than its header block */
  flex?: boolean;
}

export interface BodyRow {
  values: Value[];
  kind: 'data' | 'total' | 'section';
  /** in italics: a unit that submitted nothing, the tasks of no one cadre */
  muted?: boolean;
}

export interface Rows extends Iterable<BodyRow> {
  readonly length: number;
}

/** One row per item, made each time the rows are gone through and let go once written. */
export function lazyRows<T>(items: readonly T[], row: (item: T, i: number) => BodyRow): Rows {
  return {
    length: items.length,
    *[Symbol.iterator]() {
      let i = 0;
      for (const item of items) yield row(item, i++);
    },
  };
}

/**
 * A native bar chart under a sheet's table (SPEC §6, "a picture and a page"): its categories are the
 * body's first run of data rows (the units of `Tổng hợp` up to `Tổng cộng`, the fields of `Theo lĩnh
 * vực` up to their `Cộng`), its series columns of those rows, referenced where they stand.
 */
export interface SheetChart {
  title: string;
  grouping: BarChart['grouping'];
  /** 0-based: the column naming each category */
  labels: number;
  /** 0-based columns, one series each (named by its header), and its bars' colour (`RRGGBB`) */
  series: { column: number; color: string }[];
  axis: BarChart['axis'];
  dataLabels?: BarChart['dataLabels'];
}

/**
 * The body rows a chart plots (`from` inclusive, `to` exclusive): the data rows before the first total,
 * or null when there is nothing to draw (no such row, no number above 0 in them).
 */
export function plottedRows(spec: SheetSpec): { from: number; to: number } | null {
  const chart = spec.chart;
  if (!chart) return null;
  let from = -1;
  let to = -1;
  let something = false;
  let i = 0;
  for (const row of spec.rows) {
    if (row.kind === 'data') {
      if (from < 0) from = i;
      to = i + 1;
      something ||= chart.series.some((s) => {
        const v = row.values[s.column];
        return typeof v === 'number' && v > 0;
      });
    } else if (from >= 0 || row.kind === 'total') break; // the first block's rows only, never the next block's
    i++;
  }
  return something ? { from, to } : null;
}

export interface SheetSpec {
  name: string;
  title: string;
  /** the body's font size: 12, or smaller on a wide sheet so the page is scaled down less */
  size?: number;
  /** left-aligned text one indent off the border (default); a dense sheet keeps the width for text */
  indent?: boolean;
  columns: Column[];
  /** an array, or rows made afresh on each pass (lazyRows): `Chi tiết` is never held whole */
  rows: Rows;
  /** shown when there are no rows */
  empty: string;
  /** 0-based columns carrying an in-cell data bar (rates, 0–100) */
  dataBars?: number[];
  autoFilter: boolean;
  signature?: boolean;
  notes?: string[];
  /** a bar chart on a page of its own after everything else, when there is something to draw (plottedRows) */
  chart?: SheetChart;
}

export const col = (header: string, kind: Kind, min: number, max: number, flex = false): Column => ({ header, kind, min, max, flex });

/** The counts of SPEC §3 as `Tổng hợp` shows them, and as every sheet of counts repeats them. */
export const COUNT_COLUMNS: Column[] = [
  col('Số việc đăng ký', 'int', 9, 12),
  col('Hoàn thành đúng hạn', 'int', 10, 12),
  col('Hoàn thành quá hạn', 'int', 10, 12),
  col('Trong đó: hoàn thành trong kỳ', 'int', 11, 13),
  col('Chưa hoàn thành, trong hạn', 'int', 11, 13),
  col('Chưa hoàn thành, quá hạn', 'int', 11, 13),
  col('Dừng, hủy', 'int', 8, 10),
  col('Chưa xác định', 'int', 9, 10),
  col('Tỷ lệ hoàn thành (%)', 'rate', 10, 12),
  col('Tỷ lệ đúng hạn (%)', 'rate', 10, 12),
];

export const countValues = (c: Counts): Value[] => [
  c.registered,
  c.doneOnTime,
  c.doneLate,
  c.doneInPeriod,
  c.pendingOnTime,
  c.pendingOverdue,
  c.cancelled,
  c.unclassified,
  c.completionRate ?? '-',
  c.onTimeRate ?? '-',
];

/** Where each unit and each file stands in the rollup's order: made once, asked for every workbook. */
export interface Orders {
  unit: Map<string, number>;
  /** by path and by the name shown */
  file: Map<string, number>;
  /** the name a file is printed by, by path and by the name shown (fileNamesOf) */
  name: Map<string, string>;
}

export const unitName = (result: RollupResult, code: string): string => result.byCode.get(code)?.unit.name ?? code;

/** What a sheet builder is given: the rollup, the workbook's unit and the counted tasks under it. */
export interface Context {
  result: RollupResult;
  unit: UnitRollup;
  tasks: ClassifiedTask[];
  orders: Orders;
  lang: Lang;
}
