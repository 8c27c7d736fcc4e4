// The sheets of a summary workbook that count and list (SPEC §6): `Tổng hợp`, `Theo lĩnh vực`,
// `Quá hạn`, `Chi tiết`, `Lỗi dữ liệu`, `Chưa nộp`, as data (./sheet-model.ts); ./render.ts lays them
// out. The progress sheets are in ./sheets-progress.ts.

import { compareCodes, diagnosticsUnder, fieldKey, type ClassifiedTask, type RollupResult, type UnitRollup } from '../aggregate/index.js';
import { CLASS_LABEL } from '../classify/index.js';
import { periodTitle } from '../classify/period.js';
import { CATEGORY_LABEL, STATUS_LABEL } from '../normalise/values.js';
import { ruleById } from '../rules/index.js';
import type { Lang } from '../types.js';
import {
  COUNT_COLUMNS,
  NOT_SUBMITTED,
  REPORT_TITLE,
  col,
  countValues,
  dateCell,
  dateValue,
  lazyRows,
  numberValue,
  unitName,
  type BodyRow,
  type Context,
  type Orders,
  type SheetChart,
  type SheetSpec,
  type Value,
} from './sheet-model.js';
import { CHANGE_COLUMNS, changeNote, changeValues, sentBeforeNote } from './sheets-progress.js';
import { ownRowLabel } from './unit-names.js';

/** Where each unit and each file stands in the rollup's order, and the name each file is printed by. */
export function ordersOf(result: RollupResult): Orders {
  const file = new Map<string, number>();
  result.files.forEach((f, i) => {
    file.set(f.path, i);
    if (!file.has(f.displayPath)) file.set(f.displayPath, i);
  });
  return { unit: new Map(result.units.map((u, i) => [u.unit.code, i])), file, name: fileNamesOf(result) };
}

const pathParts = (p: string): string[] => p.split(/[\\/]+/).filter(Boolean);

/** A file's own name (`yen-son.xlsx`): a full path takes three lines of a printed column and says nothing more. */
const ownName = (p: string): string => pathParts(p).at(-1) ?? p;

/**
 * The name each file is printed by: its own name, or — when two files of the rollup share it — its
 * folder and name (`lang-giang/bao-cao.xlsx`), so a row still points at one file.
 */
function fileNamesOf(result: RollupResult): Map<string, string> {
  const paths = new Map<string, Set<string>>();
  for (const f of result.files) {
    const base = ownName(f.displayPath);
    const same = paths.get(base) ?? new Set<string>();
    paths.set(base, same.add(f.displayPath));
  }
  const out = new Map<string, string>();
  for (const f of result.files) {
    const base = ownName(f.displayPath);
    const name = paths.get(base)!.size > 1 ? pathParts(f.displayPath).slice(-2).join('/') : base;
    out.set(f.path, name);
    out.set(f.displayPath, name);
  }
  return out;
}

const fileName = (orders: Orders, path: string): string => orders.name.get(path) ?? ownName(path);

export function summarySheet({ result, unit }: Context): SheetSpec {
  const rows: BodyRow[] = [];
  // With --compare, the change after the rates: the child's total, the unit's own for its own row. A unit
  // with no units under it and no comparison of its own (its previous register unreadable) has none.
  const comparison = result.comparison;
  const change = (code: string, which: 'own' | 'total'): Value[] => {
    if (!comparison) return [];
    const c = comparison.byUnit.get(code);
    const leaf = !result.byCode.get(code)?.children.length;
    return changeValues(which === 'own' || (leaf && c?.own === null) ? c?.own : c?.total);
  };
  const dupNote = (u: UnitRollup): string | null =>
    u.excludedFiles.length ? `${u.excludedFiles.length} tệp cùng đơn vị, chưa tính — giữ lại một tệp` : null;

  rows.push({
    kind: 'data',
    values: [
      1,
      ownRowLabel(unit.unit),
      ...countValues(unit.own),
      ...change(unit.unit.code, 'own'),
      dupNote(unit) ?? (unit.submitted ? null : NOT_SUBMITTED),
    ],
    muted: !unit.submitted,
  });
  unit.children.forEach((code, i) => {
    const child = result.byCode.get(code)!;
    const units = 1 + child.unitsUnder;
    const submitted = (child.submitted ? 1 : 0) + child.submittedUnder;
    const note =
      submitted === 0 ? NOT_SUBMITTED : (dupNote(child) ?? (submitted < units ? `${units - submitted}/${units} đơn vị chưa nộp` : null));
    rows.push({
      kind: 'data',
      values: [i + 2, child.unit.name, ...countValues(child.total), ...change(code, 'total'), note],
      muted: submitted === 0,
    });
  });
  rows.push({ kind: 'total', values: [null, 'Tổng cộng', ...countValues(unit.total), ...change(unit.unit.code, 'total'), null] });

  const t = unit.total;
  const notes = [
    `Tổng số ${t.registered.toLocaleString('vi-VN')} việc đăng ký; đã hoàn thành ${(t.doneOnTime + t.doneLate).toLocaleString('vi-VN')} việc` +
      (t.completionRate != null ? ` (${t.completionRate.toLocaleString('vi-VN')}% số việc không bị dừng, hủy)` : '') +
      `, trong đó ${t.doneInPeriod.toLocaleString('vi-VN')} việc hoàn thành trong kỳ; ` +
      `${t.pendingOverdue.toLocaleString('vi-VN')} việc chưa hoàn thành đã quá hạn.`,
    'Tỷ lệ hoàn thành = số việc đã hoàn thành / (số việc đăng ký − số việc dừng, hủy); ' +
      'tỷ lệ đúng hạn = số việc hoàn thành đúng hạn / số việc đã hoàn thành. ' +
      '"Chưa xác định": việc có lỗi dữ liệu về thời hạn, tình trạng hoặc tiến độ (xem trang "Lỗi dữ liệu").',
  ];
  const changed = comparison && changeNote(comparison, unit.unit.code);
  if (changed) notes.splice(1, 0, changed);
  return {
    name: 'Tổng hợp',
    title: REPORT_TITLE,
    columns: [
      // three more columns when comparing: the unit's name wraps sooner, so the page scales down less
      col('STT', 'int', 5, 6),
      col('Đơn vị', 'text', 22, comparison ? 26 : 34, true),
      ...COUNT_COLUMNS,
      ...(comparison ? CHANGE_COLUMNS : []),
      col('Ghi chú', 'text', 14, 22),
    ],
    rows,
    empty: '',
    dataBars: [10, 11],
    autoFilter: true,
    signature: true,
    notes,
    chart: {
      title: `Tỷ lệ hoàn thành và tỷ lệ đúng hạn của các đơn vị — ${periodTitle(result.period, 'vi')}`,
      grouping: 'clustered',
      labels: 1,
      // dark and light: told apart on a grey printer too
      series: [
        { column: 10, color: '1F4E79' },
        { column: 11, color: '9DC3E6' },
      ],
      axis: { min: 0, max: 100, majorUnit: 20, numFmt: '0' },
      dataLabels: { numFmt: '0.0' },
    },
  };
}

/** The six classes of SPEC §3 in `Theo lĩnh vực`'s columns (not `Trong đó: hoàn thành trong kỳ`, a part of the first two), coloured as their meaning. */
const CLASS_SERIES: SheetChart['series'] = [
  { column: 3, color: '548235' }, // hoàn thành đúng hạn
  { column: 4, color: 'A9D18E' }, // hoàn thành quá hạn
  { column: 6, color: '9DC3E6' }, // chưa hoàn thành, trong hạn
  { column: 7, color: 'C00000' }, // chưa hoàn thành, quá hạn
  { column: 8, color: '7F7F7F' }, // dừng, hủy
  { column: 9, color: 'D9D9D9' }, // chưa xác định
];

export function byFieldSheet({ result, unit }: Context): SheetSpec {
  const rows: BodyRow[] = [];
  const block = (heading: string, groups: UnitRollup['byField']): void => {
    rows.push({ kind: 'section', values: [heading] });
    groups.forEach((g, i) => rows.push({ kind: 'data', values: [i + 1, g.label, ...countValues(g.counts)] }));
    rows.push({ kind: 'total', values: [null, 'Cộng', ...countValues(unit.total)] });
  };
  block('I. THEO LĨNH VỰC', unit.byField);
  block('II. THEO LOẠI VIỆC', unit.byCategory);
  return {
    name: 'Theo lĩnh vực',
    title: 'KẾT QUẢ THỰC HIỆN THEO LĨNH VỰC VÀ LOẠI VIỆC',
    columns: [col('STT', 'int', 5, 6), col('Lĩnh vực, loại việc', 'text', 24, 40, true), ...COUNT_COLUMNS],
    rows,
    empty: '',
    dataBars: [10, 11],
    // two tables on one sheet: a filter over both would mix them
    autoFilter: false,
    chart: {
      title: `Kết quả thực hiện theo lĩnh vực — ${periodTitle(result.period, 'vi')}`,
      grouping: 'stacked',
      labels: 1,
      series: CLASS_SERIES,
      axis: { min: 0, numFmt: '#,##0' },
    },
  };
}

const statusText = (t: ClassifiedTask): string | null => (t.task.status ? STATUS_LABEL[t.task.status] : (t.task.text.status ?? null));

export function overdueSheet({ result, tasks, orders }: Context): SheetSpec {
  // days overdue as the difference of two day numbers: daysBetween's calendar days, without a Date per task
  const asOf = dateCell(result.asOf);
  const overdue: { t: ClassifiedTask; days: number; unit: number }[] = [];
  for (const t of tasks) {
    const deadline = t.task.deadline;
    // every task's unit is one of the rollup's, so in orders.unit
    if (t.class === 'pendingOverdue' && deadline.kind === 'date')
      overdue.push({ t, days: asOf - dateCell(deadline.date), unit: orders.unit.get(t.unit.code) ?? 0 });
  }
  overdue.sort((a, b) => b.days - a.days || a.unit - b.unit || a.t.task.row - b.t.task.row);
  return {
    name: 'Quá hạn',
    title: 'DANH SÁCH VIỆC CHƯA HOÀN THÀNH, QUÁ HẠN',
    columns: [
      col('STT', 'int', 5, 6),
      col('Đơn vị', 'text', 14, 24),
      col('Mã việc', 'text', 8, 12),
      col('Nội dung công việc', 'text', 30, 50, true),
      col('Người chịu trách nhiệm', 'text', 16, 24),
      col('Thời hạn hoàn thành', 'date', 12, 13),
      col('Số ngày quá hạn', 'int', 9, 10),
      col('Tiến độ (%)', 'num', 8, 9),
      col('Tình trạng', 'text', 12, 16),
    ],
    rows: lazyRows(overdue, ({ t, days }, i) => ({
      kind: 'data',
      values: [
        i + 1,
        t.unit.name,
        t.task.id,
        t.task.title,
        t.task.owner,
        dateValue(t.task.deadline),
        days,
        numberValue(t.task.progress),
        statusText(t),
      ],
    })),
    empty: 'Không có việc chưa hoàn thành đã quá hạn.',
    autoFilter: true,
  };
}

/** `Chi tiết`'s body size: 11 pt on a page scaled to about 85 % prints at about 9.5 pt. */
const DETAIL_SIZE = 11;

export function detailSheet({ result, tasks, orders }: Context): SheetSpec {
  return {
    name: 'Chi tiết',
    title: 'DANH MỤC VIỆC ĐĂNG KÝ VÀ KẾT QUẢ THỰC HIỆN',
    size: DETAIL_SIZE,
    // Fourteen columns on one A4 width: about 167 units, so the page is scaled to no less than ~85 %; each
    // width holds its usual texts on two lines (`Chưa hoàn thành, / trong hạn`, `luc-nam- / huyen-uy.xlsx`).
    indent: false,
    columns: [
      col('STT', 'int', 5, 5),
      col('Đơn vị', 'text', 10.5, 10.5),
      col('Mã việc', 'text', 9.5, 9.5),
      col('Nội dung công việc', 'text', 37, 37),
      col('Loại việc', 'text', 11.5, 11.5),
      col('Lĩnh vực', 'text', 11.5, 11.5),
      col('Người chịu trách nhiệm', 'text', 11.5, 11.5),
      col('Thời hạn hoàn thành', 'date', 10, 10),
      col('Tình trạng', 'text', 10, 10),
      col('Tiến độ (%)', 'num', 6.5, 6.5),
      col('Ngày hoàn thành', 'date', 10, 10),
      col('Phân loại', 'text', 16.5, 16.5),
      col('Tệp nguồn', 'text', 12, 12),
      col('Dòng', 'int', 5, 5),
    ],
    rows: lazyRows(tasks, (t, i) => ({
      kind: 'data',
      values: [
        i + 1,
        t.unit.name,
        t.task.id,
        t.task.title ?? t.task.text.title ?? null,
        CATEGORY_LABEL[t.task.category],
        t.task.field == null ? null : (result.fieldLabels.get(fieldKey(t.task.field)) ?? t.task.field),
        t.task.owner,
        dateValue(t.task.deadline),
        statusText(t),
        numberValue(t.task.progress),
        dateValue(t.task.completed),
        CLASS_LABEL.vi[t.class],
        fileName(orders, t.register.displayPath),
        t.task.row,
      ],
    })),
    empty: 'Không có việc nào được tính.',
    autoFilter: true,
  };
}

/** The rule's own description beside its id (`overdue` — `Chưa hoàn thành mà đã quá thời hạn`). */
const ruleDescription = (rule: string, lang: Lang): string | null => ruleById(rule)?.meta.description[lang] ?? null;

export function diagnosticsSheet({ result, unit, orders, lang }: Context): SheetSpec {
  const fileOrder = orders.file;
  const diags = diagnosticsUnder(result, unit.unit.code)
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.d.file) ?? 1e9) - (fileOrder.get(b.d.file) ?? 1e9) ||
        a.d.file.localeCompare(b.d.file) ||
        (a.d.row ?? 0) - (b.d.row ?? 0) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
  return {
    name: 'Lỗi dữ liệu',
    title: 'DANH SÁCH LỖI DỮ LIỆU TRONG CÁC TỆP BÁO CÁO',
    size: 11,
    columns: [
      col('STT', 'int', 5, 6),
      col('Tệp', 'text', 12, 18),
      col('Trang tính', 'text', 9, 12),
      col('Dòng', 'int', 5.5, 6),
      col('Ô', 'text', 5, 6),
      col('Mức độ', 'text', 8.5, 9),
      col('Mã lỗi', 'text', 12, 19),
      col('Loại lỗi', 'text', 24, 30),
      col('Nội dung', 'text', 36, 50, true),
    ],
    rows: lazyRows(diags, (d, i) => ({
      kind: 'data',
      values: [
        i + 1,
        fileName(orders, d.file),
        d.sheet,
        d.row,
        d.column ? `${d.column}${d.row ?? ''}` : null,
        d.severity === 'error' ? 'Lỗi' : 'Cảnh báo',
        d.rule,
        ruleDescription(d.rule, lang),
        d.message,
      ],
    })),
    empty: 'Không có lỗi dữ liệu.',
    autoFilter: true,
  };
}

export function notSubmittedSheet({ result, unit }: Context): SheetSpec {
  const missing: UnitRollup[] = [];
  const walk = (code: string): void => {
    for (const c of result.byCode.get(code)?.children ?? []) {
      const child = result.byCode.get(c)!;
      if (!child.submitted) missing.push(child);
      walk(c);
    }
  };
  walk(unit.unit.code);
  missing.sort((a, b) => compareCodes(a.unit.code, b.unit.code));
  // With --compare, a column saying which of them sent a register last time (SPEC §7.1).
  const comparing = result.comparison !== undefined;
  return {
    name: 'Chưa nộp',
    title: 'DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO',
    columns: [
      col('STT', 'int', 5, 6),
      col('Mã đơn vị', 'text', 10, 14),
      col('Tên đơn vị', 'text', 30, 50, true),
      col('Trực thuộc', 'text', 30, 50, true),
      ...(comparing ? [col('Ghi chú', 'text', 18, 20)] : []),
    ],
    rows: missing.map((u, i) => ({
      kind: 'data',
      values: [
        i + 1,
        u.unit.code,
        u.unit.name,
        u.unit.parent ? unitName(result, u.unit.parent) : null,
        ...(comparing ? [sentBeforeNote(result, u.unit.code)] : []),
      ],
    })),
    empty: 'Tất cả các đơn vị đã nộp báo cáo.',
    autoFilter: true,
  };
}
