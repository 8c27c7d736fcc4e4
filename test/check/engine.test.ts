import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Report, Rule, RuleContext } from '../../src/rules/rule.js';
import { makeRegister, makeTask } from '../helpers/make.js';

const ctx: RuleContext = { asOf: '2024-09-30', units: null, roster: null, thresholds: DEFAULT_CONFIG.thresholds };

function fakeRule(at: (r: ReturnType<typeof makeRegister>) => Report['at']): Rule {
  return {
    meta: { id: 'title-missing', severity: 'error', description: { vi: 'x', en: 'x' }, messages: { default: { vi: 'lỗi', en: 'error' } } },
    scope: 'register',
    check(register, _ctx, report) {
      report({ at: at(register) });
    },
  };
}

describe('the engine', () => {
  const task = makeTask({ row: 5, columns: { title: 'B', owner: 'C' } });
  const register = makeRegister({
    tasks: [task],
    workbook: { kind: 'xlsx', sheets: [{ name: 'Danh mục', rows: [], rowCount: 10, columnCount: 6 }] },
  });

  it("locates a task diagnostic at the column letter of its key, or the row's first cell", () => {
    const rule: Rule = {
      ...fakeRule(() => ({ task })),
      scope: 'task',
      check: (t, _c, report) => {
        report({ at: { task: t, column: 'owner' } });
        report({ at: { task: t } });
      },
    };
    const ds = check([register], ctx, DEFAULT_CONFIG, 'vi', [rule]);
    expect(ds.map((d) => [d.row, d.column])).toEqual([
      [5, 'B'],
      [5, 'C'],
    ]);
  });
  it('throws, naming the rule, when a rule reports a row outside the sheet', () => {
    expect(() => check([register], ctx, DEFAULT_CONFIG, 'vi', [fakeRule((r) => ({ register: r, row: 9999 }))])).toThrow(
      /title-missing.*9999/,
    );
  });
  it('throws when a rule reports something that is not a column letter', () => {
    expect(() => check([register], ctx, DEFAULT_CONFIG, 'vi', [fakeRule((r) => ({ register: r, row: 5, column: 'owner' }))])).toThrow(
      /title-missing.*column/,
    );
  });
  it('takes the severity from the config, and skips a rule turned off', () => {
    const rule = fakeRule((r) => ({ register: r }));
    expect(check([register], ctx, { ...DEFAULT_CONFIG, severities: { 'title-missing': 'warning' } }, 'vi', [rule])[0]?.severity).toBe(
      'warning',
    );
    expect(check([register], ctx, { ...DEFAULT_CONFIG, severities: { 'title-missing': 'off' } }, 'vi', [rule])).toEqual([]);
  });
});
