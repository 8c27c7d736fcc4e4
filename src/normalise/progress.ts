// Progress updates (SPEC §2.4): rows of `Mã việc` (or STT), `Ngày báo cáo` (or `Kỳ báo cáo`) and the
// values that changed, in a register's `Tiến độ` sheet or in a file given with `--progress`. Read
// here into ProgressUpdates; applied to the tasks, in date order, by applyUpdates. What cannot be
// applied becomes a Problem of its source file, which the rules report (update-unknown-task,
// progress-regressed).
import type { ReadResult } from '../read/file.js';
import type { Cell, CellLocation, ColumnKey, IsoDate, Problem, ProgressUpdate, Register, Sheet, Task, UpdateKey } from '../types.js';
import { deriveState } from './register.js';
import { columnLetter, headerKey, isProgressSheet } from './table.js';
import { clean, fold } from './text.js';
import type { UnitResolver } from './unit.js';
import { displayDate, parseDate, parseDeadline, parseNumber, parseProgress } from './values.js';

const HEADER_SEARCH_ROWS = 30;

/** Headers of the day an update reports on. `Kỳ báo cáo` (a month) means its last day. */
const DATE_HEADERS = new Set(['ngay bao cao', 'ky bao cao', 'ngay cap nhat', 'thoi diem bao cao', 'thang bao cao', 'ngay', 'ky']);

const UPDATE_KEYS: readonly UpdateKey[] = ['progress', 'achieved', 'status', 'completed', 'note'];
type UpdateColumn = UpdateKey | 'id' | 'no' | 'unitCode' | 'date';

function updateColumn(text: string): UpdateColumn | null {
  const f = fold(text)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (DATE_HEADERS.has(f)) return 'date';
  const key: ColumnKey | null = headerKey(text);
  if (key === 'id' || key === 'no' || key === 'unitCode') return key;
  return key && (UPDATE_KEYS as readonly string[]).includes(key) ? (key as UpdateKey) : null;
}

export interface UpdateTable {
  headerRow: number;
  /** the 0-based column of each column found */
  index: Partial<Record<UpdateColumn, number>>;
}

/** The header of an update table: a row within the first 30 naming a day, a task and at least one value. */
export function findUpdateTable(sheet: Sheet): UpdateTable | null {
  for (const row of sheet.rows) {
    if (row.number > HEADER_SEARCH_ROWS) break;
    const index: UpdateTable['index'] = {};
    row.cells.forEach((cell, i) => {
      const key = cell ? updateColumn(cell.text) : null;
      if (key && index[key] === undefined) index[key] = i;
    });
    const hasRef = index.id !== undefined || index.no !== undefined;
    if (index.date !== undefined && hasRef && UPDATE_KEYS.some((k) => index[k] !== undefined)) return { headerRow: row.number, index };
  }
  return null;
}

/** `(1) (2) (3)`, `1 2 3`, `A B C` under a header. */
function isNumberingRow(cells: (Cell | null)[]): boolean {
  const texts = cells.filter((c): c is Cell => !!c && clean(c.text) !== '').map((c) => clean(c.text));
  return texts.length >= 2 && texts.every((t) => /^\(?(\d{1,2}|[A-Z])\)?$/.test(t));
}

/**
 * The updates of one sheet. `unitCode` is the unit of the file (null when unknown): a row's own
 * `Mã đơn vị` cell overrides it.
 */
export function readUpdates(
  sheet: Sheet,
  table: UpdateTable,
  where: { file: string; sheet: string | null; unitCode: string | null },
): ProgressUpdate[] {
  const out: ProgressUpdate[] = [];
  const { index } = table;
  const cellAt = (cells: (Cell | null)[], i: number | undefined): Cell | null => {
    if (i === undefined) return null;
    const c = cells[i];
    return c && clean(c.text) !== '' ? c : null;
  };
  let first = true;
  for (const row of sheet.rows) {
    if (row.number <= table.headerRow) continue;
    if (first && isNumberingRow(row.cells)) {
      first = false;
      continue;
    }
    first = false;
    const idCell = cellAt(row.cells, index.id);
    const noCell = cellAt(row.cells, index.no);
    const dateCell = cellAt(row.cells, index.date);
    const cells: ProgressUpdate['cells'] = {};
    for (const key of UPDATE_KEYS) {
      const c = cellAt(row.cells, index[key]);
      if (c) cells[key] = { cell: c, column: columnLetter(index[key]!) };
    }
    // A blank row, or a row of nothing to apply (a footer, a signature), is not an update.
    if (!idCell && !noCell) continue;
    if (!dateCell && Object.keys(cells).length === 0) continue;
    const date = dateCell ? parseDeadline(dateCell) : parseDate(null);
    const unitCell = cellAt(row.cells, index.unitCode);
    out.push({
      file: where.file,
      sheet: where.sheet,
      row: row.number,
      unitCode: unitCell ? clean(unitCell.text) : where.unitCode,
      taskId: idCell ? clean(idCell.text) : null,
      taskNo: noCell ? clean(noCell.text) : null,
      refColumn: columnLetter((idCell ? index.id : index.no)!),
      date: date.kind === 'date' ? date.date : null,
      dateText: dateCell ? clean(dateCell.text) : '',
      dateColumn: columnLetter(index.date!),
      cells,
    });
  }
  return out;
}

/** The updates of a register's own progress sheets (`Tiến độ`, `Cập nhật …`), if it has any. */
export function registerUpdates(register: Register): ProgressUpdate[] {
  const sheets = register.workbook?.kind === 'xlsx' ? register.workbook.sheets : [];
  const out: ProgressUpdate[] = [];
  for (const sheet of sheets) {
    if (!isProgressSheet(sheet.name) || sheet.name === register.sheet) continue;
    const table = findUpdateTable(sheet);
    if (table)
      out.push(...readUpdates(sheet, table, { file: register.displayPath, sheet: sheet.name, unitCode: register.unit?.code ?? null }));
  }
  return out;
}

/**
 * A file given with `--progress`: the first sheet holding an update table (progress sheets first).
 * Its unit, for rows without a `Mã đơn vị` cell, is found as a register's is (title block, file name);
 * a file that cannot be read, has no update table, or whose unit is needed and unknown gets the
 * problem a register would (file-unreadable, header-missing, unit-unknown).
 */
export function normaliseProgressFile(input: {
  path: string;
  displayPath: string;
  read: ReadResult;
  resolver: UnitResolver | null;
}): Register {
  const { read } = input;
  const file: Register = {
    path: input.path,
    displayPath: input.displayPath,
    kind: read.kind,
    workbook: null,
    sheet: null,
    headerRow: null,
    columns: {},
    titleLines: [],
    unit: null,
    unitSource: null,
    tasks: [],
    problems: [],
    updates: [],
    role: 'progress',
  };
  if (!read.ok) {
    if (!read.skip) file.problems.push(read.problem);
    return file;
  }
  file.workbook = read.workbook;
  const sheets = [...read.workbook.sheets].sort((a, b) => Number(isProgressSheet(b.name)) - Number(isProgressSheet(a.name)));
  for (const sheet of sheets) {
    const table = findUpdateTable(sheet);
    if (!table) continue;
    const sheetName = read.kind === 'csv' ? null : sheet.name;
    file.sheet = sheetName;
    file.headerRow = table.headerRow;
    file.titleLines = sheet.rows
      .filter((r) => r.number < table.headerRow)
      .flatMap((r) => r.cells.filter((c): c is Cell => !!c && clean(c.text) !== '').map((c) => clean(c.text)));
    if (
      table.index.unitCode === undefined ||
      sheet.rows.some((r) => r.number > table.headerRow && !clean(r.cells[table.index.unitCode!]?.text ?? ''))
    ) {
      const r = input.resolver?.resolve({ path: input.path, titleLines: file.titleLines, codeColumn: null, option: null });
      if (r?.unit) {
        file.unit = r.unit;
        file.unitSource = r.source;
      } else if (r) file.problems.push(r.problem);
    }
    file.updates = readUpdates(sheet, table, { file: input.displayPath, sheet: sheetName, unitCode: file.unit?.code ?? null });
    return file;
  }
  file.problems.push({ rule: 'header-missing', at: {}, messageId: 'progress', data: {} });
  return file;
}

// ───────────────────────────── applying ─────────────────────────────

interface Matched {
  update: ProgressUpdate;
  source: Register;
  /** the order read: ties of one date keep it */
  order: number;
}

/**
 * Applies the updates of `sources` (registers with their own progress sheets, and `--progress`
 * files) to the tasks of `registers`, as of `asOf`. An update belongs to the task of its unit whose
 * `Mã việc` equals its reference, else whose STT does; those dated on or before `asOf` are applied
 * in date order (rows of one date in the order read), each non-empty cell replacing its column's
 * value. Problems go to the update's own file: update-unknown-task for an update that names no task
 * (or no day), progress-regressed for a progress lower than the one before it.
 */
export function applyUpdates(registers: Register[], sources: Register[], asOf: IsoDate): void {
  const { matched, sentUpdates } = matchUpdates(tasksByUnit(registers), sources);
  for (const r of registers) {
    for (const task of r.tasks) {
      if (task.unitCode !== null && sentUpdates.has(task.unitCode)) task.updateDates ??= [];
    }
  }
  for (const [task, list] of matched) {
    const applied = list
      .filter((m) => m.update.date! <= asOf)
      .sort((a, b) => a.update.date!.localeCompare(b.update.date!) || a.order - b.order);
    if (applied.length) applyTo(task, applied);
    else task.updateDates ??= [];
  }
}

/** The tasks of each unit, over all its registers. */
function tasksByUnit(registers: Register[]): Map<string, Task[]> {
  const tasksOfUnit = new Map<string, Task[]>();
  for (const r of registers) {
    if (!r.unit) continue;
    const list = tasksOfUnit.get(r.unit.code) ?? [];
    list.push(...r.tasks);
    tasksOfUnit.set(r.unit.code, list);
  }
  return tasksOfUnit;
}

/**
 * Each update matched to its task (the updates of a task in the order read), and the units that sent
 * updates; an update without a day or that names no task is a problem of its own file.
 */
function matchUpdates(tasksOfUnit: Map<string, Task[]>, sources: Register[]): { matched: Map<Task, Matched[]>; sentUpdates: Set<string> } {
  const sentUpdates = new Set<string>();
  const matched = new Map<Task, Matched[]>();
  let order = 0;
  for (const source of sources) {
    for (const update of source.updates ?? []) {
      // A register's own sheet names its own tasks even when its unit is unknown.
      const candidates =
        update.unitCode !== null ? (tasksOfUnit.get(update.unitCode) ?? []) : source.role === 'progress' ? null : source.tasks;
      if (candidates === null) continue; // a --progress file of no known unit: unit-unknown says so
      if (update.unitCode !== null) sentUpdates.add(update.unitCode);
      else for (const t of source.tasks) t.updateDates ??= [];
      const ref = update.taskId ?? update.taskNo ?? '';
      if (update.date === null) {
        source.problems.push(problem('update-unknown-task', update, update.dateColumn, 'date', { ref, text: update.dateText }));
        continue;
      }
      const task = findTask(candidates, update);
      if (!task) {
        source.problems.push(problem('update-unknown-task', update, update.refColumn, 'default', { ref, unit: update.unitCode ?? '' }));
        continue;
      }
      const list = matched.get(task) ?? [];
      list.push({ update, source, order: order++ });
      matched.set(task, list);
    }
  }
  return { matched, sentUpdates };
}

function findTask(tasks: Task[], update: ProgressUpdate): Task | undefined {
  const id = update.taskId ?? update.taskNo;
  if (id !== null) {
    const f = fold(id);
    const byId = tasks.find((t) => fold(t.text.id ?? t.id) === f || fold(t.id) === f);
    if (byId) return byId;
  }
  const no = update.taskNo ?? update.taskId;
  if (no !== null) {
    const f = fold(no);
    return tasks.find((t) => t.no !== null && fold(t.no) === f);
  }
  return undefined;
}

function problem(
  rule: 'update-unknown-task' | 'progress-regressed',
  u: ProgressUpdate,
  column: string,
  messageId: string,
  data: Record<string, string | number>,
  taskId: string | null = null,
): Problem {
  return { rule, at: { sheet: u.sheet, row: u.row, column }, messageId, data, taskId };
}

function applyTo(task: Task, applied: Matched[]): void {
  const typed = task.progressComputed ? { kind: 'empty' as const } : task.progress;
  const input = {
    target: task.target,
    achieved: task.achieved,
    typedProgress: typed,
    completed: task.completed,
    statusText: task.text.status ?? '',
  };
  const at: Partial<Record<ColumnKey, CellLocation>> = { ...task.at };
  let before = task.progress;
  for (const { update, source } of applied) {
    const locate = (key: UpdateKey) => ({ file: update.file, sheet: update.sheet, row: update.row, column: update.cells[key]!.column });
    for (const key of UPDATE_KEYS) {
      const got = update.cells[key];
      if (!got) continue;
      const text = clean(got.cell.text);
      task.text[key] = text;
      at[key] = locate(key);
      if (key === 'progress') input.typedProgress = parseProgress(got.cell);
      else if (key === 'achieved') input.achieved = parseNumber(got.cell);
      else if (key === 'completed') input.completed = parseDate(got.cell);
      else if (key === 'status') input.statusText = text;
      else task.note = text;
    }
    const now = deriveState(input);
    if (update.cells.progress && before.kind === 'number' && now.progress.kind === 'number' && now.progress.value < before.value) {
      source.problems.push(
        problem(
          'progress-regressed',
          update,
          update.cells.progress.column,
          'default',
          {
            before: before.value,
            after: now.progress.value,
            date: displayDate(update.date!),
          },
          task.id,
        ),
      );
    }
    before = now.progress;
  }
  Object.assign(task, deriveState(input));
  task.at = at;
  task.updateDates = [...(task.updateDates ?? []), ...applied.map((m) => m.update.date!)];
  task.updatedOn = applied.at(-1)?.update.date ?? null;
}
