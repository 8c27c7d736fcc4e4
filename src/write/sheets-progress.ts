// Progress over time in the summary workbooks (SPEC §7.2, §7.3): the sheet `Theo cán bộ` (always),
// and with `--compare` the sheet `Biến động`, the three columns of the change on `Tổng hợp` and the
// units of `Chưa nộp` that sent a register last time.
import type { ChangeCounts, ChangeKind, Comparison, TaskChange } from '../aggregate/compare.js';
import { subtreeCodes, type RollupResult } from '../aggregate/index.js';
import { NO_OWNER, type OwnerCounts } from '../aggregate/owners.js';
import { CLASS_LABEL } from '../classify/index.js';
import { displayDate } from '../normalise/values.js';
import {
  COUNT_COLUMNS,
  col,
  countValues,
  lazyRows,
  numberValue,
  unitName,
  type BodyRow,
  type Column,
  type Context,
  type Rows,
  type SheetSpec,
  type Value,
} from './sheet-model.js';

/**
 * Each unit's name as these sheets print it: its name, and its code too when another unit of the
 * workbook has the same name (two communes named `Xã Tân Sơn` in two districts).
 */
function unitLabels(result: RollupResult, codes: ReadonlySet<string>): (code: string) => string {
  const byName = new Map<string, number>();
  for (const c of codes) {
    const name = unitName(result, c);
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  return (code) => {
    const name = unitName(result, code);
    return (byName.get(name) ?? 0) > 1 ? `${name} (${code})` : name;
  };
}

// ───────────────────────────── Theo cán bộ ─────────────────────────────

/** result.owners by unit, in their order, made once per rollup: every workbook takes its units' share. */
const OWNERS_BY_UNIT = new WeakMap<RollupResult, Map<string, OwnerCounts[]>>();

function ownersByUnit(result: RollupResult): Map<string, OwnerCounts[]> {
  let byUnit = OWNERS_BY_UNIT.get(result);
  if (!byUnit) {
    byUnit = new Map();
    for (const o of result.owners) {
      const list = byUnit.get(o.unit);
      if (list) list.push(o);
      else byUnit.set(o.unit, [o]);
    }
    OWNERS_BY_UNIT.set(result, byUnit);
  }
  return byUnit;
}

/**
 * One row per responsible cadre of the units in this workbook (result.owners, SPEC §7.2), by unit in
 * the rollup's order, then name as result.owners sorts them; the Tổng cộng row is the unit's total,
 * which the cadres' rows add up to (every counted task is under one cadre or `(chưa rõ người)`).
 */
export function ownersSheet({ result, unit, orders }: Context): SheetSpec {
  const codes = subtreeCodes(result, unit.unit.code);
  const label = unitLabels(result, codes);
  const byUnit = ownersByUnit(result);
  const owners = [...codes]
    .filter((c) => byUnit.has(c))
    .sort((a, b) => (orders.unit.get(a) ?? 1e9) - (orders.unit.get(b) ?? 1e9))
    .flatMap((c) => byUnit.get(c)!);
  const body = lazyRows(owners, (o, i): BodyRow => ({
    kind: 'data',
    values: [i + 1, label(o.unit), o.name, o.position, ...countValues(o.counts)],
    muted: o.name === NO_OWNER,
  }));
  const total: BodyRow = { kind: 'total', values: [null, 'Tổng cộng', null, null, ...countValues(unit.total)] };
  // Made as they are written, as Chi tiết's: a province's workbook lists every cadre of the province.
  const rows: Rows = owners.length
    ? {
        length: owners.length + 1,
        *[Symbol.iterator]() {
          yield* body;
          yield total;
        },
      }
    : body;
  return {
    name: 'Theo cán bộ',
    title: 'KẾT QUẢ THỰC HIỆN THEO CÁN BỘ CHỊU TRÁCH NHIỆM',
    // Fourteen columns, about 175 units: at 11 pt the page is scaled to no less than ~83 %, as `Chi tiết`.
    // A position takes one line, or two (`Phó Bí thư Thường trực / Huyện ủy`); a unit's name one.
    size: 11,
    columns: [
      col('STT', 'int', 5, 6),
      col('Đơn vị', 'text', 12, 22),
      col('Họ và tên', 'text', 16, 22),
      col('Chức vụ', 'text', 12, 26, true),
      ...COUNT_COLUMNS,
    ],
    rows,
    empty: 'Không có việc nào được tính.',
    dataBars: [12, 13],
    autoFilter: true,
    notes: owners.length
      ? [
          (owners.some((o) => o.name === NO_OWNER)
            ? `"${NO_OWNER}": việc chưa ghi người chịu trách nhiệm, hoặc ghi từ hai người trở lên. `
            : '') + 'Chức vụ theo danh sách cán bộ tại ngày tính số liệu, nếu không có thì theo báo cáo của đơn vị.',
        ]
      : [],
  };
}

// ───────────────────────────── Tổng hợp: the change ─────────────────────────────

/** The three columns `Tổng hợp` gains with `--compare`, after the rates. */
export const CHANGE_COLUMNS: Column[] = [
  col('Hoàn thành thêm', 'int', 8, 10),
  col('Mới quá hạn', 'int', 8, 10),
  col('Tỷ lệ HT so kỳ trước (điểm)', 'points', 10, 12),
];

/** A row's change in the order of CHANGE_COLUMNS; `-` when the unit has no comparison of its own. */
export function changeValues(c: ChangeCounts | null | undefined): Value[] {
  if (!c) return ['-', '-', '-'];
  return [c.completedSince, c.newlyOverdue, c.completionRateChange ?? '-'];
}

const vn = (n: number): string => n.toLocaleString('vi-VN');

/** The note under `Tổng hợp` that says, in words, what changed since the previous registers. */
export function changeNote(comparison: Comparison, code: string): string | null {
  const c = comparison.byUnit.get(code)?.total;
  if (!c) return null;
  const rate =
    c.completionRateChange === null || c.completionRateChange === 0
      ? ''
      : `; tỷ lệ hoàn thành ${c.completionRateChange > 0 ? 'tăng' : 'giảm'} ${vn(Math.abs(c.completionRateChange))} điểm`;
  return (
    `So với kỳ trước (số liệu tính đến ngày ${displayDate(comparison.asOf)}): hoàn thành thêm ${vn(c.completedSince)} việc, ` +
    `${vn(c.newlyOverdue)} việc mới quá hạn, ${vn(c.new)} việc mới đăng ký, ` +
    `${vn(c.dropped)} việc chưa hoàn thành không còn trong danh mục${rate} (xem trang "Biến động").`
  );
}

// ───────────────────────────── Biến động ─────────────────────────────

export const CHANGE_KIND_LABEL: Record<ChangeKind, string> = {
  new: 'Mới đăng ký',
  dropped: 'Không còn trong danh mục',
  completed: 'Hoàn thành thêm',
  overdue: 'Mới quá hạn',
};

/** Every task of this workbook's units that is new, dropped, newly done or newly overdue, then and now. */
export function changesSheet({ result, unit }: Context): SheetSpec {
  const comparison = result.comparison;
  if (!comparison) throw new Error('Biến động is written only with a comparison');
  const codes = subtreeCodes(result, unit.unit.code);
  const label = unitLabels(result, codes);
  const changes = comparison.changes.filter((c) => codes.has(c.unit.code));
  const classOf = (t: TaskChange['now']): string => (t ? CLASS_LABEL.vi[t.class] : '-');
  const progressOf = (t: TaskChange['now']): Value => (t ? numberValue(t.task.progress) : '-');
  return {
    name: 'Biến động',
    title: 'DANH SÁCH VIỆC CÓ BIẾN ĐỘNG SO VỚI KỲ TRƯỚC',
    columns: [
      col('STT', 'int', 5, 6),
      col('Đơn vị', 'text', 14, 22),
      col('Nội dung công việc', 'text', 30, 50, true),
      // each label on one line or two (`Chưa hoàn thành, / trong hạn`, `Không còn trong / danh mục`)
      col('Người chịu trách nhiệm', 'text', 16, 22),
      col('Biến động', 'text', 18, 18),
      col('Phân loại kỳ trước', 'text', 19, 19),
      col('Phân loại kỳ này', 'text', 19, 19),
      col('Tiến độ kỳ trước (%)', 'num', 9, 10),
      col('Tiến độ kỳ này (%)', 'num', 9, 10),
    ],
    rows: lazyRows(changes, (c, i) => {
      const task = (c.now ?? c.then)!.task;
      return {
        kind: 'data',
        values: [
          i + 1,
          label(c.unit.code),
          task.title ?? task.text.title ?? null,
          task.owner,
          CHANGE_KIND_LABEL[c.kind],
          classOf(c.then),
          classOf(c.now),
          progressOf(c.then),
          progressOf(c.now),
        ],
      };
    }),
    empty: 'Không có việc nào thay đổi so với kỳ trước.',
    autoFilter: true,
    notes: [
      `Kỳ trước: số liệu tính đến ngày ${displayDate(comparison.asOf)}; kỳ này: đến ngày ${displayDate(result.asOf)}. ` +
        '"Không còn trong danh mục": việc kỳ trước chưa hoàn thành, chưa dừng, hủy mà báo cáo kỳ này của đơn vị không còn.',
    ],
  };
}

// ───────────────────────────── Chưa nộp ─────────────────────────────

export const SENT_BEFORE = 'kỳ trước có nộp';

/** With `--compare`, the note of a unit that sent nothing now: whether it sent a register last time. */
export function sentBeforeNote(result: RollupResult, code: string): string | null {
  return result.comparison?.submittedBefore.has(code) ? SENT_BEFORE : null;
}
