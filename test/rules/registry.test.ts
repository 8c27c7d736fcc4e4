// Keeps the catalog honest: every rule file is registered (by the generated catalog), in the order of
// SPEC §4's table and only its rules, tested, and worded in both languages.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES, ruleById } from '../../src/rules/index.js';
import type { RuleId } from '../../src/types.js';
import { catalogSource, TABLE_START, TABLE_END, ruleFiles as genRuleFiles, withRulesTable } from '../../scripts/rules-catalog.js';
import { specRules } from '../../scripts/spec-rules.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const rulesDir = join(root, 'src', 'rules');

/** SPEC §4's table, the contract: the registry (generated from the rule files) must follow it. */
const SPEC = specRules();
/**
 * Rules of the table not yet built: each is then in the table and not in the registry, and the
 * registry's order is checked over the rules it has.
 */
const PENDING: string[] = [];
const SPEC_ORDER = SPEC.map((r) => r.id);

/** The messageIds the readers and the unit resolver put in `Register.problems`: the contract with them. */
const READER_MESSAGES: Partial<Record<RuleId, string[]>> = {
  'legacy-encoding': ['default'],
  'file-unreadable': ['default', 'xls', 'ods', 'encrypted', 'empty', 'tooLarge', 'corrupt', 'csv'],
  'header-missing': ['default', 'column', 'progress'],
  'unit-unknown': ['default', 'notInUnits', 'ambiguous'],
  'progress-regressed': ['default'],
  'update-unknown-task': ['default', 'date'],
};

// A rule file default-exports its rule; rule.ts, index.ts and the generated catalog.ts do not.
const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'catalog.ts' && /^export default /m.test(readFileSync(join(rulesDir, f), 'utf8')))
  .map((f) => basename(f, '.ts'));
const regenerate = 'src/rules/catalog.ts is out of date: run npm run gen (or npm run build)';

const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(([, name = '']) => name))].sort();

describe('the rule registry', () => {
  it('registers every rule file, once, under the id of its file name', async () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort(), regenerate).toEqual([...ruleFiles].sort());
    for (const file of ruleFiles) {
      const mod = (await import(join(rulesDir, `${file}.ts`))) as { default: unknown };
      expect(mod.default, file).toBe(ruleById(file));
    }
  });

  it('has only rules of the SPEC §4 table', () => {
    for (const rule of RULES) {
      expect(SPEC_ORDER, `add \`${rule.meta.id}\` to the rules table of docs/SPEC.md §4 (the contract), in its place`).toContain(
        rule.meta.id,
      );
    }
  });

  it('lists the rules in the order of SPEC §4', () => {
    // over the rules the spec lists: one it lacks fails the test above, which says so
    const ids: string[] = RULES.map((r) => r.meta.id).filter((id) => SPEC_ORDER.includes(id));
    expect(ids, regenerate).toEqual(SPEC_ORDER.filter((id) => ids.includes(id)));
  });

  it('has the default severities of the SPEC §4 table', () => {
    for (const { id, severity } of SPEC) {
      const rule = ruleById(id);
      if (rule) expect(rule.meta.severity, id).toBe(severity);
    }
  });

  it('has every rule of the table but the pending ones, and none of those yet', () => {
    const ids: string[] = RULES.map((r) => r.meta.id).filter((id) => SPEC_ORDER.includes(id));
    expect(ids).toEqual(SPEC_ORDER.filter((id) => !PENDING.includes(id) || ids.includes(id)));
    // When a pending rule lands, take it out of PENDING: this keeps the list honest.
    for (const id of PENDING) expect(ids, `${id} is registered: remove it from PENDING`).not.toContain(id);
  });

  it('finds each rule by id, and nothing for an unknown id', () => {
    for (const rule of RULES) expect(ruleById(rule.meta.id)).toBe(rule);
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  it('has a test for every rule', () => {
    for (const id of ruleFiles) expect(existsSync(join(here, `${id}.test.ts`)), `test/rules/${id}.test.ts`).toBe(true);
  });

  it('is generated from the rule files, as the generator writes it now', () => {
    expect(readFileSync(join(rulesDir, 'catalog.ts'), 'utf8'), regenerate).toBe(catalogSource(genRuleFiles()));
  });
});

describe('the registry generator (scripts/gen-rules.js, scripts/rules-catalog.js)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-rules-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const ruleText = (id: string) => `import { taskRule } from './rule.js';\nexport default taskRule({ meta: { id: '${id}' } });\n`;
  const spec = [
    { id: 'b-rule', severity: 'error' },
    { id: 'a-rule', severity: 'warning' },
  ];

  it('takes the files that default-export a rule, in the order of the spec, the others after it alphabetically', () => {
    const dir = folder({
      'a-rule.ts': ruleText('a-rule'),
      'b-rule.ts': ruleText('b-rule'),
      'z-new.ts': ruleText('z-new'),
      'c-new.ts': ruleText('c-new'),
      'helpers.ts': 'export const x = 1;\n',
      'rule.ts': 'export type Rule = unknown;\n',
      'catalog.ts': 'export default 1;\n',
    });
    expect(genRuleFiles(dir, spec)).toEqual(['b-rule', 'a-rule', 'c-new', 'z-new']);
  });

  it('refuses a rule whose id is not its file name', () => {
    const dir = folder({ 'a-rule.ts': ruleText('a-rul') });
    expect(() => genRuleFiles(dir, spec)).toThrow("src/rules/a-rule.ts: its rule's meta.id must be 'a-rule'");
  });

  it('writes one import and one catalog entry a rule', () => {
    const text = catalogSource(['b-rule', 'a-rule']);
    expect(text).toContain("import bRule from './b-rule.js';\nimport aRule from './a-rule.js';");
    expect(text).toContain('export const CATALOG = [\n  bRule,\n  aRule,\n] as const;');
  });

  it("replaces a page's rule table between its markers, and fails without them", () => {
    const readme = `# x\n\n${TABLE_START}\n| old |\n${TABLE_END}\n\nafter\n`;
    expect(withRulesTable(readme, '| new |\n')).toBe(`# x\n\n${TABLE_START}\n| new |\n${TABLE_END}\n\nafter\n`);
    expect(() => withRulesTable('# x\n', '| new |\n')).toThrow('markers');
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  const { meta } = rule;

  it('has a default severity, a scope and a description in both languages', () => {
    expect(['error', 'warning']).toContain(meta.severity);
    expect(['task', 'register', 'run']).toContain(rule.scope);
    expect(meta.description.vi.trim()).not.toBe('');
    expect(meta.description.en.trim()).not.toBe('');
  });

  it('words every message in Vietnamese and English, with the same placeholders', () => {
    expect(meta.messages.default).toBeDefined();
    for (const [messageId, message] of Object.entries(meta.messages)) {
      expect(message.vi.trim(), `${id}/${messageId} vi`).not.toBe('');
      expect(message.en.trim(), `${id}/${messageId} en`).not.toBe('');
      expect(placeholders(message.vi), `${id}/${messageId}`).toEqual(placeholders(message.en));
      // a stray brace would print as is
      for (const text of [message.vi, message.en]) {
        expect(text.replace(/\{\{\s*\w+\s*\}\}/g, ''), `${id}/${messageId}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('has a message for every messageId written in its source', () => {
    const source = readFileSync(join(rulesDir, `${id}.ts`), 'utf8');
    const used = [...source.matchAll(/messageId\s*[:=]\s*([^,;\n}]+)/g)].flatMap(([, value = '']) =>
      [...value.matchAll(/'(\w+)'/g)].map(([, messageId = '']) => messageId),
    );
    for (const messageId of used) expect(meta.messages, `${id}: messageId '${messageId}'`).toHaveProperty(messageId);
  });
});

describe.each(Object.entries(READER_MESSAGES))('%s, reporting what the readers found', (id, messageIds) => {
  it('has a message for every messageId the readers use', () => {
    for (const messageId of messageIds) expect(ruleById(id)?.meta.messages, messageId).toHaveProperty(messageId);
  });
});
