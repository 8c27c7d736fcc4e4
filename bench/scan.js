// The floor of all readers: every register's bytes read, a workbook's sheet and shared-string parts
// inflated (zlib, raw deflate) and scanned once for their cells, a CSV decoded and scanned once for its
// records — no value interpreted, nothing kept. Whatever a reader does, it does at least this.
// Prints { files, cells, ms }.
//   node bench/scan.js <folder>
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { registerFiles } from './files.js';
import { zipEntries } from '../dist/zip/read.js';

function count(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const files = registerFiles(process.argv[2]);
let cells = 0;
const started = performance.now();
for (const f of files) {
  const buf = readFileSync(f);
  if (f.toLowerCase().endsWith('.xlsx')) {
    for (const e of zipEntries(buf) ?? []) {
      if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/i.test(e.name)) continue;
      // the entry's data: after its local header (30 bytes, the name and the extra field)
      const at = e.localOffset;
      const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
      const data = buf.subarray(start, start + e.compressedSize);
      const xml = (e.method === 0 ? data : inflateRawSync(data)).toString('latin1');
      cells += count(xml, '<c ');
    }
  } else {
    const text = buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString('utf16le') : buf.toString('utf8');
    cells += count(text, '\n');
  }
}
process.stdout.write(`${JSON.stringify({ files: files.length, cells, ms: performance.now() - started })}\n`);
