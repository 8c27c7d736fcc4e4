import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/owner-multiple.js';
import { makeTask, runRule } from '../helpers/make.js';

describe('owner-multiple', () => {
  it('fires when two people are responsible, naming them', () => {
    const task = makeTask({ owner: 'Nguyễn Văn An và Lê Thị Hà', owners: ['Nguyễn Văn An', 'Lê Thị Hà'] });
    expect(runRule(rule, task)).toEqual([{ at: { task, column: 'owner' }, data: { owners: 'Nguyễn Văn An, Lê Thị Hà' } }]);
  });

  it('is silent for one person with a position', () => {
    expect(runRule(rule, makeTask({ owner: 'Nguyễn Văn An - Chủ tịch UBND xã', owners: ['Nguyễn Văn An'] }))).toEqual([]);
  });
});
