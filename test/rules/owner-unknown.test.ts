import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/normalise/text.js';
import rule from '../../src/rules/owner-unknown.js';
import type { Roster } from '../../src/types.js';
import { makeCadre, makeCtx, makeTask, runRule } from '../helpers/make.js';

const cadre = (name: string, unit = '07651', from: string | null = null, to: string | null = null) =>
  makeCadre({ name, key: nameKey(name), unit, from, to });

const roster: Roster = {
  cadres: [cadre('Nguyễn Văn An'), cadre('Lê Thị Hà', '07651', '2020-01-01', '2023-06-30'), cadre('Trần Văn Bình', '07654')],
};
const ctx = makeCtx({ roster });

describe('owner-unknown', () => {
  it("fires for a name no roster row gives in the task's unit, even if it is in another unit", () => {
    const task = makeTask({ owners: ['Trần Văn Bình'] });
    expect(runRule(rule, task, ctx)).toEqual([{ at: { task, column: 'owner' }, data: { owner: 'Trần Văn Bình' } }]);
  });

  it('suggests the roster name when only the diacritics differ (Hà is not Hạ)', () => {
    const task = makeTask({ owners: ['Lê Thị Hạ'] });
    const [r] = runRule(rule, task, ctx);
    expect(r?.messageId).toBe('suggest');
    expect(r?.data).toEqual({ owner: 'Lê Thị Hạ', suggestion: 'Lê Thị Hà' });
  });

  it('reports each unknown name of a cell with several people', () => {
    const task = makeTask({ owners: ['Nguyễn Văn An', 'Phạm Quốc Toàn', 'Đỗ Minh Khôi'] });
    expect(runRule(rule, task, ctx).map((r) => r.data?.owner)).toEqual(['Phạm Quốc Toàn', 'Đỗ Minh Khôi']);
  });

  it('is silent for a known name, matched after the honorific and position are taken off, and for a cadre who has left', () => {
    expect(runRule(rule, makeTask({ owners: ['Nguyễn Văn An'] }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ owners: ['đồng chí NGUYỄN VĂN AN (Chủ tịch)'] }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ owners: ['Lê Thị Hà'] }), ctx)).toEqual([]); // owner-inactive
  });

  it('is silent without a roster or without a unit', () => {
    expect(runRule(rule, makeTask({ owners: ['Phạm Quốc Toàn'] }), makeCtx())).toEqual([]);
    expect(runRule(rule, makeTask({ owners: ['Phạm Quốc Toàn'], unitCode: null }), ctx)).toEqual([]);
  });
});
