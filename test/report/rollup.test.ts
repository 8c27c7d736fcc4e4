import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/index.js';
import { parsePeriod } from '../../src/classify/period.js';
import { rollupJson, rollupText } from '../../src/report/rollup.js';
import { diag, kinds, province, register } from '../aggregate/make.js';

function result() {
  const t = province();
  const u = (c: string) => t.byCode.get(c)!;
  return aggregate({
    tree: t,
    registers: [
      register(u('213'), 'luc-nam.xlsx', [kinds.doneOnTime(), kinds.pendingOverdue()]),
      register(u('07651'), 'yen-son.xlsx', [kinds.doneOnTime(), kinds.doneLate(), kinds.doneInQ3(), kinds.cancelled()]),
      register(u('07330'), 'dong-tam.csv', [kinds.pendingOnTime()]),
    ],
    diagnostics: [
      diag('owner-missing', { file: 'yen-son.xlsx', row: 8, column: 'F' }),
      diag('overdue', { file: 'luc-nam.xlsx', row: 9, column: 'H' }, 'warning'),
    ],
    asOf: '2024-09-30',
    period: parsePeriod('2024-Q3'),
  });
}

describe('rollupJson (SPEC §5.1)', () => {
  it('is written in pieces that make exactly JSON.stringify(doc, null, 2)', () => {
    const r = result();
    r.owners = [
      { unit: '07651', name: 'Nguyễn Văn An', position: 'Chủ tịch UBND xã', counts: r.units[0]!.total },
      { unit: '07651', name: '(chưa rõ người)', position: null, counts: r.units[0]!.own },
    ];
    const text = rollupJson(r, [{ unit: '24', path: 'out/24-bac-giang.xlsx' }]);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text).owners).toHaveLength(2);
  });

  it('has exactly the documented shape', () => {
    const r = result();
    const doc = JSON.parse(rollupJson(r, [{ unit: '24', path: 'out/24-bac-giang.xlsx' }]));
    // SPEC §5.1's keys, then the files skipped (summary workbooks tiendo wrote) and the cadres (§7.3);
    // `previous` and each unit's `change` only with --compare (test/e2e/compare.test.ts).
    expect(Object.keys(doc)).toEqual(['asOf', 'period', 'units', 'files', 'summary', 'skipped', 'owners']);
    expect(doc.asOf).toBe('2024-09-30');
    expect(doc.period).toEqual({ label: '2024-Q3', start: '2024-07-01', end: '2024-09-30' });
    expect(doc.units.map((u: { code: string }) => u.code)).toEqual(['24', '213', '215', '07330', '07651', '07660', '07663']);
    expect(doc.units[0]).toEqual({
      code: '24',
      name: 'Tỉnh Bắc Giang',
      level: 'tinh',
      parent: null,
      own: {
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
      },
      total: {
        registered: 7,
        doneOnTime: 3,
        doneLate: 1,
        pendingOnTime: 1,
        pendingOverdue: 1,
        cancelled: 1,
        unclassified: 0,
        doneInPeriod: 2,
        completionRate: 66.7,
        onTimeRate: 75,
      },
    });
    expect(Object.keys(doc.units[1].own)).toEqual([
      'registered',
      'doneOnTime',
      'doneLate',
      'pendingOnTime',
      'pendingOverdue',
      'cancelled',
      'unclassified',
      'doneInPeriod',
      'completionRate',
      'onTimeRate',
    ]);
    expect(doc.units[1].parent).toBe('24');
    expect(doc.files).toEqual([{ unit: '24', path: 'out/24-bac-giang.xlsx' }]);
    expect(doc.summary).toEqual({ files: 3, tasks: 7, errors: 1, warnings: 1 });
  });

  it('takes the workbooks written from the result by default', () => {
    const r = result();
    r.outputs = [{ unit: '213', path: 'out/213-luc-nam.xlsx' }];
    expect(JSON.parse(rollupJson(r)).files).toEqual([{ unit: '213', path: 'out/213-luc-nam.xlsx' }]);
  });
});

describe('rollupText', () => {
  it('tables the units under the root, aligned, then the files written', () => {
    const out = rollupText(result(), 'vi', [{ unit: '24', path: 'out/24-bac-giang.xlsx' }]);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Tổng hợp tiến độ Quý III năm 2024 — số liệu tính đến ngày 30/09/2024');
    const table = lines.slice(2, lines.indexOf('', 2));
    expect(table[0]).toMatch(
      /^Đơn vị\s+Đăng ký\s+HT đúng hạn\s+HT quá hạn\s+Trong hạn\s+Quá hạn\s+Dừng, hủy\s+Chưa XĐ\s+Tỷ lệ HT %\s+Đúng hạn %$/,
    );
    expect(table[1]).toMatch(/^-+( +-+){9}$/);
    expect(table[2]).toMatch(/^Huyện Lục Nam\s+6\s+3\s+1\s+0\s+1\s+1\s+0\s+80,0\s+75,0$/);
    expect(table[3]).toMatch(/^Huyện Yên Thế\s+1\s+0\s+0\s+1\s+0\s+0\s+0\s+0,0\s+-$/);
    expect(table[5]).toMatch(/^Tổng cộng — Tỉnh Bắc Giang\s+7\s+/);
    // right-aligned numbers: every row ends at the same column
    const widths = new Set(table.filter((l) => !/^-/.test(l)).map((l) => [...l].length));
    expect(widths.size).toBe(1);
    expect(out).toContain('Đã ghi:\n  out/24-bac-giang.xlsx\n');
    expect(out.trimEnd().split('\n').at(-1)).toBe('3 tệp, 7 việc được tính, 1 lỗi, 1 cảnh báo');
  });

  it('marks a unit under the root with nothing submitted, and speaks English', () => {
    const t = province();
    const r = aggregate({
      tree: t,
      registers: [register(t.byCode.get('07651')!, 'a.xlsx', [kinds.doneOnTime()])],
      diagnostics: [],
      asOf: '2024-09-30',
      period: parsePeriod('2024-09'),
    });
    const vi = rollupText(r, 'vi');
    expect(vi).toMatch(/Huyện Yên Thế \(chưa nộp\)/);
    expect(vi).toContain('Không ghi tệp nào');
    const en = rollupText(r, 'en');
    expect(en.split('\n')[0]).toBe('Progress rollup, September 2024 — as of 30/09/2024');
    expect(en).toMatch(/Huyện Yên Thế \(not submitted\)/);
    expect(en).toMatch(/1 files, 1 tasks counted, 0 errors, 0 warnings/);
  });
});
