// The zip container in its legal forms: Zip64 (end record and locator, extra fields in local and
// central headers), data descriptors, stored entries, directory entries — each read to the same
// parts as the plain zip, and sizes held against the bound once known (never Infinity).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerRows, xlsx } from '../../scripts/make-hostile.js';
import { infoZip64, pythonZip64, rezip, unzipEntries } from '../../scripts/zip-forms.js';
import { readXlsx } from '../../src/read/xlsx.js';
import { inflateEntry, zipEntries } from '../../src/zip/read.js';
import { first } from '../helpers/at.js';

const LIMIT = { maxFileBytes: 200 * 1024 * 1024 };
const plain = xlsx([{ name: 'Danh mục', rows: registerRows('Xã Yên Sơn') }]);
const parts = unzipEntries(plain);

function partsOf(buf: Buffer): { name: string; data: string }[] {
  const entries = zipEntries(buf);
  expect(entries, 'a central directory').not.toBeNull();
  return entries!.filter((e) => !e.name.endsWith('/')).map((e) => ({ name: e.name, data: inflateEntry(buf, e).toString('utf8') }));
}

const want = parts.map((p) => ({ name: p.name, data: p.data.toString('utf8') }));

describe('zip forms', () => {
  it.each([
    ['Zip64: end record, locator, extra fields with every 32-bit field saturated', { zip64: true }],
    ['data descriptors (sizes after the data, zeros in the local header)', { descriptors: true }],
    ['Zip64 with data descriptors', { zip64: true, descriptors: true }],
    ['stored entries', { store: true }],
    ['directory entries', { directories: true }],
  ] as const)('reads %s', async (_, form) => {
    const buf = rezip(parts, form);
    expect(partsOf(buf)).toEqual(want);
    const a = await readXlsx(plain, LIMIT);
    const b = await readXlsx(buf, LIMIT);
    expect(b.ok).toBe(true);
    expect(b).toEqual(a);
  });

  it('reads what Info-ZIP writes with zip -fz and Python with force_zip64', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'tiendo-zip64-'));
    for (const buf of [infoZip64(parts, tmp), pythonZip64(parts, tmp)]) {
      if (!buf) continue; // the producer is not installed: the committed fixtures still cover it
      expect(partsOf(buf)).toEqual(want);
    }
  });

  it('holds a saturated size with no Zip64 field at its word (4 GB), refused by the bound, never Infinity', async () => {
    const buf = Buffer.from(plain);
    const entries = zipEntries(buf)!;
    // the central directory's uncompressed size of the first entry set to 0xFFFFFFFF
    const o = buf.readUInt32LE(buf.length - 22 + 16);
    buf.writeUInt32LE(0xffffffff, o + 24);
    const e = zipEntries(buf)!;
    expect(e[0]?.size).toBe(0xffffffff);
    expect(e.length).toBe(entries.length);
    const r = await readXlsx(buf, LIMIT);
    expect(r.ok).toBe(false);
    if (!r.ok && !r.skip) {
      expect(r.problem.messageId).toBe('tooLarge');
      expect(JSON.stringify(r.problem.data)).not.toMatch(/Infinity/);
    }
  });

  it('holds a Zip64 size beyond the bound against it', async () => {
    const buf = rezip(parts, { zip64: true });
    // the first central header's Zip64 field: its uncompressed size made 300 MB
    const cd = zipEntries(buf)!;
    expect(cd[0]?.size).toBe(first(parts).data.length);
    const at = buf.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    const nameLength = buf.readUInt16LE(at + 28);
    buf.writeBigUInt64LE(300n * 1024n * 1024n, at + 46 + nameLength + 4);
    expect(zipEntries(buf)![0]?.size).toBe(300 * 1024 * 1024);
    const r = await readXlsx(buf, LIMIT);
    expect(!r.ok && !r.skip && r.problem.messageId).toBe('tooLarge');
    expect(!r.ok && !r.skip && String(r.problem.data?.size)).toMatch(/^\d+\.\d MB$/);
  });

  it('calls a Zip64 end record that is missing damaged, not empty', () => {
    const buf = rezip(parts, { zip64: true });
    const locator = buf.length - 22 - 20;
    const broken = Buffer.from(buf);
    broken.writeBigUInt64LE(BigInt(buf.length), locator + 8); // points past the end
    expect(zipEntries(broken)).toBeNull();
  });
});
