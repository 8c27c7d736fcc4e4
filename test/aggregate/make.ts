// Builders for the classify, aggregate, summary and rollup tests: units, trees, tasks, registers, diagnostics.
import type { ColumnKey, Diagnostic, IsoDate, Register, RuleId, Severity, Task, Unit, UnitTree } from '../../src/types.js';
import { makeTask } from '../helpers/make.js';

export const COLUMNS: Partial<Record<ColumnKey, string>> = {
  no: 'A',
  id: 'B',
  title: 'C',
  category: 'D',
  field: 'E',
  owner: 'F',
  assigned: 'G',
  deadline: 'H',
  progress: 'I',
  status: 'J',
  completed: 'K',
};

export function unit(code: string, name: string, level: string, parent: string | null, extra: Partial<Unit> = {}): Unit {
  return { code, name, level, parent, from: null, to: null, ...extra };
}

/** A tree of units in force (the caller gives only units in force, as the units reader would). */
export function tree(units: Unit[], asOf: IsoDate = '2024-09-30'): UnitTree {
  const sorted = [...units].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const byCode = new Map(sorted.map((u) => [u.code, u]));
  const children = new Map<string, Unit[]>();
  for (const u of sorted) {
    if (u.parent && byCode.has(u.parent)) children.set(u.parent, [...(children.get(u.parent) ?? []), u]);
  }
  return { asOf, units: sorted, byCode, children, roots: sorted.filter((u) => !u.parent || !byCode.has(u.parent)) };
}

/** An in-progress task at 40%, assigned in January, due at the end of 2024. */
export function task(overrides: Partial<Task> = {}): Task {
  return makeTask({
    id: 't-1',
    unitCode: null,
    file: 'a.xlsx',
    columns: { ...COLUMNS },
    text: {},
    progress: { kind: 'number', value: 40 },
    ...overrides,
  });
}

export const date = (d: IsoDate) => ({ kind: 'date' as const, date: d });

/** Shorthands for the classes, as of 2024-09-30. */
export const kinds = {
  doneOnTime: (): Partial<Task> => ({
    status: 'done',
    progress: { kind: 'number', value: 100 },
    deadline: date('2024-06-30'),
    completed: date('2024-06-15'),
  }),
  doneLate: (): Partial<Task> => ({
    status: 'done',
    progress: { kind: 'number', value: 100 },
    deadline: date('2024-06-30'),
    completed: date('2024-07-20'),
  }),
  doneInQ3: (): Partial<Task> => ({
    status: 'done',
    progress: { kind: 'number', value: 100 },
    deadline: date('2024-09-30'),
    completed: date('2024-08-20'),
  }),
  pendingOnTime: (): Partial<Task> => ({ status: 'in_progress', deadline: date('2024-12-31') }),
  pendingOverdue: (): Partial<Task> => ({ status: 'in_progress', deadline: date('2024-08-31') }),
  cancelled: (): Partial<Task> => ({ status: 'cancelled' }),
};

/** A register of `u` (or of no unit) at `file`, with its tasks numbered from row 8. */
export function register(u: Unit | null, file: string, tasks: Partial<Task>[]): Register {
  const code = u?.code ?? 'x';
  return {
    path: `/in/${file}`,
    displayPath: file,
    kind: 'xlsx',
    workbook: null,
    sheet: 'Danh mục',
    headerRow: 6,
    columns: { ...COLUMNS },
    titleLines: [],
    unit: u,
    unitSource: u ? 'title' : null,
    tasks: tasks.map((t, i) => task({ id: `${code}-${i + 1}`, no: String(i + 1), unitCode: u?.code ?? null, file, row: 8 + i, ...t })),
    problems: [],
  };
}

/** `n` tasks of the same kind. */
export const many = (n: number, t: Partial<Task> = {}): Partial<Task>[] => Array.from({ length: n }, () => ({ ...t }));

export function diag(rule: RuleId, at: Partial<Diagnostic> & { file: string }, severity: Exclude<Severity, 'off'> = 'error'): Diagnostic {
  return {
    rule,
    severity,
    sheet: at.row != null ? 'Danh mục' : null,
    row: null,
    column: null,
    taskId: null,
    message: `${rule} message`,
    messageId: 'default',
    data: {},
    ...at,
  };
}

/** Diagnostics at a task's row (and column key, as the engine would turn it into a letter). */
export function diagAt(rule: RuleId, t: Task, column?: ColumnKey, severity: Exclude<Severity, 'off'> = 'error'): Diagnostic {
  return diag(
    rule,
    { file: t.file, sheet: t.sheet, row: t.row, column: column ? (t.columns[column] ?? null) : 'A', taskId: t.id },
    severity,
  );
}

/** Bắc Giang, two districts with communes, a city, and an agency group. */
export function province(): UnitTree {
  return tree([
    unit('24', 'Tỉnh Bắc Giang', 'tinh', null),
    unit('213', 'Huyện Lục Nam', 'huyen', '24'),
    unit('07651', 'Xã Yên Sơn', 'xa', '213'),
    unit('07660', 'Xã Lan Mẫu', 'xa', '213'),
    unit('07663', 'Thị trấn Đồi Ngô', 'xa', '213'),
    unit('215', 'Huyện Yên Thế', 'huyen', '24'),
    unit('07330', 'Xã Đồng Tâm', 'xa', '215'),
  ]);
}
