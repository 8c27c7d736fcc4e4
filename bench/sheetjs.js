// A peer: SheetJS (the most used JavaScript spreadsheet reader; @e965/xlsx, the current build of
// `xlsx`, a devDependency used only here) merely loading every register, one at a time — workbooks
// and CSV alike through its own readers, as an application using it would. Prints { files, ms }.
//   node bench/sheetjs.js <folder>
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { registerFiles } from './files.js';

const files = registerFiles(process.argv[2]);
const started = performance.now();
for (const f of files) {
  // Bytes read by us (as for every peer), parsed by SheetJS: a CSV is given as its bytes too.
  XLSX.read(readFileSync(f), { type: 'buffer', cellDates: true });
}
process.stdout.write(`${JSON.stringify({ files: files.length, ms: performance.now() - started })}\n`);
