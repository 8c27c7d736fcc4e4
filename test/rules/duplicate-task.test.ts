import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/duplicate-task.js';
import { ALL_COLUMNS, makeRegister, makeTask, runRule } from '../helpers/make.js';

describe('duplicate-task', () => {
  it('counts the first row and reports each later one at its id cell', () => {
    const tasks = [
      makeTask({ id: 'VK-01', row: 8 }),
      makeTask({ id: 'VK-02', row: 9 }),
      makeTask({ id: 'VK-01', row: 12 }),
      makeTask({ id: 'VK-01', row: 15 }),
    ];
    const register = makeRegister({ tasks });
    const reports = runRule(rule, register);
    expect(reports.map((r) => r.at)).toEqual([
      { register, sheet: 'Danh mục', row: 12, column: 'B', taskId: 'VK-01' },
      { register, sheet: 'Danh mục', row: 15, column: 'B', taskId: 'VK-01' },
    ]);
    expect(reports.map((r) => r.data)).toEqual([
      { id: 'VK-01', firstRow: 8 },
      { id: 'VK-01', firstRow: 8 },
    ]);
  });

  it('points at the STT cell when the register has no id column', () => {
    const { id: _id, ...columns } = ALL_COLUMNS;
    const register = makeRegister({
      columns,
      tasks: [makeTask({ id: '07651-3', row: 10 }), makeTask({ id: '07651-3', row: 11 })],
    });
    const [r] = runRule(rule, register);
    expect(r?.at).toMatchObject({ row: 11, column: 'A' });
  });

  it('is silent when every id is different', () => {
    const register = makeRegister({ tasks: [makeTask({ id: '07651-1' }), makeTask({ id: '07651-10' }), makeTask({ id: '07651-11' })] });
    expect(runRule(rule, register)).toEqual([]);
  });
});
