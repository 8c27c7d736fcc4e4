// Where outputs may go: checked before any work, and no write can spin or end in a stack trace.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, UsageError } from '../../src/errors.js';
import { atomically, checkOutputDir, checkOutputFile, ensureDir, folderCheckedOnce, systemFolder } from '../../src/write/atomic.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-atomic-'));
const file = join(dir, 'a-file');
writeFileSync(file, 'x');

function thrown(f: () => unknown): OutputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OutputError);
    return e as OutputError;
  }
  throw new Error('nothing thrown');
}

describe('systemFolder', () => {
  it('names /proc, /sys, /dev and what is under them, nothing else', () => {
    expect(systemFolder('/proc', 'linux')).toBe('/proc');
    expect(systemFolder('/proc/x/y', 'linux')).toBe('/proc');
    expect(systemFolder('/sys/kernel', 'linux')).toBe('/sys');
    expect(systemFolder('/dev/shm/out', 'linux')).toBe('/dev');
    expect(systemFolder('/processes', 'linux')).toBeNull();
    expect(systemFolder('/home/clerk/dev', 'linux')).toBeNull();
  });
  it('names the Windows folder on Windows, in any case', () => {
    const env = { SystemRoot: 'C:\\Windows' };
    expect(systemFolder('c:\\windows\\system32\\out', 'win32', env)).toBe('C:\\Windows');
    expect(systemFolder('C:\\Windows', 'win32', env)).toBe('C:\\Windows');
    expect(systemFolder('C:\\WindowsData\\out', 'win32', env)).toBeNull();
    expect(systemFolder('D:\\bao-cao', 'win32', env)).toBeNull();
  });
});

describe('checkOutputDir', () => {
  it('refuses a system folder at once, in both languages', () => {
    const e = thrown(() => checkOutputDir('/proc/x', '--out'));
    expect(e.text('vi')).toBe('không ghi vào /proc/x: /proc là thư mục của hệ điều hành — chọn thư mục khác bằng --out');
    expect(e.text('en')).toBe('will not write to /proc/x: /proc is a folder of the operating system — choose another folder with --out');
  });
  it('refuses a link into a system folder', () => {
    const link = join(dir, 'to-proc');
    symlinkSync('/proc', link);
    expect(thrown(() => checkOutputDir(join(link, 'out'))).message).toMatch(/\/proc là thư mục của hệ điều hành/);
  });
  it('refuses a file, and a folder under a file', () => {
    expect(thrown(() => checkOutputDir(file, '--out')).message).toBe(
      `${file} là một tệp, không phải thư mục — chọn thư mục khác bằng --out`,
    );
    expect(thrown(() => checkOutputDir(join(file, 'sub', 'deeper'))).message).toMatch(/a-file là một tệp, không phải thư mục$/);
  });
  it('refuses a folder under a dangling link, without spinning', () => {
    const link = join(dir, 'dangling');
    symlinkSync(join(dir, 'not-there', 'at-all'), link);
    expect(thrown(() => checkOutputDir(join(link, 'out'))).message).toMatch(/liên kết tới nơi không còn tồn tại/);
  });
  it('accepts a folder to be made, and leaves nothing behind', () => {
    const target = join(dir, 'new', 'deep', 'out');
    expect(checkOutputDir(target)).toBe(target);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    const there = join(dir, 'there');
    mkdirSync(there);
    checkOutputDir(there);
    expect(readdirSync(there)).toEqual([]);
  });
  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write (not as root, whom chmod does not stop)', async () => {
    const { chmodSync } = await import('node:fs');
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    expect(thrown(() => checkOutputDir(ro)).message).toMatch(/không có quyền ghi \(EACCES\)/);
    expect(thrown(() => checkOutputDir(join(ro, 'sub'))).message).toMatch(/không có quyền ghi \(EACCES\)/);
  });
});

describe('checkOutputFile', () => {
  it('refuses an existing file without force, a folder always', () => {
    expect(thrown(() => checkOutputFile(file)).message).toMatch(
      /đã có tệp .*a-file — không ghi đè; thêm --force để ghi đè, hoặc chọn tên khác/,
    );
    expect(checkOutputFile(file, { force: true })).toBe(file);
    expect(thrown(() => checkOutputFile(dir, { force: true })).message).toMatch(/là một thư mục — ghi tên tệp/);
  });
});

describe('ensureDir', () => {
  it('makes missing folders top down and says which', () => {
    const target = join(dir, 'e1', 'e2');
    expect(ensureDir(target)).toEqual([join(dir, 'e1'), target]);
    expect(ensureDir(target)).toEqual([]);
  });
  it("fails once under /proc, where Node's own mkdir -p spins", () => {
    const started = Date.now();
    expect(() => ensureDir('/proc/tiendo-x/y')).toThrow(OutputError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('atomically', () => {
  it('refuses a system folder before writing', async () => {
    await expect(atomically('/proc/x/24-bac-giang.xlsx', async () => undefined)).rejects.toThrow(/\/proc là thư mục của hệ điều hành/);
  });
  it('turns a full disk met while writing into one line, and removes the temporary file', async () => {
    const target = join(dir, 'full', 'out.xlsx');
    const e = await atomically(target, async (tmp) => {
      writeFileSync(tmp, 'half');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', errno: -28 });
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).text('vi')).toBe(`không ghi được tệp ${target}: hết chỗ trên đĩa (ENOSPC)`);
    expect((e as UsageError).text('en')).toBe(`cannot write the file ${target}: no space left on the disk (ENOSPC)`);
    expect(readdirSync(join(dir, 'full'))).toEqual([]);
  });
  it("leaves a bug a bug: an error that is not the disk's keeps its stack", async () => {
    const e = await atomically(join(dir, 'bug', 'out.xlsx'), async () => {
      throw new TypeError('x is undefined');
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TypeError);
  });
  it('leaves an error about another file (an input read again) as it is', async () => {
    const err = Object.assign(new Error('ENOENT: no such file or directory, open'), {
      code: 'ENOENT',
      syscall: 'open',
      path: '/elsewhere/input.xlsx',
    });
    const e = await atomically(join(dir, 'other', 'out.xlsx'), async () => {
      throw err;
    }).catch((x: unknown) => x);
    expect(e).toBe(err);
  });
});

describe('folderCheckedOnce', () => {
  it('makes and checks a folder for its first file only, and refuses a system folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tiendo-once-'));
    const out = join(root, 'copies');
    const folder = folderCheckedOnce();
    await atomically(join(out, 'a.xlsx'), (tmp) => Promise.resolve(writeFileSync(tmp, 'a')), folder);
    expect(readdirSync(out)).toEqual(['a.xlsx']);
    // the folder goes: a second file is not checked again (the rename then fails, a clear output error)
    rmSync(out, { recursive: true });
    await expect(atomically(join(out, 'b.xlsx'), (tmp) => Promise.resolve(writeFileSync(tmp, 'b')), folder)).rejects.toThrow(OutputError);
    expect(existsSync(out)).toBe(false);
    // without the check remembered, the folder is made again
    await atomically(join(out, 'b.xlsx'), (tmp) => Promise.resolve(writeFileSync(tmp, 'b')));
    expect(readdirSync(out)).toEqual(['b.xlsx']);
    expect(() => folderCheckedOnce()('/proc/tiendo/x.xlsx')).toThrow(OutputError);
    rmSync(root, { recursive: true, force: true });
  });
});
