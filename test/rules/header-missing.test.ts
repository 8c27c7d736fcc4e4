import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/header-missing.js';
import { makeRegister, runRule } from '../helpers/make.js';

describe('header-missing', () => {
  it('reports a register with no header row as a file-level problem', () => {
    const register = makeRegister({ headerRow: null, problems: [{ rule: 'header-missing', at: {}, data: { sheets: 'Sheet1, Sheet2' } }] });
    expect(runRule(rule, register)).toEqual([
      {
        at: { register }, // nothing located: the engine makes it a file-level diagnostic
        messageId: undefined,
        data: { sheets: 'Sheet1, Sheet2' },
      },
    ]);
  });

  it('does not list sheet names a CSV does not have', () => {
    const register = makeRegister({
      kind: 'csv',
      problems: [{ rule: 'header-missing', at: {}, messageId: 'default', data: { sheets: '' } }],
    });
    expect(runRule(rule, register)[0]?.messageId).toBe('noSheet');
  });

  it('names a missing column by its Vietnamese header and the closest header seen', () => {
    const register = makeRegister({
      problems: [
        {
          rule: 'header-missing',
          at: { sheet: 'Danh mục', row: 6 },
          messageId: 'column',
          data: { column: 'owner', closest: 'Người phụ trách chính' },
        },
      ],
    });
    const [r] = runRule(rule, register);
    expect(r?.messageId).toBe('column');
    expect(r?.data).toEqual({ column: 'Người chịu trách nhiệm', closest: 'Người phụ trách chính' });
    expect(r?.at).toMatchObject({ sheet: 'Danh mục', row: 6 });
  });

  it('words a missing column with no close header without an empty quote', () => {
    const register = makeRegister({
      problems: [{ rule: 'header-missing', at: {}, messageId: 'column', data: { column: 'Thời hạn hoàn thành', closest: '' } }],
    });
    const [r] = runRule(rule, register);
    expect(r?.messageId).toBe('columnNone');
    expect(r?.data?.column).toBe('Thời hạn hoàn thành');
  });

  it('is silent when the header was found', () => {
    expect(runRule(rule, makeRegister())).toEqual([]);
  });
});
