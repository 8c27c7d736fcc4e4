import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unit-duplicate.js';
import { makeRegister, makeUnit, runRule } from '../helpers/make.js';

describe('unit-duplicate', () => {
  const yenSon = makeUnit();
  const a = makeRegister({ path: '/in/yen-son.xlsx', displayPath: 'yen-son.xlsx', unit: yenSon });
  const b = makeRegister({ path: '/in/07651_thang3.csv', displayPath: '07651_thang3.csv', unit: yenSon });
  const c = makeRegister({ path: '/in/moi/yen-son (1).xlsx', displayPath: 'moi/yen-son (1).xlsx', unit: yenSon });
  const other = makeRegister({
    path: '/in/tien-hung.xlsx',
    displayPath: 'tien-hung.xlsx',
    unit: makeUnit({ code: '07654', name: 'Xã Tiên Hưng' }),
  });

  it('is an error for each register of the unit, naming the other files', () => {
    const reports = runRule(rule, [a, other, b, c]);
    expect(reports.map((r) => r.at)).toEqual(
      [a, b, c].map((register) => ({ register, sheet: null, row: null, column: null, taskId: null })),
    );
    expect(reports[0]?.data).toEqual({ unit: '07651', name: 'Xã Yên Sơn', files: '07651_thang3.csv, moi/yen-son (1).xlsx' });
    expect(reports[1]?.data?.files).toBe('yen-son.xlsx, moi/yen-son (1).xlsx');
  });

  it('is silent for one register per unit, and for registers whose unit is unknown', () => {
    const unknown1 = makeRegister({ displayPath: 'x.csv' });
    const unknown2 = makeRegister({ displayPath: 'y.csv' });
    expect(runRule(rule, [a, other, unknown1, unknown2])).toEqual([]);
  });
});
