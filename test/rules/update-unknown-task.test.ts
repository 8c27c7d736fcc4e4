import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../../src/normalise/progress.js';
import rule from '../../src/rules/update-unknown-task.js';
import type { ProgressUpdate } from '../../src/types.js';
import { makeRegister, makeTask, makeUnit, runRule } from '../helpers/make.js';

function update(o: Partial<ProgressUpdate>): ProgressUpdate {
  return {
    file: 'yen-son.xlsx',
    sheet: 'Tiến độ',
    row: 2,
    unitCode: '07651',
    taskId: 'VK-01',
    taskNo: null,
    refColumn: 'A',
    date: '2024-09-15',
    dateText: '15/09/2024',
    dateColumn: 'B',
    cells: { progress: { cell: { text: '60', number: 60 }, column: 'C' } },
    ...o,
  };
}

describe('update-unknown-task', () => {
  const task = makeTask({ id: 'VK-01', no: '1', text: { id: 'VK-01', no: '1', status: 'Đang thực hiện' } });

  it('fires at the update that names no task of its unit, and at one with no readable day', () => {
    const register = makeRegister({
      unit: makeUnit(),
      tasks: [task],
      updates: [update({ row: 3, taskId: 'VK-09' }), update({ row: 4, date: null, dateText: 'hôm qua' })],
    });
    applyUpdates([register], [register], '2024-09-30');
    const reports = runRule(rule, register);
    expect(reports).toEqual([
      {
        at: { register, sheet: 'Tiến độ', row: 3, column: 'A', taskId: null },
        messageId: 'default',
        data: { ref: 'VK-09', unit: '07651' },
      },
      { at: { register, sheet: 'Tiến độ', row: 4, column: 'B', taskId: null }, messageId: 'date', data: { ref: 'VK-01', text: 'hôm qua' } },
    ]);
  });

  it('is silent for an update naming the task by its id, or by its STT', () => {
    const register = makeRegister({ unit: makeUnit(), tasks: [task], updates: [update({}), update({ row: 3, taskId: '1' })] });
    applyUpdates([register], [register], '2024-09-30');
    expect(runRule(rule, register)).toEqual([]);
    expect(task.progress).toEqual({ kind: 'number', value: 60 });
    expect(task.at?.progress).toEqual({ file: 'yen-son.xlsx', sheet: 'Tiến độ', row: 3, column: 'C' });
  });
});
