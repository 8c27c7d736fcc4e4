import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/legacy-encoding.js';
import { makeRegister, runRule } from '../helpers/make.js';

describe('legacy-encoding', () => {
  it('reports the VNI cells the reader found, where it found them', () => {
    const register = makeRegister({
      problems: [
        {
          rule: 'legacy-encoding',
          at: { sheet: 'Danh mục', row: 9, column: 'C' },
          taskId: '07651-2',
          messageId: 'default',
          data: { font: 'VNI-Times' },
        },
        { rule: 'header-missing', at: {}, messageId: 'default', data: { sheets: 'Sheet1' } },
      ],
    });
    const reports = runRule(rule, register);
    expect(reports).toEqual([
      {
        at: { register, sheet: 'Danh mục', row: 9, column: 'C', taskId: '07651-2' },
        messageId: 'default',
        data: { font: 'VNI-Times' },
      },
    ]);
  });

  it('is silent when the reader found nothing of its own', () => {
    const register = makeRegister({ problems: [{ rule: 'unit-unknown', at: {}, data: { tried: 'tên tệp' } }] });
    expect(runRule(rule, register)).toEqual([]);
  });
});
