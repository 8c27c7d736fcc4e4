import { describe, expect, it } from 'vitest';
import { applyUpdates } from '../../src/normalise/progress.js';
import rule, { checkAgainstPrevious } from '../../src/rules/progress-regressed.js';
import type { ProgressUpdate } from '../../src/types.js';
import { makeRegister, makeTask, makeUnit, runRule } from '../helpers/make.js';

const at = (row: number, date: string, progress: number): ProgressUpdate => ({
  file: 'yen-son.xlsx',
  sheet: 'Tiến độ',
  row,
  unitCode: '07651',
  taskId: 'VK-01',
  taskNo: null,
  refColumn: 'A',
  date,
  dateText: date,
  dateColumn: 'B',
  cells: { progress: { cell: { text: String(progress), number: progress }, column: 'C' } },
});

function run(updates: ProgressUpdate[], registerProgress = 50) {
  const task = makeTask({ id: 'VK-01', progress: { kind: 'number', value: registerProgress } });
  const register = makeRegister({ unit: makeUnit(), tasks: [task], updates });
  applyUpdates([register], [register], '2024-09-30');
  return { task, register, reports: runRule(rule, register) };
}

describe('progress-regressed', () => {
  it('fires at an update lower than the one applied before it, in date order whatever the row order', () => {
    const { register, reports, task } = run([at(3, '2024-09-15', 60), at(2, '2024-08-31', 70)]);
    expect(reports).toEqual([
      {
        at: { register, sheet: 'Tiến độ', row: 3, column: 'C', taskId: 'VK-01' },
        messageId: 'default',
        data: { before: 70, after: 60, date: '15/09/2024' },
      },
    ]);
    expect(task.progress).toEqual({ kind: 'number', value: 60 });
    expect(task.updatedOn).toBe('2024-09-15');
  });

  it('fires at a first update lower than the register’s own value', () => {
    expect(run([at(2, '2024-09-15', 40)]).reports).toHaveLength(1);
  });

  it('is silent for rises, equal figures, and updates after the as-of date (not applied)', () => {
    const { reports, task } = run([at(2, '2024-08-31', 50), at(3, '2024-09-15', 80), at(4, '2024-10-05', 10)]);
    expect(reports).toEqual([]);
    expect(task.progress).toEqual({ kind: 'number', value: 80 });
  });

  it('with --compare, fires at a progress lower than the same task’s in the previous registers, and only then', () => {
    const lower = makeTask({ progress: { kind: 'number', value: 30 }, previousProgress: { value: 40, asOf: '2024-08-31' } });
    const register = makeRegister({
      tasks: [
        lower,
        makeTask({ progress: { kind: 'number', value: 50 }, previousProgress: { value: 40, asOf: '2024-08-31' } }),
        makeTask(),
      ],
    });
    expect(runRule({ ...rule, check: checkAgainstPrevious }, register)).toEqual([
      { at: { task: lower, column: 'progress' }, messageId: 'previous', data: { before: 40, after: 30, date: '31/08/2024' } },
    ]);
  });
});
