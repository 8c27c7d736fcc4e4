// A template written by tiendo and filled in by openpyxl (fixtures/template, made by
// scripts/make-template-fixture.sh) validates clean and rolls up into the right unit.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_LISTS_SHEET, TEMPLATE_SHEET } from '../../src/write/template.js';
import { first } from '../helpers/at.js';
import { tiendo } from '../helpers/cli.js';

const dir = fileURLToPath(new URL('../../fixtures/template/', import.meta.url));

describe('a template filled in by openpyxl', () => {
  it('validates with no diagnostic and resolves to the second of two Xã Tân Sơn', () => {
    const r = tiendo(['validate', 'registers', '--as-of', '2024-09-30', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.diagnostics).toEqual([]);
    expect(json.files).toEqual([
      { path: 'registers/07800-filled.xlsx', unit: { code: '07800', name: 'Xã Tân Sơn' }, tasks: 3, errors: 0, warnings: 0 },
    ]);
  });
  it('rolls up into its unit and its district, not the other Tân Sơn', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiendo-template-'));
    const r = tiendo(['rollup', 'registers', '--as-of', '2024-09-30', '--period', '2024-Q3', '--out', out, '--format', 'json'], {
      cwd: dir,
    });
    expect(r.status).toBe(0);
    const units = Object.fromEntries(JSON.parse(r.stdout).units.map((u: { code: string; own: object; total: object }) => [u.code, u]));
    expect(units['07800'].own).toEqual({
      registered: 3,
      doneOnTime: 1,
      doneLate: 1,
      pendingOnTime: 1,
      pendingOverdue: 0,
      cancelled: 0,
      unclassified: 0,
      doneInPeriod: 1,
      completionRate: 66.7,
      onTimeRate: 50,
    });
    expect(units['215'].total.registered).toBe(3);
    expect(units['07700'].total.registered).toBe(0);
    expect(units['24'].total.registered).toBe(3);
  });
});

// Issue 12: a template never overwrites a register without --force, finds the roster as validate
// does, and refuses a year that is not one.
describe('tiendo template, the mistakes a clerk makes', () => {
  const UNITS = 'code,name,level,parent\n24,Tỉnh Bắc Giang,tinh,\n213,Huyện Lục Nam,huyen,24\n07651,Xã Yên Sơn,xa,213\n';
  const ROSTER = 'name,position,unit,from,to\nNguyễn Văn An,Chủ tịch UBND xã,07651,2020-01-01,\n';
  function oneLine(r: { status: number | null; stdout: string; stderr: string }, ...words: string[]): string {
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const line = first(lines, 'line of stderr');
    for (const w of words) expect(line).toContain(w);
    return line;
  }
  async function cellsOf(path: string, sheet: string): Promise<string[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const out: string[] = [];
    wb.getWorksheet(sheet)!.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
    return out;
  }
  /** units.csv and roster.csv in `danh-muc/`; the template written to `out/`; run from `elsewhere/`. */
  function place(): { root: string; cwd: string } {
    const root = mkdtempSync(join(tmpdir(), 'tiendo-tpl-'));
    for (const d of ['danh-muc', 'out', 'elsewhere']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'danh-muc', 'units.csv'), UNITS);
    writeFileSync(join(root, 'danh-muc', 'roster.csv'), ROSTER);
    return { root, cwd: join(root, 'elsewhere') };
  }

  it('finds roster.csv beside units.csv, so the owner drop-down is filled', async () => {
    const { root, cwd } = place();
    const out = join(root, 'out', 'yen-son.xlsx');
    const r = tiendo(['template', '--unit', '07651', '--units', '../danh-muc/units.csv', '--out', out, '--year', '2025'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`Đã ghi ${out}\n`);
    expect(await cellsOf(out, TEMPLATE_LISTS_SHEET)).toContain('Nguyễn Văn An');
    expect((await cellsOf(out, TEMPLATE_SHEET)).some((v) => v.includes('NĂM 2025'))).toBe(true);
  });
  it('never overwrites an existing file without --force; with it, does', () => {
    const { root, cwd } = place();
    const out = join(root, 'out', 'yen-son.xlsx');
    writeFileSync(out, 'a filled register');
    const args = ['template', '--unit', '07651', '--units', '../danh-muc/units.csv', '--out', out];
    oneLine(tiendo(args, { cwd }), `đã có tệp ${out}`, 'thêm --force để ghi đè, hoặc chọn tên khác');
    expect(readFileSync(out, 'utf8')).toBe('a filled register');
    oneLine(tiendo([...args, '--lang', 'en'], { cwd }), `${out} exists`, 'add --force');
    const forced = tiendo([...args, '--force'], { cwd });
    expect(forced.status, forced.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(1000);
  });
  it('refuses a year that is not four digits, before anything is written', () => {
    const { root, cwd } = place();
    const out = join(root, 'out', 'x.xlsx');
    for (const year of ['25', '20255', '1850', 'hai nghìn']) {
      oneLine(
        tiendo(['template', '--unit', '07651', '--units', '../danh-muc/units.csv', '--out', out, '--year', year], { cwd }),
        '--year phải là năm bốn chữ số (1900–2100)',
        `"${year}"`,
      );
    }
    oneLine(
      tiendo(['template', '--unit', '07651', '--units', '../danh-muc/units.csv', '--out', out, '--year', '25', '--lang', 'en'], { cwd }),
      '--year must be a four-digit year',
    );
    expect(() => statSync(out)).toThrow();
  });
  it('an --out that is a folder, or in a system folder', () => {
    const { root, cwd } = place();
    mkdirSync(join(root, 'out', 'a.xlsx'));
    oneLine(
      tiendo(['template', '--unit', '07651', '--units', '../danh-muc/units.csv', '--out', join(root, 'out', 'a.xlsx')], { cwd }),
      'là một thư mục — ghi tên tệp',
    );
    oneLine(
      tiendo(['template', '--unit', '07651', '--units', '../danh-muc/units.csv', '--out', '/proc/x.xlsx'], { cwd }),
      '/proc là thư mục của hệ điều hành',
    );
  });
});
