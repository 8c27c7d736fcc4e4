// What a cell displays, carried to the task only where it is another number than the value read
// (SPEC §2.3): messages then quote both.
import { describe, expect, it } from 'vitest';
import { normaliseRegister } from '../../src/normalise/register.js';
import type { Cell, RawWorkbook } from '../../src/types.js';

const HEADER = ['STT', 'Nội dung công việc', 'Người chịu trách nhiệm', 'Thời hạn hoàn thành', 'Tiến độ (%)'];

function register(progress: Cell, deadline: Cell = { text: '31/12/2024' }) {
  const workbook: RawWorkbook = {
    kind: 'xlsx',
    sheets: [
      {
        name: 'Danh mục',
        rowCount: 2,
        columnCount: 5,
        rows: [
          { number: 1, cells: HEADER.map((text) => ({ text })) },
          { number: 2, cells: [{ text: '1', number: 1 }, { text: 'Việc một' }, { text: 'Nguyễn Văn An' }, deadline, progress] },
        ],
      },
    ],
  };
  return normaliseRegister({
    path: 'x.xlsx',
    displayPath: 'x.xlsx',
    read: { ok: true, kind: 'xlsx', workbook, problems: [] },
    resolver: null,
    unitOption: null,
  });
}

describe('the displayed text of a task cell', () => {
  it('is kept where it shows another number than the value read', () => {
    // 1.234 in 0%: read as 123.4, shown as 123%
    const t = register({ text: '1.234', number: 1.234, percent: true, shown: '123%' }).tasks[0]!;
    expect(t.progress).toEqual({ kind: 'number', value: 123.4 });
    expect(t.shown).toEqual({ progress: '123%' });
  });
  it('is left out where it shows the value read (45,5% for 0.455 in 0.0%, 44,5% for 44.5 in 0.0"%")', () => {
    expect(register({ text: '0.455', number: 0.455, percent: true, shown: '45,5%' }).tasks[0]!.shown).toBeUndefined();
    expect(register({ text: '44.5', number: 44.5, shown: '44,5%' }).tasks[0]!.shown).toBeUndefined();
  });
  it('is kept for a number in a date column whose format shows words', () => {
    const t = register({ text: '50', number: 50 }, { text: '45565', number: 45565, shown: 'Ngày 45565' }).tasks[0]!;
    expect(t.deadline.kind).toBe('invalid');
    expect(t.shown).toEqual({ deadline: 'Ngày 45565' });
  });
});
