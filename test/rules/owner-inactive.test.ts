import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/normalise/text.js';
import rule from '../../src/rules/owner-inactive.js';
import type { Roster } from '../../src/types.js';
import { makeCadre, makeCtx, makeTask, runRule } from '../helpers/make.js';

const cadre = (name: string, unit: string, from: string | null, to: string | null) =>
  makeCadre({ name, key: nameKey(name), unit, from, to });

const roster: Roster = {
  cadres: [
    // rotated from Yên Sơn to Tiên Hưng on 1 July 2024 (luân chuyển)
    cadre('Lê Thị Hà', '07651', '2019-05-01', '2022-12-31'),
    cadre('Lê Thị Hà', '07651', '2023-01-01', '2024-06-30'),
    cadre('Lê Thị Hà', '07654', '2024-07-01', null),
    // took the post after the task was assigned (January 2024)
    cadre('Nguyễn Văn An', '07651', '2024-08-01', null),
    // in post until the as-of date, inclusive
    cadre('Trần Văn Bình', '07651', null, '2024-09-30'),
    // appointed after the as-of date
    cadre('Phạm Quốc Toàn', '07651', '2024-10-15', null),
  ],
};
const ctx = makeCtx({ roster, asOf: '2024-09-30' });

describe('owner-inactive', () => {
  it('fires for a cadre who left the unit, even one now in post elsewhere, naming the last day', () => {
    const task = makeTask({ owners: ['Lê Thị Hà'] });
    expect(runRule(rule, task, ctx)).toEqual([{ at: { task, column: 'owner' }, data: { owner: 'Lê Thị Hà', until: '30/06/2024' } }]);
  });

  it('fires, worded differently, for a cadre whose post begins after the as-of date', () => {
    const [r] = runRule(rule, makeTask({ owners: ['Phạm Quốc Toàn'] }), ctx);
    expect(r).toMatchObject({ messageId: 'notYet', data: { owner: 'Phạm Quốc Toàn', from: '15/10/2024' } });
  });

  it('is silent for a cadre in post on the as-of date, including one who took the post after the task was assigned', () => {
    expect(runRule(rule, makeTask({ owners: ['Nguyễn Văn An'] }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ owners: ['Trần Văn Bình'] }), ctx)).toEqual([]);
  });

  it('is silent for a name not in the unit at all (owner-unknown), and without a roster', () => {
    expect(runRule(rule, makeTask({ owners: ['Đỗ Minh Khôi'] }), ctx)).toEqual([]);
    expect(runRule(rule, makeTask({ owners: ['Lê Thị Hà'] }), makeCtx())).toEqual([]);
  });

  it('judges the day after the last day in post as inactive', () => {
    expect(runRule(rule, makeTask({ owners: ['Trần Văn Bình'] }), { ...ctx, asOf: '2024-10-01' })).toHaveLength(1);
  });
});
