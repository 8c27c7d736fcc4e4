// Meta-test: the README's rule table lists every registered rule with its default severity.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { rulesMarkdown } from '../src/report/rules.js';
import { at } from './helpers/at.js';
import { tiendo } from './helpers/cli.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(RULES.map((r) => [r.meta.id, r.meta.severity]))('lists %s as %s', (id, severity) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\| ${severity} \\|`, 'm'));
  });
  it('has the rule table `tiendo rules --format md` prints, exactly', () => {
    expect(readme).toContain(rulesMarkdown(RULES));
  });
  it('opens with the install and test commands', () => {
    const head = readme.slice(0, 300);
    expect(head).toContain('npm ci');
    expect(head).toContain('npm test');
  });
});

describe("the README's first run", () => {
  // Each `$ npx tiendo …` of a console block, its printed output, and the `echo $?` after it.
  const runs = [...readme.matchAll(/^\$ npx tiendo (.+)\n([\s\S]*?)^\$ echo \$\?\n(\d)\n/gm)].map(([, args = '', output = '', status]) => ({
    args: args.split(' '),
    output,
    status: Number(status),
  }));

  it('has the runs', () => expect(runs.length).toBeGreaterThanOrEqual(2));
  it.each(runs.map((r) => [r.args.join(' '), r] as const))('works as printed: tiendo %s', (_, run) => {
    const repo = fileURLToPath(new URL('..', import.meta.url));
    const out = run.args.includes('--out') ? join(repo, at(run.args, run.args.indexOf('--out') + 1, 'folder after --out')) : null;
    try {
      const r = tiendo(run.args, { cwd: repo });
      expect(r.stdout).toBe(run.output);
      expect(r.status).toBe(run.status);
    } finally {
      if (out) rmSync(out, { recursive: true, force: true });
    }
  });
});
