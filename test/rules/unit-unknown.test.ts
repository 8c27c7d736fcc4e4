import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/unit-unknown.js';
import { makeRegister, makeUnit, runRule } from '../helpers/make.js';

describe('unit-unknown', () => {
  it.each([
    ['default', { tried: 'cột Mã đơn vị, đầu biểu, tên tệp' }],
    ['notInUnits', { code: '99999' }],
    ['ambiguous', { candidates: 'Xã Yên Sơn (07651), Xã Yên Sơn (06583)' }],
  ])("reports the resolver's %s problem for the whole file", (messageId, data) => {
    const register = makeRegister({ problems: [{ rule: 'unit-unknown', at: {}, messageId, data }] });
    expect(runRule(rule, register)).toEqual([
      {
        at: { register }, // nothing located: the engine makes it a file-level diagnostic
        messageId,
        data,
      },
    ]);
  });

  it('says there is no title block rather than show it empty', () => {
    const register = makeRegister({ problems: [{ rule: 'unit-unknown', at: {}, messageId: 'default', data: { tried: '' } }] });
    expect(runRule(rule, register)[0]?.messageId).toBe('noTitle');
  });

  it('is silent when the unit was found', () => {
    expect(runRule(rule, makeRegister({ unit: makeUnit(), unitSource: 'title' }))).toEqual([]);
  });
});
