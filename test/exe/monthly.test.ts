// The clerk's monthly job (SPEC §8, src/monthly.ts) as a library: when the executable does it, what
// it writes, what its window says. The executables themselves: exe.test.ts, npm run test:exe.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { dropOneFolderText, exeMode, monthlyJob, monthlyText } from '../../src/monthly.js';

const PROVINCE = fileURLToPath(new URL('../../fixtures/province/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tiendo-monthly-'));

describe('exeMode: the monthly job or the command line', () => {
  const folder = join(scratch, 'Thang 9');
  const file = join(folder, 'a.csv');
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, '');
  const win = { platform: 'win32', env: {}, exeDir: 'C:\\tiendo', cwd: scratch };

  it("on Windows: no arguments is the job on the executable's folder, one folder the job on it", () => {
    expect(exeMode([], win)).toEqual({ kind: 'monthly', folder: 'C:\\tiendo' });
    expect(exeMode([folder], win)).toEqual({ kind: 'monthly', folder });
    expect(exeMode(['Thang 9'], win)).toEqual({ kind: 'monthly', folder });
  });
  it('on Windows: commands, options and what does not exist are the command line', () => {
    for (const args of [['--help'], ['-V'], ['rules'], ['validate', folder], ['help'], ['khong-co'], [folder, '--format', 'json']]) {
      expect(exeMode(args, win), args.join(' ')).toEqual({ kind: 'cli' });
    }
  });
  it('on Windows: a file, or several folders, dropped: the window asks for one folder', () => {
    expect(exeMode([file], win)).toEqual({ kind: 'drop-one-folder', paths: [file] });
    expect(exeMode([folder, scratch], win)).toEqual({ kind: 'drop-one-folder', paths: [folder, scratch] });
    expect(dropOneFolderText([file])).toContain('MỘT thư mục');
  });
  it('elsewhere: always the command line, unless TIENDO_MONTHLY=1', () => {
    expect(exeMode([], { ...win, platform: 'linux' })).toEqual({ kind: 'cli' });
    expect(exeMode([folder], { ...win, platform: 'linux' })).toEqual({ kind: 'cli' });
    expect(exeMode([folder], { ...win, platform: 'linux', env: { TIENDO_MONTHLY: '1' } })).toEqual({ kind: 'monthly', folder });
  });
});

describe("monthlyJob on a copy of the fixtures' province", () => {
  const asOf = '2024-09-30';

  it("writes the summary workbooks and every register's annotated copy into tiendo-ket-qua, reading once what validate reads", async () => {
    const folder = join(scratch, 'province');
    cpSync(PROVINCE, folder, { recursive: true });
    const r = await monthlyJob({ folder, asOf });
    if (r.kind !== 'done') throw new Error(r.kind);
    expect(r.month).toBe('2024-09');
    expect(r.outDir).toBe(join(folder, 'tiendo-ket-qua'));
    expect(r.workbooks).toEqual([
      '24-bac-giang.xlsx',
      '213-luc-nam.xlsx',
      '215-lang-giang.xlsx',
      '217-hiep-hoa.xlsx',
      '219-bac-giang.xlsx',
    ]);
    expect(readdirSync(r.outDir).sort()).toEqual([...r.workbooks!, ...r.annotated].sort());
    const v = await validate({ paths: [folder], cwd: folder, asOf });
    expect(r.validation.summary).toEqual(v.result.summary);
    expect(r.annotated.length).toBe(v.result.files.length);
    expect(r.exitCode).toBe(1);
    const text = monthlyText(r);
    expect(text).toMatch(/^tiendo — kiểm tra và tổng hợp tháng 9\/2024, tính đến ngày 30\/09\/2024\n/);
    expect(text).toContain(`Đã đọc ${v.result.summary.files} tệp đăng ký: ${v.result.summary.tasks} việc, ${v.result.summary.errors} lỗi`);
    expect(text).toContain('5 báo cáo tổng hợp: 24-bac-giang.xlsx');

    // Run again: last month's results are not read as registers, and are replaced.
    const again = await monthlyJob({ folder, asOf });
    if (again.kind !== 'done') throw new Error(again.kind);
    expect(again.validation.summary).toEqual(r.validation.summary);
    expect(readdirSync(r.outDir).sort()).toEqual([...r.workbooks!, ...r.annotated].sort());
  });

  it('without units.csv: checks and annotates, no workbook, and says what is missing', async () => {
    const folder = join(scratch, 'no-units');
    cpSync(PROVINCE, folder, { recursive: true });
    rmSync(join(folder, 'units.csv'));
    const r = await monthlyJob({ folder, asOf });
    if (r.kind !== 'done') throw new Error(r.kind);
    expect(r.workbooks).toBeNull();
    expect(r.annotated.length).toBeGreaterThan(0);
    expect(readdirSync(r.outDir).every((f) => f.endsWith('.checked.xlsx'))).toBe(true);
    expect(monthlyText(r)).toContain('không tìm thấy danh mục đơn vị units.csv');
  });

  it('with no register: nothing written, a message on how to use it, exit 2', async () => {
    const folder = join(scratch, 'empty');
    mkdirSync(folder);
    writeFileSync(join(folder, 'units.csv'), 'code,name,level,parent\n24,Tỉnh Bắc Giang,tinh,\n');
    const r = await monthlyJob({ folder, asOf });
    expect(r).toMatchObject({ kind: 'empty', exitCode: 2 });
    expect(existsSync(join(folder, 'tiendo-ket-qua'))).toBe(false);
    expect(monthlyText(r)).toContain('không có tệp đăng ký nào (.xlsx, .csv)');
  });
});
