// What a folder given on the command line expands to.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../../src/read/paths.js';

describe('expandPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-paths-'));
  for (const f of [
    'a.csv',
    'b.checked.xlsx',
    '~$lock.xlsx',
    '.hidden.csv',
    'units.csv',
    'notes.docx',
    'sub/c.xlsx',
    'tiendo-ket-qua/a.checked.xlsx',
    'Tiendo-Ket-Qua/x.csv',
  ]) {
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

describe('expandPaths with patterns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-glob-'));
  for (const f of [
    'luc-nam/a.csv',
    'luc-nam/b.xlsx',
    'lang-giang/c.csv',
    'lang-giang/~$c.xlsx',
    'lang-giang/.d.csv',
    'hiep-hoa/e.csv',
    'tiendo-ket-qua/f.csv',
    'units.csv',
  ]) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  const rel = (paths: string[]) => paths.map((p) => relative(dir, p).split('\\').join('/'));

  it('takes *, **, ?, [...] and {a,b}, as a folder walk would pass over lock, hidden and units files', () => {
    expect(rel(expandPaths(['**/*.csv'], dir))).toEqual(['hiep-hoa/e.csv', 'lang-giang/c.csv', 'luc-nam/a.csv']);
    expect(rel(expandPaths(['{luc-nam,hiep-hoa}/*'], dir))).toEqual(['hiep-hoa/e.csv', 'luc-nam/a.csv', 'luc-nam/b.xlsx']);
    expect(rel(expandPaths(['luc-nam/[ab].*'], dir))).toEqual(['luc-nam/a.csv', 'luc-nam/b.xlsx']);
    expect(rel(expandPaths(['lang-giang/?.csv'], dir))).toEqual(['lang-giang/c.csv']);
  });

  it('takes an absolute pattern too', () => {
    expect(rel(expandPaths([`${dir}/luc-nam/*.csv`]))).toEqual(['luc-nam/a.csv']);
  });

  it('says so when nothing matches', () => {
    expect(() => expandPaths(['**/*.ods'], dir)).toThrow('Không có tệp nào khớp với **/*.ods');
  });
});
