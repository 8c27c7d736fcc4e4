// The pipeline's direction, enforced (ARCHITECTURE.md): each folder of src/ imports only from itself,
// the domain and the stages it consumes — read → normalise → check → classify → aggregate → write — so
// a rule never reaches into a reader, and a reader never into what comes after it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** The layer of a module of src/: its folder, or for a top-level module the domain or the app. */
function layerOf(path: string): string {
  if (path.includes('/')) return path.slice(0, path.indexOf('/'));
  return ['types.ts', 'errors.ts', 'config.ts'].includes(path) ? 'domain' : 'app';
}

/**
 * What each layer may import besides itself: the stages after the ones they consume, never before.
 * The app (the library's entry points, the command line, the executable) may import anything.
 */
export const MAY_IMPORT: Record<string, string[]> = {
  domain: [],
  zip: [],
  read: ['domain', 'zip'],
  normalise: ['domain', 'read'],
  rules: ['domain', 'normalise'],
  check: ['domain', 'rules'],
  classify: ['domain', 'normalise'],
  aggregate: ['domain', 'normalise', 'classify'],
  report: ['domain', 'rules', 'check', 'classify', 'aggregate'],
  write: ['domain', 'zip', 'normalise', 'rules', 'classify', 'aggregate'],
};

/** Crossings by design, each with its reason: type-only, no code runs across them. */
const BY_DESIGN: Record<string, string> = {
  'types.ts -> rules/index.ts': 'RuleId is the ids of the registry: listing a rule there makes its id',
};

/**
 * Crossings not yet undone, each with its reason; the test fails when one is added, and when one
 * listed here is gone (so the list only shrinks).
 */
const KNOWN: Record<string, string> = {};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `from -> to` for every relative import (static or dynamic, types included) its layer may not make. */
export function crossings(sources: { path: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { path, text } of sources) {
    for (const [, spec = ''] of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(SRC, resolve(SRC, dirname(path), spec))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '.ts');
      const from = layerOf(path);
      const to = layerOf(target);
      if (from === 'app') continue;
      const allowed = MAY_IMPORT[from];
      if (!allowed) throw new Error(`${path}: no layer ${from} in MAY_IMPORT`);
      if (to !== from && !allowed.includes(to)) out.push(`${path} -> ${target}`);
    }
  }
  return [...new Set(out)].sort();
}

const sources = files(SRC).map((abs) => ({ path: relative(SRC, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') }));

describe('the direction of imports', () => {
  it('puts every module of src/ in a layer it knows', () => {
    for (const { path } of sources) expect(Object.keys(MAY_IMPORT).concat('app'), path).toContain(layerOf(path));
  });

  it('has no import its layer may not make (none left to undo; the by-design type crossings aside)', () => {
    expect(crossings(sources)).toEqual([...Object.keys(KNOWN), ...Object.keys(BY_DESIGN)].sort());
  });

  it('fails when a rule imports from read/ (a test of the test)', () => {
    const rule = { path: 'rules/owner-unknown.ts', text: "import { readRoster } from '../read/registers.js';" };
    expect(crossings([rule])).toEqual(['rules/owner-unknown.ts -> read/registers.ts']);
    const fine = {
      path: 'rules/owner-unknown.ts',
      text: "import { cadresOf } from '../domain/roster.js';\nimport type { Task } from '../types.js';",
    };
    expect(crossings([fine])).toEqual([]);
  });
});
