// Each shape clerks send, in isolation: fixtures/registers/<file> with <file>.expect.json giving the
// unit and, for each task row, the values of the fields the case is about.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { first } from '../helpers/at.js';
import type { DateValue, NumberValue, Task } from '../../src/types.js';

const DIR = fileURLToPath(new URL('../../fixtures/registers/', import.meta.url));
const AS_OF = readFileSync(join(DIR, 'asof.txt'), 'utf8').trim();
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.replace(/\.expect\.json$/, ''))
  .sort();

interface Expect {
  unit: string | null;
  fields: string[];
  tasks: Record<string, unknown>[];
}

const date = (v: DateValue) => (v.kind === 'date' ? v.date : v.kind === 'empty' ? null : `invalid:${v.text}`);
const num = (v: NumberValue) => (v.kind === 'number' ? v.value : v.kind === 'empty' ? null : `invalid:${v.text}`);

/** The value of a field as the expect files write it. */
function field(task: Task, name: string): unknown {
  switch (name) {
    case 'assigned':
    case 'deadline':
    case 'completed':
      return date(task[name]);
    case 'target':
    case 'achieved':
    case 'progress':
      return num(task[name]);
    case 'owner':
      return task.owners.length > 1 ? task.owners : (task.owners[0] ?? null);
    default:
      return (task as unknown as Record<string, unknown>)[name] ?? null;
  }
}

describe.each(cases)('fixtures/registers/%s', (file) => {
  const want = JSON.parse(readFileSync(join(DIR, `${file}.expect.json`), 'utf8')) as Expect;
  it('reads the unit and every task as expected', async () => {
    const { run } = await validate({
      paths: [join(DIR, file)],
      units: join(DIR, 'units.csv'),
      roster: join(DIR, 'roster.csv'),
      asOf: AS_OF,
    });
    const register = first(run.registers, 'register');
    expect(register.unit?.code ?? null).toBe(want.unit);
    const fields = ['row', ...want.fields];
    const got = register.tasks.map((t) => Object.fromEntries(fields.map((f) => [f, f === 'row' ? t.row : field(t, f)])));
    const expected = want.tasks.map((t) => Object.fromEntries(fields.map((f) => [f, f in t ? t[f] : null])));
    expect(got).toEqual(expected);
  });
});
