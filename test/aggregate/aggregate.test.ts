import { describe, expect, it } from 'vitest';
import { aggregate, diagnosticsUnder, fieldKey, rate, tasksUnder } from '../../src/aggregate/index.js';
import { parsePeriod } from '../../src/classify/period.js';
import type { Diagnostic, Register } from '../../src/types.js';
import { date, diag, diagAt, kinds, many, province, register, tree, unit } from './make.js';

const asOf = '2024-09-30';
const period = parsePeriod('2024-Q3');

function run(registers: Register[], diagnostics: Diagnostic[] = [], t = province()) {
  return aggregate({ tree: t, registers, diagnostics, asOf, period });
}

describe('aggregate over a three-level tree', () => {
  const t = province();
  const u = (code: string) => t.byCode.get(code)!;
  const registers = [
    register(u('213'), 'luc-nam.xlsx', [kinds.doneOnTime(), kinds.pendingOverdue()]),
    register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime(), kinds.doneLate(), kinds.doneInQ3(), kinds.cancelled()]),
    register(u('07660'), 'lan-mau.xlsx', [kinds.pendingOnTime(), kinds.pendingOverdue(), kinds.pendingOverdue()]),
    register(u('07330'), 'dong-tam.csv', [kinds.doneOnTime()]),
  ];
  const r = run(registers);
  const of = (code: string) => r.byCode.get(code)!;

  it("counts each unit's own register", () => {
    expect(of('213').own).toMatchObject({ registered: 2, doneOnTime: 1, pendingOverdue: 1, completionRate: 50, onTimeRate: 100 });
    expect(of('07651').own).toMatchObject({
      registered: 4,
      doneOnTime: 2,
      doneLate: 1,
      cancelled: 1,
      doneInPeriod: 2,
      completionRate: 100,
      onTimeRate: 66.7,
    });
  });

  it('rolls totals up the tree', () => {
    expect(of('213').total).toMatchObject({
      registered: 9,
      doneOnTime: 3,
      doneLate: 1,
      pendingOnTime: 1,
      pendingOverdue: 3,
      cancelled: 1,
      unclassified: 0,
      doneInPeriod: 2,
    });
    expect(of('213').total.completionRate).toBe(50); // 4 / (9 − 1)
    expect(of('213').total.onTimeRate).toBe(75);
    expect(of('215').total.registered).toBe(1);
    expect(of('24').total.registered).toBe(10);
    expect(of('24').own.registered).toBe(0);
    const sum = ['213', '215'].reduce((a, c) => a + of(c).total.registered, of('24').own.registered);
    expect(sum).toBe(of('24').total.registered);
  });

  it('lists a unit with no register with zeros, not submitted', () => {
    expect(of('07663').submitted).toBe(false);
    expect(of('07663').own).toEqual({
      registered: 0,
      doneOnTime: 0,
      doneLate: 0,
      pendingOnTime: 0,
      pendingOverdue: 0,
      cancelled: 0,
      unclassified: 0,
      doneInPeriod: 0,
      completionRate: null,
      onTimeRate: null,
    });
    expect(of('215').submitted).toBe(false);
    expect(of('215').submittedUnder).toBe(1);
    expect(of('213')).toMatchObject({ submitted: true, unitsUnder: 3, submittedUnder: 2 });
    expect(of('24')).toMatchObject({ unitsUnder: 6, submittedUnder: 4 });
  });

  it('lists every unit in force once, in code order, with its children in code order', () => {
    expect(r.units.map((x) => x.unit.code)).toEqual(['24', '213', '215', '07330', '07651', '07660', '07663']);
    expect(of('213').children).toEqual(['07651', '07660', '07663']);
    expect(r.roots).toEqual(['24']);
  });

  it('keeps the counted tasks in unit order and answers tasksUnder', () => {
    expect(r.tasks).toHaveLength(10);
    expect(tasksUnder(r, '213').map((x) => x.unit.code)).toEqual([
      '213',
      '213',
      '07651',
      '07651',
      '07651',
      '07651',
      '07660',
      '07660',
      '07660',
    ]);
    expect(r.summary).toEqual({ files: 4, tasks: 10, errors: 0, warnings: 0 });
  });
});

describe('what is left out', () => {
  const t = province();
  const u = (code: string) => t.byCode.get(code)!;

  it('a later row with the same id (duplicate-task) is left out, the first row counts', () => {
    const reg = register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime(), kinds.pendingOverdue()]);
    const [first, second] = reg.tasks;
    if (!first || !second) throw new Error('two tasks expected');
    second.id = first.id;
    const d = diag('duplicate-task', { file: 'yen-son.xlsx', row: second.row, column: 'B', taskId: second.id });
    const r = run([reg], [d]);
    expect(r.byCode.get('07651')!.own).toMatchObject({ registered: 1, doneOnTime: 1, pendingOverdue: 0 });
  });

  it('two registers of one unit (unit-duplicate errors) are both left out, the unit still submitted', () => {
    const a = register(u('07660'), 'lan-mau.xlsx', [kinds.doneOnTime()]);
    const b = register(u('07660'), 'lan-mau-2.xlsx', [kinds.doneOnTime(), kinds.doneLate()]);
    const ds = [diag('unit-duplicate', { file: 'lan-mau.xlsx' }), diag('unit-duplicate', { file: '/in/lan-mau-2.xlsx' })];
    const r = run([a, b], ds);
    const lm = r.byCode.get('07660')!;
    expect(lm.own.registered).toBe(0);
    expect(lm.submitted).toBe(true);
    expect(lm.excludedFiles).toEqual(['lan-mau.xlsx', 'lan-mau-2.xlsx']);
    expect(r.files.map((f) => f.excluded)).toEqual(['unit-duplicate', 'unit-duplicate']);
  });

  it('a unit-duplicate turned into a warning no longer excludes', () => {
    const a = register(u('07660'), 'lan-mau.xlsx', [kinds.doneOnTime()]);
    const r = run([a], [diag('unit-duplicate', { file: 'lan-mau.xlsx' }, 'warning')]);
    expect(r.byCode.get('07660')!.own.registered).toBe(1);
  });

  it('a register with no unit, or a unit not in force, is not counted; its diagnostics go to the root', () => {
    const none = register(null, 'khong-ro.xlsx', [kinds.doneOnTime(), kinds.doneOnTime()]);
    const gone = register(unit('07999', 'Xã Cũ', 'xa', '213', { to: '2024-06-30' }), 'xa-cu.xlsx', [kinds.doneOnTime()]);
    const ok = register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime()]);
    const ds = [
      diag('unit-unknown', { file: 'khong-ro.xlsx' }),
      diag('owner-missing', { file: 'yen-son.xlsx', row: 8, column: 'F', taskId: '07651-1' }),
      diag('file-unreadable', { file: 'hong.xlsx' }),
    ];
    const r = run([none, gone, ok], ds);
    expect(r.byCode.get('24')!.total.registered).toBe(1);
    expect(r.files.map((f) => [f.displayPath, f.excluded, f.counted])).toEqual([
      ['khong-ro.xlsx', 'no-unit', 0],
      ['xa-cu.xlsx', 'no-unit', 0],
      ['yen-son.xlsx', null, 1],
    ]);
    expect(diagnosticsUnder(r, '24').map((d) => d.rule)).toEqual(['unit-unknown', 'owner-missing', 'file-unreadable']);
    expect(diagnosticsUnder(r, '213').map((d) => d.rule)).toEqual(['owner-missing']);
    expect(diagnosticsUnder(r, '215')).toEqual([]);
    expect(r.summary).toEqual({ files: 3, tasks: 1, errors: 3, warnings: 0 });
  });

  it('a task assigned after the as-of date is not registered yet', () => {
    const reg = register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime(), { ...kinds.pendingOnTime(), assigned: date('2024-10-02') }]);
    expect(run([reg]).byCode.get('07651')!.own.registered).toBe(1);
  });

  it('matches diagnostics to tasks by file and row, not by a row of another sheet', () => {
    const reg = register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime(), kinds.doneOnTime()]);
    const [t1, t2] = reg.tasks;
    if (!t1 || !t2) throw new Error('two tasks expected');
    const ds = [
      diagAt('invalid-status', t1, 'status'),
      // a progress-update sheet: same row number as t2, another task's id
      { ...diagAt('invalid-progress', t2, 'progress'), sheet: 'Tiến độ', taskId: t1.id },
      // another file, same row
      { ...diagAt('invalid-progress', t2, 'progress'), file: 'lan-mau.xlsx' },
    ];
    const r = run([reg], ds);
    expect(r.tasks.map((x) => x.class)).toEqual(['unclassified', 'doneOnTime']);
    expect(r?.tasks[0]?.diagnostics).toHaveLength(2);
  });

  it('lists a unit once even when units.csv gives its code several rows', () => {
    const t2 = province();
    t2.units.push({ ...t2.byCode.get('213')!, from: '2020-01-01' });
    const r = run([], [], t2);
    expect(r.units.filter((x) => x.unit.code === '213')).toHaveLength(1);
    expect(r.byCode.get('24')!.children).toEqual(['213', '215']);
  });
});

describe('rates', () => {
  it('round to one decimal and are null when the divisor is 0', () => {
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(1, 8)).toBe(12.5);
    expect(rate(2141, 2246)).toBe(95.3);
    expect(rate(0, 0)).toBeNull();
    expect(rate(5, 5)).toBe(100);
  });

  it('completion is null when everything was cancelled, on-time null when nothing is done', () => {
    const t = province();
    const r = run([
      register(t.byCode.get('07651')!, 'a.xlsx', [kinds.cancelled(), kinds.cancelled()]),
      register(t.byCode.get('07660')!, 'b.xlsx', [kinds.pendingOnTime()]),
    ]);
    expect(r.byCode.get('07651')!.own).toMatchObject({ completionRate: null, onTimeRate: null });
    expect(r.byCode.get('07660')!.own).toMatchObject({ completionRate: 0, onTimeRate: null });
  });
});

describe('by field and by category', () => {
  it('groups one field however it was typed, "Chưa phân loại" last, categories in SPEC order', () => {
    const t = province();
    const r = run([
      register(t.byCode.get('07651')!, 'a.xlsx', [
        { field: 'I. LĨNH VỰC XÂY DỰNG ĐẢNG', category: 'hard' },
        { field: 'Xây dựng Đảng', category: 'breakthrough' },
        { field: 'II. Kinh tế', ...kinds.doneOnTime() },
        { field: null },
      ]),
      register(t.byCode.get('07330')!, 'b.xlsx', [{ field: 'KINH TẾ' }]),
    ]);
    const root = r.byCode.get('24')!;
    expect(root.byField.map((g) => [g.label, g.counts.registered])).toEqual([
      ['Kinh tế', 2],
      ['Xây dựng Đảng', 2],
      ['Chưa phân loại', 1],
    ]);
    expect(root.byCategory.map((g) => [g.key, g.label, g.counts.registered])).toEqual([
      ['hard', 'Việc khó', 1],
      ['key', 'Nhiệm vụ trọng tâm', 3],
      ['breakthrough', 'Việc đột phá', 1],
      ['pressing', 'Vấn đề bức xúc, nổi cộm', 0],
    ]);
    expect(r.byCode.get('213')!.byField.map((g) => g.label)).toEqual(['Kinh tế', 'Xây dựng Đảng', 'Chưa phân loại']);
    expect(fieldKey('3) Văn hóa - xã hội')).toBe('van hoa xa hoi');
  });
});

describe('the seed figure: 58 tasks of the districts, 2,188 of agencies and communes', () => {
  it('adds up to 2,246 registered in the province', () => {
    const units = [unit('24', 'Tỉnh Bắc Giang', 'tinh', null)];
    const registers: Register[] = [];
    // ten districts with their own registers (58 tasks in all) and 20 communes or agencies each
    const districtOwn = [6, 6, 6, 6, 6, 6, 6, 6, 5, 5];
    let left = 2188;
    let seq = 0;
    for (const [d, own] of districtOwn.entries()) {
      const dc = String(213 + d);
      const du = unit(dc, `Huyện ${d + 1}`, 'huyen', '24');
      units.push(du);
      registers.push(register(du, `${dc}.xlsx`, many(own, kinds.doneOnTime())));
      for (let c = 0; c < 20; c++) {
        const cu = unit(`${dc}${String(c).padStart(2, '0')}`, `Xã ${d}-${c}`, 'xa', dc);
        units.push(cu);
        const n = d === 9 && c === 19 ? left : 10;
        left -= n;
        // over 95% resolved: one in twenty-five is still open and overdue
        registers.push(
          register(
            cu,
            `${cu.code}.xlsx`,
            many(n).map(() => (++seq % 25 === 0 ? kinds.pendingOverdue() : kinds.doneOnTime())),
          ),
        );
      }
    }
    const r = aggregate({ tree: tree(units), registers, diagnostics: [], asOf, period });
    const root = r.byCode.get('24')!;
    const ownOfDistricts = root.children.reduce((a, c) => a + r.byCode.get(c)!.own.registered, 0);
    expect(ownOfDistricts).toBe(58);
    expect(root.total.registered - ownOfDistricts - root.own.registered).toBe(2188);
    expect(root.total.registered).toBe(2246);
    expect(root.total.completionRate).toBeGreaterThan(95);
    expect(r.summary.tasks).toBe(2246);
  });
});

describe('a rollup scoped to one unit (rollup --unit)', () => {
  const t = province();
  const u = (code: string) => t.byCode.get(code)!;
  const registers = [
    register(u('213'), 'luc-nam.xlsx', [kinds.doneOnTime(), kinds.pendingOverdue()]),
    register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime(), kinds.doneLate(), kinds.cancelled()]),
    register(u('07330'), 'dong-tam.csv', [kinds.pendingOnTime(), kinds.pendingOnTime()]),
    register(null, 'khong-ro.xlsx', [kinds.doneOnTime()]),
    register(u('24'), 'tinh.xlsx', [kinds.doneOnTime()]),
  ];
  const ds = [
    diag('owner-missing', { file: 'yen-son.xlsx', row: 8, column: 'F', taskId: '07651-1' }),
    diag('owner-missing', { file: 'dong-tam.csv', row: 8, column: 'F', taskId: '07330-1' }),
    diag('overdue', { file: 'tinh.xlsx', row: 8, column: 'H', taskId: '24-1' }, 'warning'),
    diag('unit-unknown', { file: 'khong-ro.xlsx' }),
  ];
  const whole = aggregate({ tree: t, registers, diagnostics: ds, asOf, period });
  const r = aggregate({ tree: t, registers, diagnostics: ds, asOf, period, scope: '213' });

  it('lists the scope unit first, as the only root, keeping its parent, then the units under it in code order', () => {
    expect(r.units.map((x) => x.unit.code)).toEqual(['213', '07651', '07660', '07663']);
    expect(r.roots).toEqual(['213']);
    expect(r.byCode.get('213')!.depth).toBe(0);
    expect(r.byCode.get('213')!.unit.parent).toBe('24');
    expect(r.byCode.has('24')).toBe(false);
    expect(r.byCode.has('07330')).toBe(false);
  });

  it('counts exactly what the unscoped rollup counts for the scope and each unit under it', () => {
    for (const code of ['213', '07651', '07660', '07663']) {
      expect(r.byCode.get(code)!.own, code).toEqual(whole.byCode.get(code)!.own);
      expect(r.byCode.get(code)!.total, code).toEqual(whole.byCode.get(code)!.total);
      expect(r.byCode.get(code)!.submitted, code).toBe(whole.byCode.get(code)!.submitted);
    }
    expect(r.byCode.get('213')!.unitsUnder).toBe(3);
    expect(r.tasks.map((x) => x.unit.code)).toEqual(['213', '213', '07651', '07651', '07651']);
  });

  it('leaves out the registers of units outside it, with their diagnostics, and lists them', () => {
    expect(r.outOfScope.map((x) => [x.displayPath, x.unit.code])).toEqual([
      ['dong-tam.csv', '07330'],
      ['tinh.xlsx', '24'],
    ]);
    expect(r.files.map((f) => f.displayPath)).toEqual(['luc-nam.xlsx', 'yen-son.xlsx', 'khong-ro.xlsx']);
    expect(r.diagnostics.map((d) => d.file)).toEqual(['yen-son.xlsx', 'khong-ro.xlsx']);
    // a register of no unit stays: tiendo cannot tell whose it is; its error goes to the scope's workbook
    expect(diagnosticsUnder(r, '213').map((d) => d.rule)).toEqual(['owner-missing', 'unit-unknown']);
    expect(r.summary).toEqual({ files: 3, tasks: 5, errors: 2, warnings: 0 });
    expect(whole.outOfScope).toEqual([]);
  });

  it('may be a unit with nothing under it, or the root itself', () => {
    const commune = aggregate({ tree: t, registers, diagnostics: ds, asOf, period, scope: '07651' });
    expect(commune.units.map((x) => x.unit.code)).toEqual(['07651']);
    expect(commune.byCode.get('07651')!.total).toEqual(whole.byCode.get('07651')!.total);
    expect(commune.summary).toEqual({ files: 2, tasks: 3, errors: 2, warnings: 0 });
    const root = aggregate({ tree: t, registers, diagnostics: ds, asOf, period, scope: '24' });
    expect(root.units.map((x) => x.unit.code)).toEqual(whole.units.map((x) => x.unit.code));
    expect(root.summary).toEqual(whole.summary);
  });

  it('refuses a scope that is no unit in force (the caller says so first, as a usage error)', () => {
    expect(() => aggregate({ tree: t, registers, diagnostics: ds, asOf, period, scope: '999' })).toThrow(/scope 999/);
  });
});
