import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src/write/filename.js';

const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

describe('safeFileName: names made from unit names are valid on Windows', () => {
  it('leaves an ordinary name alone', () => {
    expect(safeFileName('24-bac-giang.xlsx')).toBe('24-bac-giang.xlsx');
    expect(safeFileName('Xã Yên Sơn.checked.xlsx')).toBe('Xã Yên Sơn.checked.xlsx');
  });
  it('replaces the characters Windows forbids', () => {
    expect(safeFileName('Xã A/B: "mới" <2024>|?*.xlsx')).toBe('Xã A-B- -mới- -2024-.xlsx');
    expect(safeFileName('a\\b\tc\u0000d.xlsx')).toBe('a-b-c-d.xlsx');
  });
  it('renames device names, with or without an extension, in any case', () => {
    for (const n of ['CON', 'prn', 'Aux', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt9', 'COM¹']) {
      const out = safeFileName(`${n}.xlsx`);
      expect(out, n).not.toMatch(DEVICE);
      expect(out.toLowerCase().startsWith(n.toLowerCase())).toBe(true);
    }
    expect(safeFileName('nul.checked.xlsx')).toBe('nul_.checked.xlsx');
    expect(safeFileName('CON')).toBe('CON_');
    expect(safeFileName('console.xlsx')).toBe('console.xlsx');
    expect(safeFileName('COM10.xlsx')).toBe('COM10.xlsx');
  });
  it('drops trailing dots and spaces, which Windows would drop silently', () => {
    expect(safeFileName('Thị trấn Đồi Ngô. ')).toBe('Thị trấn Đồi Ngô');
    expect(safeFileName('Xã Lan Mẫu. .xlsx')).toBe('Xã Lan Mẫu.xlsx');
  });
  it('never returns an empty name or a bare extension', () => {
    expect(safeFileName('')).toBe('tep');
    expect(safeFileName('...')).toBe('tep');
    expect(safeFileName('///.xlsx')).toBe('tep.xlsx');
    expect(safeFileName('  ', 'bao-cao')).toBe('bao-cao');
  });
  it('shortens a long name and keeps its extension', () => {
    const out = safeFileName(`${'Đảng ủy '.repeat(60)}.checked.xlsx`);
    expect(out.length).toBeLessThanOrEqual(150);
    expect(out.endsWith('.xlsx')).toBe(true);
  });
  it('returns NFC', () => {
    expect(safeFileName('Yên Sơn'.normalize('NFD'))).toBe('Yên Sơn'.normalize('NFC'));
  });
  it('holds for any text (property check over generated names)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'Đ', 'ơ', ' ', '.', '-', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u0001', 'C', 'O', 'N', '1'];
    for (let i = 0; i < 2000; i++) {
      const name = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const out = safeFileName(name);
      expect(out, JSON.stringify(name)).not.toMatch(FORBIDDEN);
      expect(out, JSON.stringify(name)).not.toMatch(/[. ]$/);
      expect(out, JSON.stringify(name)).not.toMatch(DEVICE);
      expect(out.length).toBeGreaterThan(0);
    }
  });
});
