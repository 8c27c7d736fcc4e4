// Builders for the rule tests: a plausible task or register, changed only where a test says so.
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Report, Rule, RuleContext } from '../../src/rules/rule.js';
import type { Cadre, ColumnKey, Register, Task, Unit } from '../../src/types.js';

/** The column letters of a register with every column, in the order of the template. */
export const ALL_COLUMNS: Partial<Record<ColumnKey, string>> = {
  no: 'A',
  id: 'B',
  title: 'C',
  category: 'D',
  field: 'E',
  owner: 'F',
  position: 'G',
  assigned: 'H',
  deadline: 'I',
  target: 'J',
  measure: 'K',
  achieved: 'L',
  progress: 'M',
  status: 'N',
  completed: 'O',
  note: 'P',
};

/** An in-progress task of Xã Yên Sơn, assigned in January, due at the end of 2024, with nothing wrong. */
export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: '07651-1',
    unitCode: '07651',
    file: 'yen-son.xlsx',
    sheet: 'Danh mục',
    row: 8,
    columns: { ...ALL_COLUMNS },
    text: { no: '1', title: 'Xây dựng nhà văn hóa thôn', owner: 'Nguyễn Văn An', status: 'Đang thực hiện' },
    no: '1',
    title: 'Xây dựng nhà văn hóa thôn',
    category: 'key',
    categoryInvalid: false,
    field: null,
    owner: 'Nguyễn Văn An',
    owners: ['Nguyễn Văn An'],
    position: null,
    leadUnit: null,
    assigned: { kind: 'date', date: '2024-01-15' },
    deadline: { kind: 'date', date: '2024-12-31' },
    completed: { kind: 'empty' },
    target: { kind: 'empty' },
    achieved: { kind: 'empty' },
    progress: { kind: 'empty' },
    progressComputed: false,
    status: 'in_progress',
    statusInferred: false,
    note: null,
    ...overrides,
  };
}

export function makeUnit(overrides: Partial<Unit> = {}): Unit {
  return { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213', from: null, to: null, ...overrides };
}

export function makeRegister(overrides: Partial<Register> = {}): Register {
  return {
    path: '/in/yen-son.xlsx',
    displayPath: 'yen-son.xlsx',
    kind: 'xlsx',
    workbook: null,
    sheet: 'Danh mục',
    headerRow: 6,
    columns: { ...ALL_COLUMNS },
    titleLines: [],
    unit: null,
    unitSource: null,
    tasks: [],
    problems: [],
    ...overrides,
  };
}

export function makeCadre(overrides: Partial<Cadre> & { name: string; key: string }): Cadre {
  return { position: 'Phó Chủ tịch UBND xã', unit: '07651', from: null, to: null, ...overrides };
}

export function makeCtx(overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    asOf: '2024-09-30',
    units: null,
    roster: null,
    thresholds: { ...DEFAULT_CONFIG.thresholds },
    ...overrides,
  };
}

/**
 * Runs one rule on its target and returns what it reported. Each report is checked the way the
 * engine will need it: its messageId exists, and the data fills every placeholder of both languages.
 */
export function runRule(rule: Rule, target: Task | Register | Register[], ctx: RuleContext = makeCtx()): Report[] {
  const reports: Report[] = [];
  const report = (r: Report): void => {
    const id = r.messageId ?? 'default';
    const message = rule.meta.messages[id];
    if (!message) throw new Error(`${rule.meta.id}: unknown messageId ${id}`);
    for (const text of [message.vi, message.en]) {
      for (const [, name] of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
        if (name === undefined || r.data?.[name] === undefined) throw new Error(`${rule.meta.id}/${id}: no data for {{${name}}}`);
      }
    }
    reports.push(r);
  };
  if (rule.scope === 'task') rule.check(target as Task, ctx, report);
  else if (rule.scope === 'register') rule.check(target as Register, ctx, report);
  else rule.check(target as Register[], ctx, report);
  return reports;
}

/** The column key of a task report, the row of a register report: what most tests assert. */
export function where(r: Report): { column?: ColumnKey | string | null; row?: number | null } {
  return 'task' in r.at ? { column: r.at.column } : { row: r.at.row, column: r.at.column };
}
