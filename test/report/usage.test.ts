// The command line's own words, as functions: the language from argv, chalk's level, suggestions.
import { describe, expect, it } from 'vitest';
import { closest, colorLevel, langOf } from '../../src/report/usage.js';

describe('langOf', () => {
  it('reads --lang en and --lang=en anywhere before --, else Vietnamese', () => {
    expect(langOf(['validate', 'x', '--lang', 'en'])).toBe('en');
    expect(langOf(['--lang=en', 'valdate'])).toBe('en');
    expect(langOf(['validate', '--lang', 'fr'])).toBe('vi');
    expect(langOf(['validate', '--', '--lang', 'en'])).toBe('vi');
    expect(langOf([])).toBe('vi');
  });
});

describe('colorLevel', () => {
  it('NO_COLOR set to anything but empty turns colour off, even where chalk saw a terminal', () => {
    expect(colorLevel(2, { NO_COLOR: '1' }, [])).toBe(0);
    expect(colorLevel(3, { NO_COLOR: 'yes' }, [])).toBe(0);
    expect(colorLevel(2, { NO_COLOR: '' }, [])).toBe(2);
    expect(colorLevel(2, {}, [])).toBe(2);
  });
  it('FORCE_COLOR (already read by chalk) wins over NO_COLOR; --no-color wins over both', () => {
    expect(colorLevel(1, { NO_COLOR: '1', FORCE_COLOR: '1' }, [])).toBe(1);
    expect(colorLevel(1, { FORCE_COLOR: '1' }, ['validate', '--no-color'])).toBe(0);
    expect(colorLevel(1, {}, ['validate', '--', '--no-color'])).toBe(1);
  });
});

describe('closest', () => {
  it('suggests a slip of a letter or two, not a different word', () => {
    expect(closest('--as-off', ['--as-of', '--units', '--out'])).toBe('--as-of');
    expect(closest('valdate', ['validate', 'rollup', 'template', 'rules'])).toBe('validate');
    expect(closest('jsno', ['text', 'json'])).toBe('json');
    expect(closest('xml', ['text', 'json'])).toBeUndefined();
    expect(closest('frobnicate', ['validate', 'rollup', 'template', 'rules'])).toBeUndefined();
  });
});
