import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/owner-missing.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('owner-missing', () => {
  it('fires when nobody is named', () => {
    const task = makeTask({ owner: null, owners: [] });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'owner' } }]);
  });

  it('is silent when one cadre is named', () => {
    expect(runRule(rule, makeTask({ owner: 'Đ/c Lê Thị Hà', owners: ['Lê Thị Hà'] }))).toEqual([]);
  });
});
