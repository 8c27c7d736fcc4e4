// Regenerates fixtures/: `node scripts/make-fixtures.js` (or `npm run fixtures`). Given paths under
// fixtures/ (`npm run fixtures -- rules/title-missing`), it writes only the files under them (every set
// is still built, and judged: the others' files go to a temporary folder), so adding one rule's fixture
// leaves the rest of fixtures/ as committed, whichever writers this machine has.
//
// Independent of tiendo's code on purpose: the fixtures are the oracle. Workbooks come from three
// writers — exceljs (in process), openpyxl (scripts/openpyxl_fixtures.py, run with /usr/bin/python3)
// and LibreOffice (`soffice --headless --convert-to`). When python3-openpyxl or soffice is missing,
// the files they would write are left as committed (and the run says so); everything else, and every
// expected.json / truth.json / sidecar, is rewritten. No clock, no unseeded randomness: two runs give
// the same files (xlsx zips are re-stamped with a fixed date when python is there).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvBytes, exceljsWorkbook, gridJson, layout, writeBytes } from './fixture-kit.js';
import buildProvince from './fixture-sets/province.js';
import buildTwoTier from './fixture-sets/two-tier.js';
import buildRules from './fixture-sets/rules.js';
import buildRegisters from './fixture-sets/registers.js';
import buildBroken from './fixture-sets/broken.js';
import buildProducers from './fixture-sets/producers.js';
import buildProgress from './fixture-sets/progress.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures');
const PYTHON = '/usr/bin/python3';
const PY_SCRIPT = join(ROOT, 'scripts', 'openpyxl_fixtures.py');

function hasPython() {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
}
function hasSoffice() {
  return spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
}

// FIXTURES_WITHOUT=python,soffice pretends a tool is missing (to check that its files are kept)
const without = new Set((process.env.FIXTURES_WITHOUT ?? '').split(',').map((s) => s.trim()));
function hasXlsxwriter() {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import xlsxwriter'], { stdio: 'ignore' }).status === 0;
}
const tools = {
  python: !without.has('python') && hasPython(),
  soffice: !without.has('soffice') && hasSoffice(),
  xlsxwriter: !without.has('python') && !without.has('xlsxwriter') && hasXlsxwriter(),
  gnumeric: !without.has('gnumeric') && spawnSync('ssconvert', ['--version'], { stdio: 'ignore' }).status === 0,
};
const tmp = mkdtempSync(join(tmpdir(), 'tiendo-fixtures-'));
const only = process.argv.slice(2).map((p) =>
  p
    .replace(/\\/g, '/')
    .replace(/^(\.\/)?fixtures\//, '')
    .replace(/\/+$/, ''),
);
const kept = (rel) => only.length === 0 || only.some((p) => rel === p || rel.startsWith(`${p}/`));
/** Where a file of fixtures/ is written: in place, or set aside when the run is limited to other paths. */
const at = (rel) => (kept(rel) ? join(FIXTURES, rel) : join(tmp, 'set-aside', rel));
const pyJobs = [];
const sofficeJobs = [];
const afterJobs = [];
const xlsxOut = [];
const verify = [];
const skipped = [];

/** What the fixture sets use to write files; paths are relative to fixtures/. */
const ctx = {
  root: FIXTURES,
  tools,
  abs: (rel) => at(rel),
  async text(rel, s) {
    await writeBytes(at(rel), Buffer.from(s, 'utf8'));
  },
  async json(rel, obj) {
    await writeBytes(at(rel), Buffer.from(`${JSON.stringify(obj, null, 2)}\n`, 'utf8'));
  },
  async bytes(rel, bytes) {
    await writeBytes(at(rel), bytes);
  },

  /**
   * Write a register. def: see fixture-kit layout(); how: { writer: 'csv'|'exceljs'|'openpyxl'|'soffice-xlsx'|'soffice-csv',
   * csv: { delimiter, eol, encoding, padTitle }, xlsx: { sheetName, date1904, widths, font, patchNumFmt, isoDates } }.
   * Returns { grid, rowOf(task), headerRow, lines }.
   */
  async register(rel, def, how) {
    const grid = layout(def);
    if (def.postLayout) def.postLayout(grid);
    const abs = at(rel);
    let rowNumbers = grid.rows.map((_, i) => i + 1);
    if (how.writer === 'csv') {
      const { bytes, lines } = csvBytes(grid, how.csv);
      await writeBytes(abs, bytes);
      rowNumbers = lines;
    } else if (how.writer === 'exceljs') {
      mkdirSync(dirname(abs), { recursive: true });
      await exceljsWorkbook(grid, how.xlsx).xlsx.writeFile(abs);
      xlsxOut.push(abs);
      verify.push({ abs, grid, how });
    } else if (how.writer === 'openpyxl' || how.writer === 'xlsxwriter') {
      if (tools.python && (how.writer === 'openpyxl' || tools.xlsxwriter)) {
        mkdirSync(dirname(abs), { recursive: true });
        pyJobs.push({ out: abs, grid: gridJson(grid, how.xlsx), writer: how.writer });
        xlsxOut.push(abs);
        verify.push({ abs, grid, how });
      } else skipped.push(rel);
    } else if (how.writer === 'sheetjs') {
      const XLSX = await sheetjs();
      if (XLSX) {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, sheetjsWorkbook(XLSX, grid, how.xlsx ?? {}));
        xlsxOut.push(abs);
        verify.push({ abs, grid, how });
      } else skipped.push(rel);
    } else if (how.writer === 'gnumeric') {
      // Gnumeric's ssconvert, from the register as exceljs writes it
      if (tools.gnumeric) {
        const src = join(tmp, 'gnumeric', `${rel.split('/').pop()}`);
        mkdirSync(dirname(src), { recursive: true });
        await exceljsWorkbook(grid, how.xlsx).xlsx.writeFile(src);
        mkdirSync(dirname(abs), { recursive: true });
        const r = spawnSync('ssconvert', ['--export-type=Gnumeric_Excel:xlsx2', src, abs], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`ssconvert failed on ${src}: ${r.stderr}`);
        xlsxOut.push(abs);
        verify.push({ abs, grid, how });
      } else skipped.push(rel);
    } else if (how.writer === 'soffice-ods') {
      // a register kept in LibreOffice's own format and saved as .xlsx: exceljs → .ods → .xlsx
      if (tools.soffice) {
        const n = sofficeJobs.length;
        const base = rel
          .split('/')
          .pop()
          .replace(/\.xlsx$/, '');
        const src = join(tmp, 'src', String(n), `${base}.xlsx`);
        mkdirSync(dirname(src), { recursive: true });
        await exceljsWorkbook(grid, how.xlsx).xlsx.writeFile(src);
        const ods = join(tmp, 'ods', String(n), `${base}.ods`);
        sofficeJobs.push({ src, target: 'ods', filter: null, out: ods });
        sofficeJobs.push({ src: ods, target: 'xlsx', filter: null, out: abs });
        xlsxOut.push(abs);
        verify.push({ abs, grid, how });
      } else skipped.push(rel);
    } else if (how.writer === 'soffice-xlsx' || how.writer === 'soffice-csv') {
      if (tools.soffice) {
        // one folder per job keeps the file's own name (LibreOffice names a CSV's sheet after it)
        const name = join(String(sofficeJobs.length), rel.split('/').pop());
        let src;
        let filter = null;
        if (how.writer === 'soffice-xlsx') {
          src = join(tmp, 'src', name);
          mkdirSync(dirname(src), { recursive: true });
          await exceljsWorkbook(grid, how.xlsx).xlsx.writeFile(src);
        } else {
          src = join(tmp, 'src', name.replace(/\.xlsx$/, '.csv'));
          const { bytes } = csvBytes(grid, { delimiter: ',', eol: '\r\n', encoding: 'utf8' });
          await writeBytes(src, bytes);
          // every column imported as text (format 2): what a clerk gets from "Text CSV" with text columns
          const cols = grid.rows[0].cells.map((_, i) => `${i + 1}/2`).join('/');
          filter = `CSV:44,34,76,1,${cols}`;
        }
        sofficeJobs.push({ src, target: 'xlsx', filter, out: abs });
        xlsxOut.push(abs);
        verify.push({ abs, grid, how });
      } else skipped.push(rel);
    } else throw new Error(`writer ${how.writer}`);
    const index = new Map(grid.rows.map((r, i) => [r, i]));
    return {
      grid,
      rowOf: (task) => rowNumbers[grid.rows.findIndex((r) => r.task === task)],
      headerRow: rowNumbers[grid.rows.findIndex((r) => r.kind === 'header')],
      rowNumbers,
      index,
    };
  },

  /** Convert a workbook written here to another format with LibreOffice (xls, ods, xlsx). */
  async sofficeConvert(rel, grid, target, xlsxOpts = {}) {
    if (!tools.soffice) {
      skipped.push(rel);
      return;
    }
    const src = join(
      tmp,
      'src',
      String(sofficeJobs.length),
      `${rel
        .split('/')
        .pop()
        .replace(/\.[^.]+$/, '')}.xlsx`,
    );
    mkdirSync(dirname(src), { recursive: true });
    await exceljsWorkbook(grid, xlsxOpts).xlsx.writeFile(src);
    sofficeJobs.push({ src, target, filter: null, out: at(rel) });
    if (target !== 'xls') xlsxOut.push(at(rel));
  },

  /** Write an exceljs workbook built by a fixture set (re-stamped with the fixed date like the others). */
  async workbook(rel, wb) {
    const abs = at(rel);
    mkdirSync(dirname(abs), { recursive: true });
    await wb.xlsx.writeFile(abs);
    xlsxOut.push(abs);
  },

  /** Run fn(bytesOf) after every workbook is final (to cut a copy of one in half, say). */
  after(fn) {
    afterJobs.push(fn);
  },
};

/**
 * SheetJS (the `xlsx` package, 0.18.5 on npm): from the project when it is a devDependency, else
 * from the folder SHEETJS names (`npm install --prefix /tmp/sheetjs xlsx@0.18.5`); null without it.
 */
let sheetjsModule;
async function sheetjs() {
  if (sheetjsModule !== undefined) return sheetjsModule;
  for (const spec of ['xlsx', process.env.SHEETJS && join(process.env.SHEETJS, 'node_modules', 'xlsx', 'xlsx.mjs')].filter(Boolean)) {
    try {
      sheetjsModule = await import(spec.startsWith('/') ? `file://${spec}` : spec);
      return sheetjsModule;
    } catch {
      /* not installed */
    }
  }
  return (sheetjsModule = null);
}

/** A grid written by SheetJS: cells with their number formats, merges, extra sheets (hidden: Hidden 1, very hidden: 2). */
function sheetjsWorkbook(XLSX, grid, opts) {
  const wb = XLSX.utils.book_new();
  const ws = {};
  let maxC = 0;
  grid.rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      maxC = Math.max(maxC, c);
      const ref = XLSX.utils.encode_cell({ r, c });
      if (cell.t === 's') ws[ref] = { t: 's', v: cell.v };
      else if (cell.t === 'n' || cell.t === 'serial')
        ws[ref] = { t: 'n', v: cell.v, ...(cell.fmt || cell.t === 'serial' ? { z: cell.fmt ?? 'dd/mm/yyyy' } : {}) };
      else if (cell.t === 'formula') ws[ref] = { t: 'n', v: cell.v, f: cell.formula };
      else throw new Error(`cell type ${cell.t} not supported by the SheetJS writer`);
    }),
  );
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: grid.rows.length - 1, c: maxC } });
  ws['!merges'] = grid.merges.map(([r1, c1, r2, c2]) => ({ s: { r: r1 - 1, c: c1 }, e: { r: r2 - 1, c: c2 } }));
  ws['!cols'] = grid.rows[0].cells.map((_, i) => ({ wch: opts.widths?.[i] ?? (i === 1 ? 45 : 16) }));
  const extra = grid.extraSheets ?? [];
  const add = (name, sheet, state) => {
    XLSX.utils.book_append_sheet(wb, sheet, name);
    wb.Workbook ??= { Sheets: [] };
    wb.Workbook.Sheets[wb.SheetNames.length - 1] = { name, Hidden: state === 'veryHidden' ? 2 : state === 'hidden' ? 1 : 0 };
  };
  for (const e of extra.filter((x) => x.first)) add(e.name, XLSX.utils.aoa_to_sheet(e.rows), e.state);
  add(opts.sheetName ?? 'Danh mục', ws, 'visible');
  for (const e of extra.filter((x) => !x.first)) add(e.name, XLSX.utils.aoa_to_sheet(e.rows), e.state);
  wb.Props = { Author: 'tiendo fixtures', CreatedDate: new Date(Date.UTC(2024, 9, 5)) };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
}

function runPython() {
  if (!pyJobs.length) return;
  const jobs = join(tmp, 'jobs.json');
  writeFileSync(jobs, JSON.stringify(pyJobs));
  execFileSync(PYTHON, [PY_SCRIPT, 'write', jobs], { stdio: 'inherit' });
}

function runSoffice() {
  const profile = `file://${join(tmp, 'lo-profile')}`;
  for (const job of sofficeJobs) {
    const outDir = join(tmp, 'out', String(sofficeJobs.indexOf(job)));
    mkdirSync(outDir, { recursive: true });
    const args = [`-env:UserInstallation=${profile}`, '--headless'];
    if (job.filter) args.push(`--infilter=${job.filter}`);
    const filter = { xlsx: 'xlsx:Calc MS Excel 2007 XML', xls: 'xls:MS Excel 97', ods: 'ods' }[job.target];
    args.push('--convert-to', filter, '--outdir', outDir, job.src);
    const r = spawnSync('soffice', args, { encoding: 'utf8' });
    const produced = join(
      outDir,
      job.src
        .split('/')
        .pop()
        .replace(/\.[^.]+$/, `.${job.target}`),
    );
    if (r.status !== 0 || !existsSync(produced)) throw new Error(`soffice failed on ${job.src}: ${r.stderr}`);
    mkdirSync(dirname(job.out), { recursive: true });
    copyFileSync(produced, job.out);
  }
}

/** Read every workbook back with openpyxl and compare it with the grid it was written from. */
function verifyWorkbooks() {
  if (!tools.python || !verify.length) return;
  const out = execFileSync(PYTHON, [PY_SCRIPT, 'dump', ...verify.map((v) => v.abs)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const dumps = JSON.parse(out);
  const problems = [];
  verify.forEach(({ abs, grid, how }, i) => {
    const name = how.xlsx?.sheetName ?? 'Danh mục';
    const sheet = dumps[i].sheets.find((x) => x.name === name) ?? dumps[i].sheets[0];
    const allText = how.writer === 'soffice-csv';
    grid.rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        const got = sheet.rows[String(r + 1)]?.[String(c)];
        if (!cell) return;
        const where = `${relative(FIXTURES, abs)} ${String.fromCharCode(65 + c)}${r + 1}`;
        if (!got) {
          problems.push(`${where}: empty, expected ${JSON.stringify(cell.v)}`);
          return;
        }
        const v = got.v;
        if (allText) {
          const text = cell.t === 'serial' ? null : cell.t === 'rich' ? cell.v.map((x) => x.text).join('') : String(cell.v);
          if (text !== null && String(v) !== text) problems.push(`${where}: ${JSON.stringify(v)} ≠ ${JSON.stringify(text)}`);
          return;
        }
        switch (cell.t) {
          case 's':
            if (v !== cell.v) problems.push(`${where}: ${JSON.stringify(v)} ≠ ${JSON.stringify(cell.v)}`);
            break;
          case 'n':
            if (typeof v !== 'number' || Math.abs(v - cell.v) > 1e-9) problems.push(`${where}: ${JSON.stringify(v)} ≠ ${cell.v}`);
            break;
          case 'serial': {
            const ok = (v && v.date === cell.iso) || (how.xlsx?.patchNumFmt && v === cell.v);
            if (!ok) problems.push(`${where}: ${JSON.stringify(v)} is not the date ${cell.iso}`);
            break;
          }
          case 'rich':
            if (v !== cell.v.map((x) => x.text).join('')) problems.push(`${where}: rich text ${JSON.stringify(v)}`);
            break;
          case 'link':
            if (v !== cell.v) problems.push(`${where}: link text ${JSON.stringify(v)}`);
            break;
          case 'formula':
            if (typeof v !== 'string' || !v.startsWith('=')) problems.push(`${where}: formula ${JSON.stringify(v)}`);
            break;
          default:
            break;
        }
        if (cell.font?.name && got.font !== cell.font.name) problems.push(`${where}: font ${got.font} ≠ ${cell.font.name}`);
      });
    });
    if (how.xlsx?.date1904 && !sheet.epoch1904) problems.push(`${relative(FIXTURES, abs)}: not in the 1904 date system`);
  });
  if (problems.length) throw new Error(`workbooks do not read back as written:\n${problems.slice(0, 40).join('\n')}`);
}

async function main() {
  await buildProvince(ctx);
  await buildTwoTier(ctx);
  await buildRules(ctx);
  await buildRegisters(ctx);
  await buildBroken(ctx);
  await buildProgress(ctx);
  await buildProducers(ctx);
  runPython();
  runSoffice();
  if (tools.python) {
    const existing = xlsxOut.filter((p) => existsSync(p));
    if (existing.length) execFileSync(PYTHON, [PY_SCRIPT, 'normalize', ...existing], { stdio: 'inherit' });
  }
  verifyWorkbooks();
  for (const fn of afterJobs) await fn({ read: (rel) => readFileSync(at(rel)) });
  rmSync(tmp, { recursive: true, force: true });
  const said = [
    `openpyxl: ${tools.python ? 'used' : 'not found (/usr/bin/python3 with python3-openpyxl)'}`,
    `soffice: ${tools.soffice ? 'used' : 'not found (LibreOffice)'}`,
    `xlsxwriter: ${tools.xlsxwriter ? 'used' : 'not found (/usr/bin/python3 with python3-xlsxwriter)'}`,
    `SheetJS: ${sheetjsModule ? 'used' : 'not found (the xlsx package, or SHEETJS=folder)'}`,
    `Gnumeric: ${tools.gnumeric ? 'used' : 'not found (ssconvert, Debian gnumeric)'}`,
  ];
  const where = relative(process.cwd(), FIXTURES) || '.';
  const what = only.length ? `${only.map((p) => `${where}/${p}`).join(', ')} (the rest set aside)` : where;
  process.stderr.write(`fixtures written to ${what} (${said.join('; ')})\n`);
  if (skipped.length) {
    process.stderr.write(`kept as committed (their writer is missing): ${[...new Set(skipped)].join(', ')}\n`);
  }
}

main().catch((e) => {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
