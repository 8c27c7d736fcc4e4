// The floor: merely loading every register with the libraries, one at a time — exceljs's
// `wb.xlsx.readFile` for workbooks, csv-parse for text (decoded as tiendo decodes it, delimiter
// sniffed from the first line) — and nothing else. Prints { files, ms } as JSON.
//   node bench/floor.js <folder>
import { readFileSync } from 'node:fs';
import { registerFiles } from './files.js';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

function decode(buf) {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder().decode(buf.subarray(3));
  return new TextDecoder().decode(buf);
}

const files = registerFiles(process.argv[2]);
const started = performance.now();
for (const f of files) {
  if (f.toLowerCase().endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
  } else {
    const text = decode(readFileSync(f));
    const first = text.slice(0, text.indexOf('\n'));
    const delimiter = ['\t', ';', ','].sort((a, b) => first.split(b).length - first.split(a).length)[0];
    parse(text, { delimiter, relax_column_count: true, relax_quotes: true, info: true });
  }
}
process.stdout.write(`${JSON.stringify({ files: files.length, ms: performance.now() - started })}\n`);
