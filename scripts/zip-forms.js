// Legal forms of the zip container that registers arrive in, for the fixtures (scripts/fixture-sets/
// forms.js) and the reader's tests. Independent of tiendo's code: its own reader and writer.
//
//   unzipEntries(buf)                 [{ name, data, method }] in directory order
//   rezip(entries, form)              a zip of the same entries, written in one form:
//     { store: true }                 every entry stored (method 0), as some exporters do
//     { descriptors: true }           sizes and CRC after the data (flag bit 3), zeros in the local header,
//                                     as streaming writers do (Java's ZipOutputStream, .NET)
//     { zip64: true }                 Zip64 extra fields in local and central headers with 0xFFFFFFFF in the
//                                     32-bit fields, and the Zip64 end record and locator (Commons Compress)
//     { directories: true }           a directory entry (`xl/`, `xl/worksheets/` …) before the first file in it
//   infoZip64(entries, tmp)           Info-ZIP `zip -fz` itself (null when zip is not installed)
//   pythonZip64(entries, tmp, py)     Python's zipfile with force_zip64=True (null when no python3)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from './make-hostile.js';

const DOS_DATE = ((2024 - 1980) << 9) | (10 << 5) | 5; // 5 October 2024, 00:00
const MAX32 = 0xffffffff;

/** The entries of a plain zip (no Zip64 needed: the fixtures' sources are small). */
export function unzipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('no end of central directory');
  const out = [];
  let o = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(o + 10);
    const csize = buf.readUInt32LE(o + 20);
    const nl = buf.readUInt16LE(o + 28);
    const name = buf.toString('utf8', o + 46, o + 46 + nl);
    const lo = buf.readUInt32LE(o + 42);
    const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
    const body = buf.subarray(start, start + csize);
    out.push({ name, method, data: method === 0 ? Buffer.from(body) : inflateRawSync(body) });
    o += 46 + nl + buf.readUInt16LE(o + 30) + buf.readUInt16LE(o + 32);
  }
  return out;
}

function u64(n) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** A zip of `entries` in the form asked for (see the header). */
export function rezip(entries, form = {}) {
  let list = entries.filter((e) => !e.name.endsWith('/'));
  if (form.directories) {
    const seen = new Set();
    const withDirs = [];
    for (const e of list) {
      const parts = e.name.split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) {
        const dir = `${parts.slice(0, i).join('/')}/`;
        if (!seen.has(dir)) {
          seen.add(dir);
          withDirs.push({ name: dir, data: Buffer.alloc(0), dir: true });
        }
      }
      withDirs.push(e);
    }
    list = withDirs;
  }
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of list) {
    const name = Buffer.from(e.name, 'utf8');
    const store = form.store || e.dir;
    const method = store ? 0 : 8;
    const body = store ? e.data : deflateRawSync(e.data, { level: 6 });
    const crc = crc32(e.data);
    const descriptor = form.descriptors && !e.dir;
    const flags = 0x0800 | (descriptor ? 0x0008 : 0);
    const version = form.zip64 ? 45 : 20;
    const localExtra = form.zip64
      ? Buffer.concat([Buffer.from([1, 0, 16, 0]), u64(descriptor ? 0 : e.data.length), u64(descriptor ? 0 : body.length)])
      : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(descriptor ? 0 : crc, 14);
    local.writeUInt32LE(form.zip64 ? MAX32 : descriptor ? 0 : body.length, 18);
    local.writeUInt32LE(form.zip64 ? MAX32 : descriptor ? 0 : e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const parts = [local, name, localExtra, body];
    if (descriptor) {
      // signature, CRC, then 8-byte sizes in a Zip64 file, 4-byte ones otherwise
      const d = form.zip64 ? Buffer.alloc(24) : Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(crc, 4);
      if (form.zip64) {
        d.writeBigUInt64LE(BigInt(body.length), 8);
        d.writeBigUInt64LE(BigInt(e.data.length), 16);
      } else {
        d.writeUInt32LE(body.length, 8);
        d.writeUInt32LE(e.data.length, 12);
      }
      parts.push(d);
    }
    locals.push(...parts);
    const centralExtra = form.zip64
      ? Buffer.concat([Buffer.from([1, 0, 24, 0]), u64(e.data.length), u64(body.length), u64(offset)])
      : Buffer.alloc(0);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(version, 4);
    cd.writeUInt16LE(version, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(form.zip64 ? MAX32 : body.length, 20);
    cd.writeUInt32LE(form.zip64 ? MAX32 : e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(centralExtra.length, 30);
    cd.writeUInt32LE(e.dir ? 0x10 : 0, 38);
    cd.writeUInt32LE(form.zip64 ? MAX32 : offset, 42);
    central.push(cd, name, centralExtra);
    offset += parts.reduce((n, p) => n + p.length, 0);
  }
  const cdBuf = Buffer.concat(central);
  const tail = [];
  if (form.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(list.length), 24);
    rec.writeBigUInt64LE(BigInt(list.length), 32);
    rec.writeBigUInt64LE(BigInt(cdBuf.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cdBuf.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(form.zip64 ? 0xffff : list.length, 8);
  eocd.writeUInt16LE(form.zip64 ? 0xffff : list.length, 10);
  eocd.writeUInt32LE(form.zip64 ? MAX32 : cdBuf.length, 12);
  eocd.writeUInt32LE(form.zip64 ? MAX32 : offset, 16);
  return Buffer.concat([...locals, cdBuf, ...tail, eocd]);
}

/** Info-ZIP's `zip -fz` (Zip64 forced) over the entries written to a folder with a fixed date; null without zip. */
export function infoZip64(entries, tmp) {
  if (spawnSync('zip', ['-v'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = join(tmp, 'infozip-src');
  rmSync(dir, { recursive: true, force: true });
  const fixed = new Date(Date.UTC(2024, 9, 5));
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const p = join(dir, e.name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, e.data);
    utimesSync(p, fixed, fixed);
  }
  const out = join(tmp, 'infozip.xlsx');
  rmSync(out, { force: true });
  // -X: no extra attributes (uid, times), so the bytes do not depend on the machine; -D: no directory entries
  const r = spawnSync('zip', ['-q', '-X', '-D', '-fz', out, ...entries.filter((e) => !e.name.endsWith('/')).map((e) => e.name)], {
    cwd: dir,
    env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) throw new Error(`zip -fz failed: ${r.stderr}`);
  return readFileSync(out);
}

/** Python's zipfile with force_zip64=True for every entry (Zip64 extra in each local header); null without python3. */
export function pythonZip64(entries, tmp, python = 'python3') {
  if (spawnSync(python, ['-c', 'import zipfile'], { stdio: 'ignore' }).status !== 0) return null;
  const src = join(tmp, 'python-src.json');
  const out = join(tmp, 'python64.xlsx');
  writeFileSync(
    src,
    JSON.stringify(entries.filter((e) => !e.name.endsWith('/')).map((e) => ({ name: e.name, data: e.data.toString('base64') }))),
  );
  const code = `
import base64, json, sys, zipfile
entries = json.load(open(sys.argv[1]))
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
    for e in entries:
        info = zipfile.ZipInfo(e['name'], (2024, 10, 5, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with z.open(info, 'w', force_zip64=True) as f:
            f.write(base64.b64decode(e['data']))
`;
  const r = spawnSync(python, ['-c', code, src, out]);
  if (r.status !== 0) throw new Error(`python zipfile failed: ${r.stderr}`);
  return readFileSync(out);
}
