// Month on month (SPEC §7.1, §7.3): September's registers against August's. The district has a
// task done since, one newly overdue, one dropped while open (task-dropped), one dropped once done
// (no rule), one new, a title retyped in capitals (still the same task), a progress lower than in
// August (progress-regressed), a commune that sent in August only and one in September only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rollup } from '../../src/rollup.js';
import { validate } from '../../src/index.js';
import { tiendo } from '../helpers/cli.js';

const DIR = fileURLToPath(new URL('../../fixtures/compare/', import.meta.url));
const common = { cwd: DIR, units: join(DIR, 'units.csv'), period: '2024-09' };

describe('rollup --compare', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tiendo-compare-'));
  const { result } = await rollup({ ...common, paths: ['thang-9'], compare: ['thang-8'], out });
  const change = (code: string) => result.comparison!.byUnit.get(code)!;

  it('classifies the previous registers as of the day before the period', () => {
    expect(result.comparison!.asOf).toBe('2024-08-31');
    expect(result.comparison!.files).toBe(2);
    expect(result.comparison!.tasks).toBe(6);
  });

  it('counts what changed in the commune: done since, newly overdue, dropped while open, new', () => {
    expect(change('07651').own).toEqual({
      completedSince: 1,
      newlyOverdue: 1,
      dropped: 1,
      new: 1,
      registeredChange: -1,
      completionRateChange: 5,
      onTimeRateChange: -100,
    });
  });

  it('drops nothing for a commune that sent nothing now; counts all tasks new for one that sent nothing then', () => {
    expect(change('07654').own).toMatchObject({ dropped: 0, new: 0, registeredChange: -1 });
    expect(change('07657').own).toMatchObject({ new: 1, dropped: 0, registeredChange: 1 });
    expect(result.comparison!.submittedBefore.has('07654')).toBe(true);
  });

  it('adds up the district’s total', () => {
    expect(change('213').total).toMatchObject({ completedSince: 1, newlyOverdue: 1, dropped: 1, new: 2, registeredChange: -1 });
  });

  it('lists every changed task once, with both states', () => {
    const rows = result.comparison!.changes.map((c) => `${c.unit.code} ${c.kind} ${c.now?.task.title ?? c.then?.task.title}`);
    expect(rows).toEqual([
      '07651 completed Bê tông hóa đường trục thôn Hạ',
      '07651 overdue Nạo vét kênh mương nội đồng',
      '07651 new Xây dựng mô hình thôn kiểu mẫu',
      '07651 dropped Trồng cây xanh tuyến đường liên xã',
      '07657 new Giải quyết đơn thư tồn đọng',
    ]);
  });

  it('warns of the task dropped while open, at its row last month, and of the progress lower than last month', () => {
    const found = result.diagnostics
      .filter((d) => d.rule === 'task-dropped' || d.rule === 'progress-regressed')
      .map((d) => `${d.rule} ${d.file}:${d.row}:${d.column}`);
    expect(found).toEqual(['progress-regressed thang-9/07651_thang9.csv:3:G', 'task-dropped thang-8/07651_thang8.csv:5:A']);
  });
});

describe('validate --compare', () => {
  it('reports the dropped and regressed tasks, the previous register named as such', async () => {
    const { result } = await validate({ ...common, paths: ['thang-9'], compare: ['thang-8'], asOf: '2024-09-30' });
    expect(
      result.diagnostics
        .map((d) => d.rule)
        .filter((r) => r === 'task-dropped' || r === 'progress-regressed')
        .sort(),
    ).toEqual(['progress-regressed', 'task-dropped']);
    expect(result.summary.warnings).toBe(result.diagnostics.filter((d) => d.severity === 'warning').length);
  });
});

describe('the CLI with --compare', () => {
  const out = mkdtempSync(join(tmpdir(), 'tiendo-compare-cli-'));
  const r = tiendo(['rollup', 'thang-9', '--out', out, '--period', 'Tháng 9/2024', '--compare', 'thang-8', '--format', 'json'], {
    cwd: DIR,
  });
  const json = JSON.parse(r.stdout);

  it('gives each unit its change and the result its previous run', () => {
    expect(json.previous).toEqual({ asOf: '2024-08-31', files: 2, tasks: 6 });
    const district = json.units.find((u: { code: string }) => u.code === '213');
    expect(district.change.total).toMatchObject({ completedSince: 1, newlyOverdue: 1 });
  });

  it('prints the +HT / mới QH column in the text summary', () => {
    const text = tiendo(['rollup', 'thang-9', '--out', out, '--period', '2024-09', '--compare', 'thang-8'], { cwd: DIR });
    expect(text.stdout).toContain('+HT / mới QH');
    expect(text.stdout).toMatch(/Tổng cộng — Huyện Lục Nam .* \+1 \/ 1\n/);
  });

  it('has no change key without --compare', () => {
    const plain = JSON.parse(tiendo(['rollup', 'thang-9', '--out', out, '--period', '2024-09', '--format', 'json'], { cwd: DIR }).stdout);
    expect(plain.units[0].change).toBeUndefined();
    expect(plain.previous).toBeUndefined();
  });
});
