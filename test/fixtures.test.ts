// Sanity of the fixtures themselves (not of tiendo): the sidecars point at files and rows that exist,
// every rule of SPEC §4 (read from its table) has its folder, the counts in truth.json add up, and
// generateProvince is deterministic. The tests that run tiendo against these fixtures live with the integration tests.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
// plain ESM JavaScript, shared with scripts/make-fixtures.js and the benchmark
// @ts-ignore -- a plain JS script without type declarations
import { generateProvince } from '../scripts/province.js';
import { first, get } from './helpers/at.js';
import { specRules } from '../scripts/spec-rules.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** SPEC §4's rules, the contract the fixtures are written against (the table scripts/spec-rules.js reads). */
const RULES = specRules().map((r) => r.id);
/** The one rule with no folder in fixtures/rules/: task-dropped needs two months (fixtures/compare). */
const NO_RULES_FOLDER = ['task-dropped'];
/**
 * The rules fixtures/province was built to plant (scripts/fixture-sets/province.js): a fact about that
 * fixture, not the catalog, so a new rule need not be planted there. overdue and at-risk follow from the data; progress-regressed, report-stale,
 * update-unknown-task and task-dropped need progress updates or a previous month (fixtures/progress, compare).
 */
const PLANTED_IN_PROVINCE = [
  'legacy-encoding',
  'file-unreadable',
  'header-missing',
  'unit-unknown',
  'unit-duplicate',
  'duplicate-task',
  'title-missing',
  'owner-missing',
  'owner-multiple',
  'owner-unknown',
  'owner-inactive',
  'owner-overloaded',
  'deadline-missing',
  'invalid-date',
  'deadline-before-assigned',
  'invalid-progress',
  'invalid-status',
  'invalid-number',
  'status-progress-mismatch',
  'completion-in-future',
  'completion-before-assigned',
  'completion-date-missing',
];
const CLASSES = ['doneOnTime', 'doneLate', 'pendingOnTime', 'pendingOverdue', 'cancelled', 'unclassified'] as const;
const LISTED_WARNINGS = ['legacy-encoding', 'owner-multiple', 'owner-overloaded', 'completion-date-missing'];

type Diag = { file: string; row: number | null; rule: string; severity?: string };
type Counts = Record<string, number | null>;
type Truth = {
  asOf: string;
  registers: { file: string; unit: string | null; status: string }[];
  tasks: { file: string; row: number; unit: string | null; class: string }[];
  units: Record<string, { parent: string | null; own: Counts; total: Counts }>;
  bacGiang?: { districtsOwn: number; agenciesAndCommunes: number; province: number };
};

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The non-empty rows of a register: CSV lines (record starts) or rows with a value of its first worksheet (or of any). */
const rowCache = new Map<string, Set<number>>();
async function rowsOf(path: string, allSheets = false): Promise<Set<number>> {
  const hit = rowCache.get(`${allSheets}${path}`);
  if (hit) return hit;
  const rows = new Set<number>();
  if (path.endsWith('.csv')) {
    const bytes = readFileSync(path);
    const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
    // a line starts a record unless it continues a quoted field
    let line = 1;
    let inQuote = false;
    let start = true;
    for (const ch of text) {
      if (start && !inQuote) rows.add(line);
      start = false;
      if (ch === '"') inQuote = !inQuote;
      if (ch === '\n') {
        line += 1;
        start = true;
      }
    }
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    for (const ws of allSheets ? wb.worksheets : wb.worksheets.slice(0, 1)) ws.eachRow((_, n) => rows.add(n));
  }
  rowCache.set(`${allSheets}${path}`, rows);
  return rows;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function checkCounts(truth: Truth) {
  const children = new Map<string, string[]>();
  for (const [code, u] of Object.entries(truth.units)) if (u.parent) children.set(u.parent, [...(children.get(u.parent) ?? []), code]);
  for (const [code, u] of Object.entries(truth.units)) {
    for (const k of ['own', 'total'] as const) {
      const c = u[k];
      expect(
        CLASSES.reduce((s, cl) => s + (c[cl] as number), 0),
        `${code}.${k}`,
      ).toBe(c.registered);
    }
    const kids = children.get(code) ?? [];
    for (const key of ['registered', ...CLASSES, 'doneInPeriod']) {
      const sum = (u.own[key] as number) + kids.reduce((s, ch) => s + (get(truth.units, ch, 'child unit').total[key] as number), 0);
      expect(u.total[key], `${code}.total.${key}`).toBe(sum);
    }
    const own = truth.tasks.filter((t) => t.unit === code && t.class !== 'excluded');
    expect(own.length, `${code} own tasks`).toBe(u.own.registered);
  }
}

describe.each(['province', 'two-tier'])('fixtures/%s', (set) => {
  const dir = join(FIXTURES, set);
  const expected = json<{ asOf: string; diagnostics: Diag[] }>(join(dir, 'expected.json'));
  const truth = json<Truth>(join(dir, 'truth.json'));

  it('lists diagnostics on files and rows that exist', async () => {
    expect(expected.asOf).toBe(truth.asOf);
    for (const d of expected.diagnostics) {
      expect(existsSync(join(dir, d.file)), d.file).toBe(true);
      expect(d.severity === 'error' || LISTED_WARNINGS.includes(d.rule), `${d.rule} is not listed`).toBe(true);
      if (d.row !== null) expect((await rowsOf(join(dir, d.file))).has(d.row), `${d.file}:${d.row}`).toBe(true);
    }
  });

  it('gives every task row a class, on rows that exist', async () => {
    for (const t of truth.tasks) {
      expect([...CLASSES, 'excluded']).toContain(t.class);
      expect((await rowsOf(join(dir, t.file))).has(t.row), `${t.file}:${t.row}`).toBe(true);
    }
    for (const r of truth.registers) expect(existsSync(join(dir, r.file)), r.file).toBe(true);
  });

  it('has counts that add up over the unit tree', () => checkCounts(truth));
});

describe('fixtures/province', () => {
  const dir = join(FIXTURES, 'province');
  const expected = json<{ diagnostics: Diag[] }>(join(dir, 'expected.json'));
  it('plants every rule but the ones that need progress updates or follow from the data', () => {
    const planted = new Set(expected.diagnostics.map((d) => d.rule));
    for (const rule of PLANTED_IN_PROVINCE) expect(RULES, rule).toContain(rule);
    for (const rule of PLANTED_IN_PROVINCE) expect(planted, rule).toContain(rule);
  });
  it('keeps the files a folder walk must skip', () => {
    expect(existsSync(join(dir, 'registers', '~$lock.xlsx'))).toBe(true);
    expect(existsSync(join(dir, 'registers', '.hidden.csv'))).toBe(true);
    const truth = json<Truth>(join(dir, 'truth.json'));
    expect(truth.registers.map((r) => r.file)).not.toContain('registers/.hidden.csv');
  });
});

describe('fixtures/rules', () => {
  const dir = join(FIXTURES, 'rules');
  it.each(RULES.filter((r) => !NO_RULES_FOLDER.includes(r)))('%s has its cases', async (rule) => {
    const folder = join(dir, rule);
    expect(existsSync(folder), `${folder}: a rule's cases (scripts/fixture-sets/rules/${rule}.js, npm run fixtures)`).toBe(true);
    // a file rule's cases are listed in expect.json; a row rule's are 07651_fires.csv and 07651_passes.csv
    if (existsSync(join(folder, 'expect.json'))) {
      const list = json<Diag[]>(join(folder, 'expect.json'));
      expect(list.some((d) => d.rule === rule)).toBe(true);
      for (const d of list) {
        expect(existsSync(join(folder, d.file)), d.file).toBe(true);
        // on any sheet: an update's diagnostic is on the register's progress sheet
        if (d.row !== null) expect((await rowsOf(join(folder, d.file), true)).has(d.row), `${d.file}:${d.row}`).toBe(true);
      }
      return;
    }
    for (const kind of ['fires', 'passes']) {
      const lines = readFileSync(join(folder, `07651_${kind}.csv`), 'utf8')
        .trimEnd()
        .split('\n');
      const header = first(lines, 'header line').split(',');
      expect(header[header.length - 1]).toBe('expect');
      const expects = lines.slice(1).map((l) =>
        l
          .slice(l.lastIndexOf(',') + 1)
          .split(' ')
          .filter(Boolean),
      );
      for (const ids of expects) for (const id of ids) expect(RULES).toContain(id);
      if (kind === 'fires') expect(expects.flat()).toContain(rule);
      else expect(expects.flat()).toEqual([]);
    }
  });
  it('shares units, roster and the as-of date', () => {
    for (const f of ['units.csv', 'roster.csv', 'asof.txt']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'asof.txt'), 'utf8').trim()).toBe('2024-09-30');
  });
});

describe('fixtures/registers and fixtures/broken', () => {
  it('has a sidecar for every register case, on rows that exist', async () => {
    const dir = join(FIXTURES, 'registers');
    const cases = readdirSync(dir).filter((f) => /\.(csv|xlsx)$/.test(f) && f !== 'units.csv' && f !== 'roster.csv');
    expect(cases.length).toBeGreaterThan(20);
    for (const f of cases) {
      const side = json<{ unit: string | null; tasks: { row: number; title: string }[] }>(join(dir, `${f}.expect.json`));
      expect(side.tasks.length, f).toBeGreaterThan(0);
      for (const t of side.tasks) expect((await rowsOf(join(dir, f))).has(t.row), `${f}:${t.row}`).toBe(true);
    }
  });
  it('lists every broken file, beside a good register', () => {
    const dir = join(FIXTURES, 'broken');
    const list = json<{ file: string; rule: string }[]>(join(dir, 'expect.json'));
    for (const d of list) {
      expect(existsSync(join(dir, d.file)), d.file).toBe(true);
      expect(['file-unreadable', 'header-missing']).toContain(d.rule);
    }
    expect(readFileSync(join(dir, 'legacy.xls')).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    expect(readFileSync(join(dir, 'sheet.ods')).subarray(0, 2).toString()).toBe('PK');
    expect(existsSync(join(dir, '07651_good.csv'))).toBe(true);
  });
});

describe('generateProvince', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'tiendo-province-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function contents(dir: string) {
    const out: Record<string, unknown> = {};
    for (const p of walk(dir).sort()) {
      const rel = relative(dir, p);
      if (p.endsWith('.xlsx')) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(p);
        const cells: unknown[] = [];
        first(wb.worksheets, 'sheet').eachRow((row, n) => cells.push([n, row.values]));
        out[rel] = cells;
      } else out[rel] = readFileSync(p).toString('base64');
    }
    return out;
  }

  it('is deterministic for a seed', async () => {
    const a = tmp();
    const b = tmp();
    const ra = await generateProvince({ outDir: a, communes: 20, seed: 7 });
    const rb = await generateProvince({ outDir: b, communes: 20, seed: 7 });
    expect(ra).toEqual(rb);
    expect(await contents(a)).toEqual(await contents(b));
    const rc = await generateProvince({ outDir: tmp(), communes: 20, seed: 8 });
    expect(rc.truth.tasks).not.toEqual(ra.truth.tasks);
  });

  it('returns expected diagnostics and a truth that add up', async () => {
    const dir = tmp();
    const { expected, truth } = await generateProvince({ outDir: dir, communes: 20 });
    expect(existsSync(join(dir, 'units.csv'))).toBe(true);
    expect(existsSync(join(dir, 'roster.csv'))).toBe(true);
    for (const d of expected as Diag[]) {
      expect(existsSync(join(dir, d.file)), d.file).toBe(true);
      if (d.row !== null) expect((await rowsOf(join(dir, d.file))).has(d.row), `${d.file}:${d.row}`).toBe(true);
    }
    checkCounts(truth as Truth);
    const rules = new Set((expected as Diag[]).map((d) => d.rule));
    for (const r of ['unit-unknown', 'unit-duplicate', 'duplicate-task', 'owner-overloaded']) expect(rules, r).toContain(r);
  });

  it('reproduces the seed article: 58 tasks for the districts, 2,188 for agencies and communes', async () => {
    const { truth } = await generateProvince({ outDir: tmp(), bacGiang: true });
    expect((truth as Truth).bacGiang).toMatchObject({ districtsOwn: 58, agenciesAndCommunes: 2188, province: 2246 });
    expect((truth as Truth).units['24']?.total.registered).toBe(2246);
    expect((truth as Truth).units['24']?.total.completionRate).toBeGreaterThan(95);
  });

  it('lays out the two-tier province under the units in force', async () => {
    const { truth } = await generateProvince({ outDir: tmp(), communes: 20, twoTier: true });
    expect((truth as Truth).asOf).toBe('2025-09-30');
    const levels = Object.values((truth as Truth).units).map((u) => u.parent);
    expect(levels.every((p) => p === null || p === '24')).toBe(true);
    checkCounts(truth as Truth);
  });
});
