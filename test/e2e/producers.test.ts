// Registers from each program clerks' registers come from, and in each legal form of the container
// (fixtures/producers, issue #15's matrix): every task read exactly — its row, title, owner, dates,
// progress, status and section — and exactly the planted errors reported, no false one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { first } from '../helpers/at.js';
import type { DateValue, NumberValue, Task } from '../../src/types.js';

const DIR = fileURLToPath(new URL('../../fixtures/producers/', import.meta.url));
const AS_OF = readFileSync(join(DIR, 'asof.txt'), 'utf8').trim();
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.replace(/\.expect\.json$/, ''))
  .sort();
/** the warnings expected.json files list; overdue and at-risk follow from the data */
const LISTED_WARNINGS = new Set(['legacy-encoding', 'owner-multiple', 'owner-overloaded', 'completion-date-missing']);

interface Expect {
  unit: string;
  producer: string;
  fields: string[];
  tasks: Record<string, unknown>[];
  diagnostics: { row: number; rule: string }[];
}

const date = (v: DateValue) => (v.kind === 'date' ? v.date : v.kind === 'empty' ? null : `invalid:${v.text}`);
const num = (v: NumberValue) => (v.kind === 'number' ? v.value : v.kind === 'empty' ? null : `invalid:${v.text}`);

function field(task: Task, name: string): unknown {
  switch (name) {
    case 'assigned':
    case 'deadline':
    case 'completed':
      return date(task[name]);
    case 'progress':
      return num(task[name]);
    case 'owner':
      return task.owners.length > 1 ? task.owners : (task.owners[0] ?? null);
    default:
      return (task as unknown as Record<string, unknown>)[name] ?? null;
  }
}

describe.each(cases)('fixtures/producers/%s', (file) => {
  const want = JSON.parse(readFileSync(join(DIR, `${file}.expect.json`), 'utf8')) as Expect;
  it(`reads what ${want.producer} wrote: every task, the planted errors and no other`, async () => {
    const { run } = await validate({
      paths: [join(DIR, file)],
      units: join(DIR, 'units.csv'),
      roster: join(DIR, 'roster.csv'),
      asOf: AS_OF,
    });
    const register = first(run.registers, 'register');
    expect(register.sheet).toBe(file.includes('csv') ? register.sheet : 'Danh mục');
    expect(register.unit?.code ?? null).toBe(want.unit);
    // by the title block of the register's own sheet (ĐẢNG ỦY XÃ YÊN SƠN), not by the file name
    expect(register.unitSource).toBe('title');
    const fields = ['row', ...want.fields];
    const got = register.tasks.map((t) => Object.fromEntries(fields.map((f) => [f, f === 'row' ? t.row : field(t, f)])));
    expect(got).toEqual(want.tasks.map((t) => Object.fromEntries(fields.map((f) => [f, t[f] ?? null]))));
    const reported = run.diagnostics
      .filter((d) => d.severity === 'error' || LISTED_WARNINGS.has(d.rule))
      .map((d) => ({ row: d.row, rule: d.rule }))
      .sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.rule.localeCompare(b.rule));
    expect(reported).toEqual(want.diagnostics);
  });
});
