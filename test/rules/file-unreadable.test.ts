import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/file-unreadable.js';
import { makeRegister, runRule } from '../helpers/make.js';

describe('file-unreadable', () => {
  it('reports each reader problem for the whole file when the reader located nothing', () => {
    const register = makeRegister({
      kind: null,
      problems: [{ rule: 'file-unreadable', at: {}, messageId: 'xls', data: {} }],
    });
    const [r] = runRule(rule, register);
    expect(r).toEqual({
      at: { register }, // nothing located: the engine makes it a file-level diagnostic
      messageId: 'xls',
      data: {},
    });
  });

  it.each([
    ['default', { reason: 'EACCES' }],
    ['xls', {}],
    ['ods', {}],
    ['encrypted', {}],
    ['empty', {}],
    ['tooLarge', { size: '250.0 MB', limit: '200.0 MB' }],
    ['corrupt', { reason: 'tệp nén bị cắt cụt hoặc hỏng' }],
    ['csv', { reason: 'dấu ngoặc kép không đóng', line: 12 }],
  ])("words the reader's %s problem", (messageId, data) => {
    const register = makeRegister({ problems: [{ rule: 'file-unreadable', at: {}, messageId, data }] });
    expect(runRule(rule, register)).toHaveLength(1);
  });

  it('is silent for a readable file', () => {
    expect(runRule(rule, makeRegister({ problems: [{ rule: 'legacy-encoding', at: {}, data: { font: 'VNI-Times' } }] }))).toEqual([]);
  });
});
