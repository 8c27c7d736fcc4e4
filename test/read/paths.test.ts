// What a folder given on the command line expands to.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../../src/read/paths.js';

describe('expandPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-paths-'));
  for (const f of ['a.csv', 'b.checked.xlsx', '~$lock.xlsx', '.hidden.csv', 'units.csv', 'notes.docx', 'sub/c.xlsx', 'tiendo-ket-qua/a.checked.xlsx', 'Tiendo-Ket-Qua/x.csv']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  const found = expandPaths([dir]).map((p) => relative(dir, p).split('\\').join('/'));

  it('reads annotated copies sent back as registers, and sub-folders', () => {
    expect(found).toEqual(['a.csv', 'b.checked.xlsx', 'sub/c.xlsx']);
  });

  it('never enters the monthly job’s results folder, tiendo-ket-qua, in any case', () => {
    expect(found.some((p) => p.toLowerCase().startsWith('tiendo-ket-qua/'))).toBe(false);
  });
});
