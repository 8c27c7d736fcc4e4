// Meta-test: the README's rule table lists every registered rule with its default severity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(RULES.map((r) => [r.meta.id, r.meta.severity]))('lists %s as %s', (id, severity) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\| ${severity} \\|`, 'm'));
  });
  it('opens with the install and test commands', () => {
    const head = readme.slice(0, 300);
    expect(head).toContain('npm ci');
    expect(head).toContain('npm test');
  });
});
