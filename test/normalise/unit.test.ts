import { describe, expect, it } from 'vitest';
import { nameParts, names, UnitResolver } from '../../src/normalise/unit.js';
import { unitTree } from '../../src/normalise/registers.js';
import type { Unit } from '../../src/types.js';

const u = (code: string, name: string, parent: string | null, from: string | null = null, to: string | null = null): Unit => ({
  code,
  name,
  level: '',
  parent,
  from,
  to,
});

const UNITS: Unit[] = [
  u('24', 'Tỉnh Bắc Giang', null),
  u('213', 'Huyện Lục Nam', '24', null, '2025-06-30'),
  u('215', 'Huyện Lạng Giang', '24', null, '2025-06-30'),
  u('219', 'Thành phố Bắc Giang', '24'),
  u('07651', 'Xã Yên Sơn', '213', null, '2025-06-30'),
  u('07700', 'Xã Tân Sơn', '213', null, '2025-06-30'),
  u('07800', 'Xã Tân Sơn', '215', null, '2025-06-30'),
  u('07651', 'Xã Yên Sơn Mới', '24', '2025-07-01'),
  u('07999', 'Xã Lục Nam', '24', '2025-07-01'),
  u('24-BTC', 'Ban Tổ chức Tỉnh ủy', '24'),
];

const before = new UnitResolver(unitTree(UNITS, '2024-09-30'));
const after = new UnitResolver(unitTree(UNITS, '2025-09-30'));
const codes = (us: Unit[]) => us.map((x) => x.code).sort();

describe('a title line names a unit (SPEC §2.3)', () => {
  it('turns organ words into level words and drops the others', () => {
    expect(nameParts('ĐẢNG BỘ TỈNH BẮC GIANG')).toEqual({ level: 'tinh', rest: 'bac giang' });
    expect(nameParts('BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG')).toEqual({ level: 'thanh pho', rest: 'bac giang' });
    expect(nameParts('HUYỆN ỦY LỤC NAM')).toEqual({ level: 'huyen', rest: 'luc nam' });
    expect(nameParts('Đơn vị: Xã Yên Sơn')).toEqual({ level: 'xa', rest: 'yen son' });
    expect(nameParts('TP. Bắc Giang')).toEqual({ level: 'thanh pho', rest: 'bac giang' });
    expect(nameParts('ĐẢNG ỦY XÃ YÊN SƠN'.normalize('NFD'))).toEqual({ level: 'xa', rest: 'yen son' });
  });
  it('requires the level words to agree when both sides have one', () => {
    expect(names(nameParts('ĐẢNG BỘ TỈNH BẮC GIANG'), nameParts('Tỉnh Bắc Giang'))).toBe(true);
    expect(names(nameParts('ĐẢNG BỘ TỈNH BẮC GIANG'), nameParts('Thành phố Bắc Giang'))).toBe(false);
    expect(names(nameParts('Bắc Giang'), nameParts('Thành phố Bắc Giang'))).toBe(true);
    expect(names(nameParts('Yên Sơn, ngày 05 tháng 10 năm 2024'), nameParts('Xã Yên Sơn'))).toBe(false);
  });
});

describe('resolving a register to a unit', () => {
  const resolve = (r: UnitResolver, titleLines: string[], path = 'x.xlsx', codeColumn: string | null = null) =>
    r.resolve({ path, titleLines, codeColumn, option: null });

  it('takes the Mã đơn vị column first, and refuses a code not in force', () => {
    const ok = resolve(before, ['ĐẢNG ỦY XÃ TÂN SƠN'], 'x.csv', '07651');
    expect(ok.unit?.code).toBe('07651');
    const bad = resolve(before, [], 'x.csv', '07999');
    expect(bad.unit).toBeNull();
    if (!bad.unit) expect(bad.problem.messageId).toBe('notInUnits');
  });
  it('chooses the province, not the city, for ĐẢNG BỘ TỈNH BẮC GIANG', () => {
    expect(resolve(before, ['ĐẢNG BỘ TỈNH BẮC GIANG', 'BAN TỔ CHỨC', '*', 'ĐẢNG CỘNG SẢN VIỆT NAM']).unit?.code).toBe('24');
  });
  it('chooses the city for BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG under the province line', () => {
    expect(resolve(before, ['ĐẢNG BỘ TỈNH BẮC GIANG', 'BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG']).unit?.code).toBe('219');
  });
  it('does not guess when Bắc Giang alone names both', () => {
    const r = resolve(before, ['Bắc Giang']);
    expect(r.unit).toBeNull();
    if (!r.unit) expect(r.problem.messageId).toBe('ambiguous');
  });
  it('decides between two Tân Sơn by the district named in another line', () => {
    expect(resolve(before, ['ĐẢNG BỘ HUYỆN LẠNG GIANG', 'ĐẢNG ỦY XÃ TÂN SƠN']).unit?.code).toBe('07800');
    expect(resolve(before, ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ TÂN SƠN']).unit?.code).toBe('07700');
    expect(resolve(before, ['ĐẢNG ỦY XÃ TÂN SƠN']).unit).toBeNull();
  });
  it('after the 2025 reform an old district heading names no unit, although Xã Lục Nam exists', () => {
    const r = resolve(after, ['ĐẢNG BỘ HUYỆN LỤC NAM'], 'bao-cao.xlsx');
    expect(r.unit).toBeNull();
    expect(resolve(after, ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ LỤC NAM']).unit?.code).toBe('07999');
  });
  it('uses a reused code for the unit in force on the as-of date', () => {
    expect(resolve(after, [], '07651_thang9.csv').unit?.name).toBe('Xã Yên Sơn Mới');
    expect(resolve(before, [], '07651_thang9.csv').unit?.name).toBe('Xã Yên Sơn');
  });
  it('falls back to the file name: a leading CODE_, a trailing -CODE, or the name', () => {
    expect(resolve(before, [], 'dir/07651_thang3.csv').unit?.code).toBe('07651');
    expect(resolve(before, [], 'bao-cao-07651.csv').unit?.code).toBe('07651');
    expect(resolve(before, [], 'yen-son.xlsx').unit?.code).toBe('07651');
    expect(resolve(before, [], 'yen_son.xlsx').unit?.code).toBe('07651');
    expect(resolve(before, [], 'tan-son.xlsx').unit).toBeNull();
    expect(resolve(before, [], 'bao-cao-thang-9.xlsx').unit).toBeNull();
    expect(resolve(before, [], '24-BTC_thang9.csv').unit?.code).toBe('24-BTC');
    expect(resolve(before, [], 'bao-cao-24-BTC.csv').unit?.code).toBe('24-BTC');
  });
  it('`--unit` overrides everything', () => {
    expect(
      before.resolve({ path: 'yen-son.xlsx', titleLines: ['ĐẢNG BỘ TỈNH BẮC GIANG'], codeColumn: null, option: '213' }).unit?.code,
    ).toBe('213');
  });
});
