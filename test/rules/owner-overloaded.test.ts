import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/owner-overloaded.js';
import type { Status, Task } from '../../src/types.js';
import { makeCtx, makeRegister, makeTask, makeUnit, runRule } from '../helpers/make.js';

const tasks = (n: number, owner: string, prefix: string, status: Status = 'in_progress'): Task[] =>
  Array.from({ length: n }, (_, i) => makeTask({ id: `${prefix}-${i + 1}`, row: 8 + i, owners: [owner], owner, status }));

const yenSon = makeUnit();

describe('owner-overloaded', () => {
  it('warns once, at the owner cell of the first task over the limit', () => {
    const first = tasks(5, 'Nguyễn Văn An', 'a');
    // the same person with an honorific: one name key
    const second = tasks(4, 'đ/c Nguyễn Văn An', 'b');
    const reports = runRule(rule, [makeRegister({ unit: yenSon, tasks: [...first, ...second] })], makeCtx());
    expect(reports).toHaveLength(1);
    expect(reports[0]?.at).toEqual({ task: second[2], column: 'owner' });
    expect(reports[0]?.data).toEqual({ owner: 'Nguyễn Văn An', count: 9, limit: 7 });
  });

  it('does not count a unit that has two registers (unit-duplicate: neither is counted)', () => {
    const r1 = makeRegister({ unit: yenSon, tasks: tasks(5, 'Nguyễn Văn An', 'a') });
    const r2 = makeRegister({ unit: makeUnit(), displayPath: 'yen-son (1).xlsx', tasks: tasks(5, 'Nguyễn Văn An', 'a') });
    expect(runRule(rule, [r1, r2], makeCtx())).toEqual([]);
  });

  it('counts a task with two owners for each of them', () => {
    const shared = tasks(8, 'Nguyễn Văn An', 'a').map((t) => ({ ...t, owners: ['Nguyễn Văn An', 'Lê Thị Hà'] }));
    const reports = runRule(rule, [makeRegister({ unit: yenSon, tasks: shared })], makeCtx());
    expect(reports.map((r) => r.data?.owner)).toEqual(['Nguyễn Văn An', 'Lê Thị Hà']);
  });

  it('follows the threshold from the configuration', () => {
    const register = makeRegister({ unit: yenSon, tasks: tasks(3, 'Lê Thị Hà', 'a') });
    const reports = runRule(rule, [register], makeCtx({ thresholds: { maxOpenTasksPerOwner: 2, atRiskDays: 30, atRiskGap: 30 } }));
    expect(reports.map((r) => r.data)).toEqual([{ owner: 'Lê Thị Hà', count: 3, limit: 2 }]);
  });

  it('is silent at the limit, and counts neither finished tasks nor other units', () => {
    const atLimit = makeRegister({
      unit: yenSon,
      tasks: [...tasks(7, 'Nguyễn Văn An', 'a'), ...tasks(3, 'Nguyễn Văn An', 'd', 'done'), ...tasks(2, 'Nguyễn Văn An', 'c', 'cancelled')],
    });
    const elsewhere = makeRegister({ unit: makeUnit({ code: '07654', name: 'Xã Tiên Hưng' }), tasks: tasks(5, 'Nguyễn Văn An', 'x') });
    expect(runRule(rule, [atLimit, elsewhere], makeCtx())).toEqual([]);
  });

  it('counts a register of unknown unit on its own', () => {
    const a = makeRegister({ displayPath: 'a.csv', tasks: tasks(4, 'Nguyễn Văn An', 'a') });
    const b = makeRegister({ displayPath: 'b.csv', tasks: tasks(4, 'Nguyễn Văn An', 'b') });
    expect(runRule(rule, [a, b], makeCtx())).toEqual([]);
    const c = makeRegister({ displayPath: 'c.csv', tasks: tasks(8, 'Nguyễn Văn An', 'c') });
    expect(runRule(rule, [c], makeCtx())).toHaveLength(1);
  });

  it('leaves out repeated ids and tasks assigned after the as-of date', () => {
    const repeated = tasks(8, 'Nguyễn Văn An', 'a').map((t, i) => (i === 7 ? { ...t, id: 'a-1' } : t));
    expect(runRule(rule, [makeRegister({ unit: yenSon, tasks: repeated })], makeCtx())).toEqual([]);
    const later = tasks(8, 'Nguyễn Văn An', 'a').map((t, i) =>
      i === 7 ? { ...t, assigned: { kind: 'date' as const, date: '2024-10-05' } } : t,
    );
    expect(runRule(rule, [makeRegister({ unit: yenSon, tasks: later })], makeCtx())).toEqual([]);
  });
});
