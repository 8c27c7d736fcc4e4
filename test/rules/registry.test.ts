// Keeps the catalog honest: every rule file is registered, in SPEC order, tested, and worded in both languages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, ruleById } from '../../src/rules/index.js';
import type { RuleId } from '../../src/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const rulesDir = join(root, 'src', 'rules');

/**
 * SPEC §4, in its order. A rule of the table not yet built is listed in PENDING: it is then in the
 * table and not in the registry, and the registry's order is checked over the rules it has.
 */
const PENDING: string[] = [];
const SPEC_ORDER = [
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
  'overdue',
  'at-risk',
  'progress-regressed',
  'report-stale',
  'update-unknown-task',
  'task-dropped',
  ...PENDING,
];

/** The messageIds the readers and the unit resolver put in `Register.problems`: the contract with them. */
const READER_MESSAGES: Partial<Record<RuleId, string[]>> = {
  'legacy-encoding': ['default'],
  'file-unreadable': ['default', 'xls', 'ods', 'encrypted', 'empty', 'tooLarge', 'corrupt', 'csv'],
  'header-missing': ['default', 'column', 'progress'],
  'unit-unknown': ['default', 'notInUnits', 'ambiguous'],
  'progress-regressed': ['default'],
  'update-unknown-task': ['default', 'date'],
};

const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'rule.ts' && f !== 'index.ts')
  .map((f) => basename(f, '.ts'));

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();

describe('the rule registry', () => {
  it('registers every rule file, once, under the id of its file name', async () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
    for (const file of ruleFiles) {
      const mod = (await import(join(rulesDir, `${file}.ts`))) as { default: unknown };
      expect(mod.default, file).toBe(ruleById(file));
    }
  });

  it('lists the rules in the order of SPEC §4', () => {
    const ids: string[] = RULES.map((r) => r.meta.id);
    expect(ids).toEqual(SPEC_ORDER.filter((id) => ids.includes(id)));
  });

  const specPath = join(root, 'docs', 'SPEC.md');
  it('knows the rules of the SPEC §4 table, in its order', () => {
    const spec = readFileSync(specPath, 'utf8');
    const section = spec.slice(spec.indexOf('## 4. Rules'), spec.indexOf('## 5.'));
    const table = [...section.matchAll(/^\| `([a-z-]+)` \| (error|warning|off) \|/gm)];
    expect(table.map((m) => m[1])).toEqual(SPEC_ORDER);
    for (const [, id, severity] of table) {
      const rule = ruleById(id);
      if (rule) expect(rule.meta.severity, id).toBe(severity);
    }
  });

  it('has every rule of the table but the pending ones, and none of those yet', () => {
    const ids: string[] = RULES.map((r) => r.meta.id);
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
    const used = [...source.matchAll(/messageId\s*[:=]\s*([^,;\n}]+)/g)].flatMap((m) => [...m[1].matchAll(/'(\w+)'/g)].map((q) => q[1]));
    for (const messageId of used) expect(meta.messages, `${id}: messageId '${messageId}'`).toHaveProperty(messageId);
  });
});

describe.each(Object.entries(READER_MESSAGES))('%s, reporting what the readers found', (id, messageIds) => {
  it('has a message for every messageId the readers use', () => {
    for (const messageId of messageIds) expect(ruleById(id)?.meta.messages, messageId).toHaveProperty(messageId);
  });
});
