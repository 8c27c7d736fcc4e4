import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/check/format.js';
import type { RuleMeta } from '../../src/rules/rule.js';

const meta: RuleMeta = {
  id: 'at-risk',
  severity: 'warning',
  description: { vi: 'x', en: 'x' },
  messages: { default: { vi: 'đạt {{p}}% ở dòng {{line}}', en: '{{p}}% on line {{line}}' } },
};

describe('formatMessage', () => {
  it('writes numbers with the decimal mark of the language and no grouping', () => {
    expect(formatMessage(meta, 'default', { p: 45.5, line: 1234 }, 'vi')).toBe('đạt 45,5% ở dòng 1234');
    expect(formatMessage(meta, 'default', { p: 45.5, line: 1234 }, 'en')).toBe('45.5% on line 1234');
  });
  it('cuts a very long quoted text with an ellipsis', () => {
    const m = formatMessage(meta, 'default', { p: 'x'.repeat(32_000), line: 1 }, 'en');
    expect(m.length).toBeLessThan(250);
    expect(m).toMatch(/x…% on line 1$/);
  });
  it('throws, naming the rule, when a placeholder has no data or the message does not exist', () => {
    expect(() => formatMessage(meta, 'default', { p: 1 }, 'vi')).toThrow(/at-risk.*line/);
    expect(() => formatMessage(meta, 'nope', {}, 'vi')).toThrow(/at-risk.*nope/);
  });
});
