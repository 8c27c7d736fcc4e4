// The fixture is the spec: each rule's cases under fixtures/rules/<id>/ carry their expected
// diagnostics — an `expect` column in a CSV case (the rule ids expected on that row), or an
// expect.json beside file-level cases — and the whole pipeline must report exactly those.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const AS_OF = readFileSync(join(ROOT, 'asof.txt'), 'utf8').trim();
const shared = { units: join(ROOT, 'units.csv'), roster: join(ROOT, 'roster.csv'), asOf: AS_OF, cwd: ROOT };

/** (row, rule) pairs from a CSV case's `expect` column; the row is the record's line. */
function expectedFromColumn(path: string): string[] {
  const records = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { info: true, relax_column_count: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  let line = 1;
  let expectAt = -1;
  const out: string[] = [];
  for (const { record, info } of records) {
    if (expectAt < 0) expectAt = record.findIndex((h) => h.trim().toLowerCase() === 'expect');
    else for (const rule of (record[expectAt] ?? '').split(/\s+/).filter(Boolean)) out.push(`${line} ${rule}`);
    line = info.lines + 1;
  }
  return out.sort();
}

const ids = RULES.map((r) => r.meta.id).filter((id) => existsSync(join(ROOT, id)));

describe.each(ids)('fixtures/rules/%s', (id) => {
  const dir = join(ROOT, id);
  const sidecar = join(dir, 'expect.json');

  if (existsSync(sidecar)) {
    it('reports exactly the diagnostics of expect.json', async () => {
      const want = (JSON.parse(readFileSync(sidecar, 'utf8')) as { file: string; row: number | null; rule: string }[])
        .map((d) => `${d.file} ${d.row} ${d.rule}`)
        .sort();
      // Each case — a file, or a folder of files read together — is validated on its own.
      const got: string[] = [];
      for (const entry of readdirSync(dir).filter((f) => !f.endsWith('.json'))) {
        const { result } = await validate({ ...shared, paths: [join(dir, entry)] });
        got.push(...result.diagnostics.map((d) => `${relative(dir, join(ROOT, d.file))} ${d.row} ${d.rule}`));
      }
      got.sort();
      expect(got).toEqual(want);
      expect(
        want.some((w) => w.endsWith(` ${id}`)),
        'the rule fires somewhere',
      ).toBe(true);
    });
    const resolveFile = join(dir, 'resolve.json');
    if (existsSync(resolveFile)) {
      it('resolves each case to the unit of resolve.json', async () => {
        const want = JSON.parse(readFileSync(resolveFile, 'utf8')) as Record<string, string | null>;
        const got: Record<string, string | null> = {};
        for (const file of Object.keys(want)) {
          const { result } = await validate({ ...shared, paths: [join(dir, file)] });
          got[file] = result.files.at(0)?.unit?.code ?? null;
        }
        expect(got).toEqual(want);
      });
    }
    return;
  }
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  it.each(cases)('%s', async (file) => {
    const { result } = await validate({ ...shared, paths: [join(dir, file)] });
    const got = result.diagnostics.map((d) => `${d.row} ${d.rule}`).sort();
    expect(got).toEqual(expectedFromColumn(join(dir, file)));
  });
  it('fires in one case and not in another', () => {
    const all = cases.map((f) => expectedFromColumn(join(dir, f)));
    expect(all.some((e) => e.some((x) => x.endsWith(` ${id}`)))).toBe(true);
    expect(all.some((e) => !e.some((x) => x.endsWith(` ${id}`)))).toBe(true);
  });
});
