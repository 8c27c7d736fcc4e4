// From a file read to a Register of tasks: the table found, its unit resolved, every value interpreted.
import { basename, extname } from 'node:path';
import { stripCheckedSuffix } from '../domain/marks.js';
import type { ReadResult } from '../read/file.js';
import type { Cell, ColumnKey, DateValue, NumberValue, Register, Status, Task } from '../types.js';
import { findTable, registerSheets, type Table, type TableRow } from './table.js';
import { clean, ownerNames } from './text.js';
import type { UnitResolver } from './unit.js';
import { parseCategory, parseDate, parseDeadline, parseNumber, parseProgress, parseStatus } from './values.js';

export interface NormaliseInput {
  path: string;
  displayPath: string;
  read: ReadResult;
  /** null when no units register was given: registers are then checked without a unit */
  resolver: UnitResolver | null;
  unitOption: string | null;
}

export function normaliseRegister(input: NormaliseInput): Register {
  const { path, displayPath, read } = input;
  const register: Register = {
    path,
    displayPath,
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
  };
  if (!read.ok) {
    if (!read.skip) register.problems.push(read.problem);
    return register;
  }
  register.workbook = read.workbook;
  register.problems.push(...read.problems);

  const found = findTable(read.workbook);
  if (!found.ok) {
    register.problems.push(found.problem);
    // The title block may still name the unit, so that a duplicate or a missing unit is reported too.
    const lines =
      registerSheets(read.workbook)[0]
        ?.rows.slice(0, 10)
        .flatMap((r) => r.cells.filter(Boolean).map((c) => clean(c!.text))) ?? [];
    resolveUnit(register, input, lines, null);
    return register;
  }
  const table = found.table;
  register.sheet = read.kind === 'csv' ? null : table.sheet.name;
  register.headerRow = table.headerRow;
  register.columns = table.columns;
  register.titleLines = table.titleLines;
  const codeColumn = table.rows.map((r) => r.cells.unitCode?.text).find((t) => t && t.trim() !== '') ?? null;
  resolveUnit(register, input, table.titleLines, codeColumn);
  register.tasks = buildTasks(register, table);
  return register;
}

function resolveUnit(register: Register, input: NormaliseInput, titleLines: string[], codeColumn: string | null): void {
  if (!input.resolver) return;
  const r = input.resolver.resolve({
    path: input.path,
    titleLines,
    codeColumn: codeColumn ? clean(codeColumn) : null,
    option: input.unitOption,
  });
  if (r.unit) {
    register.unit = r.unit;
    register.unitSource = r.source;
  } else {
    register.problems.push(r.problem);
  }
}

function buildTasks(register: Register, table: Table): Task[] {
  const prefix = register.unit?.code ?? stripCheckedSuffix(basename(register.path, extname(register.path)));
  const derived = derivedIds(table.rows, prefix);
  return table.rows.map((row, i) => {
    const id = row.cells.id ? clean(row.cells.id.text) : (derived[i] ?? `${prefix}-r${row.row}`);
    return buildTask(register, table, row, id);
  });
}

/**
 * Ids for rows without a `Mã việc`: unit code + STT; when STT restarts in each section,
 * unit code + section + STT; failing that null (buildTasks uses the row number). Only typed ids can clash (duplicate-task).
 */
function derivedIds(rows: TableRow[], prefix: string): (string | null)[] {
  const plain = rows.map((r) => (r.cells.no ? `${prefix}-${clean(r.cells.no.text)}` : null));
  const sectioned = rows.map((r) => (r.cells.no ? `${prefix}-${r.sectionMark ? r.sectionMark + '.' : ''}${clean(r.cells.no.text)}` : null));
  const unique = (ids: (string | null)[]) => {
    const seen = new Set<string>();
    return ids.every((id) => id === null || (!seen.has(id) && !!seen.add(id)));
  };
  return unique(plain) ? plain : unique(sectioned) ? sectioned : rows.map(() => null);
}

function text(cell: Cell | undefined): string | null {
  if (!cell) return null;
  const t = clean(cell.text);
  return t === '' ? null : t;
}

function buildTask(register: Register, table: Table, row: TableRow, id: string): Task {
  const c = row.cells;
  const texts: Partial<Record<ColumnKey, string>> = {};
  for (const [k, cell] of Object.entries(c) as [ColumnKey, Cell][]) texts[k] = clean(cell.text);

  const state = deriveState({
    target: parseNumber(c.target),
    achieved: parseNumber(c.achieved),
    typedProgress: parseProgress(c.progress),
    completed: parseDate(c.completed),
    statusText: texts.status ?? '',
  });
  const category = parseCategory(texts.category ?? '');
  const owner = text(c.owner);
  const shown = displayedOtherwise(c, state);

  return {
    id,
    unitCode: register.unit?.code ?? null,
    file: register.displayPath,
    sheet: register.sheet,
    row: row.row,
    columns: table.columns,
    text: texts,
    no: text(c.no),
    title: text(c.title),
    category: category.category,
    categoryInvalid: category.invalid,
    field: text(c.field) ?? row.section,
    owner,
    // split before cleaning: a line break between two names is a separator, and cleaning makes it a space
    owners: owner && c.owner ? ownerNames(c.owner.text) : [],
    position: text(c.position),
    leadUnit: text(c.leadUnit),
    assigned: parseDate(c.assigned),
    deadline: parseDeadline(c.deadline),
    ...state,
    note: text(c.note),
    ...(shown ? { shown } : {}),
  };
}

/** The values a task's state is derived from; a progress update (./progress.ts) replaces some of them. */
export interface StateInput {
  target: NumberValue;
  achieved: NumberValue;
  /** the progress as typed (empty when none was) */
  typedProgress: NumberValue;
  completed: DateValue;
  statusText: string;
}

export type TaskState = Pick<Task, 'target' | 'achieved' | 'progress' | 'progressComputed' | 'completed' | 'status' | 'statusInferred'>;

/** Progress (typed, else achieved / target), and status (given, else inferred), as SPEC §2.3 says. */
export function deriveState(v: StateInput): TaskState {
  const { target, achieved, completed } = v;
  let progress = v.typedProgress;
  let progressComputed = false;
  if (progress.kind === 'empty' && target.kind === 'number' && achieved.kind === 'number' && target.value > 0) {
    // One decimal, as a report states it (41,8%); never rounded up to a completion it has not reached.
    const ratio = (achieved.value / target.value) * 100;
    const value = Math.round(ratio * 10) / 10;
    progress = { kind: 'number', value: value >= 100 && ratio < 100 ? 99.9 : value };
    progressComputed = true;
  }
  const parsed = parseStatus(v.statusText);
  let status: Status | null = parsed.status;
  let statusInferred = false;
  if (parsed.empty) {
    statusInferred = true;
    const p = progress.kind === 'number' ? progress.value : 0;
    status = completed.kind === 'date' || p >= 100 ? 'done' : p > 0 ? 'in_progress' : 'not_started';
  }
  return { target, achieved, progress, progressComputed, completed, status, statusInferred };
}

/** A number as a cell displays it in a Vietnamese-locale spreadsheet (45,5%, 1.686), or NaN. */
function displayedNumber(shown: string): number {
  const t = shown.replace(/[\s%]/g, '');
  if (!/^[+-]?[\d.]*(,\d*)?$/.test(t) || !/\d/.test(t)) return Number.NaN;
  return Number(t.replace(/\./g, '').replace(',', '.'));
}

/**
 * The displayed text of each cell whose number format shows something other than the value read
 * (44.5 in `0"%"` shows 45%; a progress of 123.4 in `0%` shows 123%): messages quote both.
 */
function displayedOtherwise(cells: Partial<Record<ColumnKey, Cell>>, state: TaskState): Partial<Record<ColumnKey, string>> | null {
  let out: Partial<Record<ColumnKey, string>> | null = null;
  for (const k in cells) {
    const cell = cells[k as ColumnKey]!;
    if (cell.shown === undefined || cell.number === undefined) continue;
    const value: NumberValue | null =
      k === 'progress' ? state.progress : k === 'target' ? state.target : k === 'achieved' ? state.achieved : null;
    const n = value?.kind === 'number' ? value.value : cell.number;
    if (Math.abs(displayedNumber(cell.shown) - n) < 1e-9) continue;
    (out ??= {})[k as ColumnKey] = cell.shown;
  }
  return out;
}
