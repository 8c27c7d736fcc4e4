// The annotated copy of an .xlsx register made at zip level (src/write/annotate-patch.ts): read back
// by exceljs, openpyxl and LibreOffice, the flagged cells filled and noted, the register's own
// formatting and every part the annotation does not change exactly as they were.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_FILL, RESULT_SHEET, WARNING_FILL, writeAnnotated } from '../../src/write/annotate.js';
import { writePatchedCopy } from '../../src/write/annotate-patch.js';
import { inflatePart, packageEntries, patchZip } from '../../src/write/zip-patch.js';
import type { Diagnostic, RawWorkbook, Register } from '../../src/types.js';
import { openpyxlPython } from '../helpers/tools.js';
import { hasSoffice } from '../helpers/soffice.js';
import { at } from '../helpers/at.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-annotate-patch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function register(path: string): Register {
  return {
    path,
    displayPath: 'yen-son.xlsx',
    kind: 'xlsx',
    workbook: null,
    sheet: 'Danh mục',
    headerRow: 3,
    columns: {},
    titleLines: [],
    unit: { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213', from: null, to: null },
    unitSource: 'filename',
    tasks: [],
    problems: [],
  };
}

function diag(d: Partial<Diagnostic> & Pick<Diagnostic, 'rule' | 'message'>): Diagnostic {
  return {
    file: 'yen-son.xlsx',
    sheet: 'Danh mục',
    row: null,
    column: null,
    severity: 'error',
    taskId: null,
    messageId: 'default',
    data: {},
    ...d,
  };
}

/** A register as a unit makes one: a merged title, fonts, borders, widths, formats, a shared formula, a note of its own, a second sheet. */
async function makeRegister(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = 'ĐẢNG ỦY XÃ YÊN SƠN';
  ws.getCell('A1').font = { bold: true, name: 'Times New Roman', size: 14 };
  ws.getRow(3).values = ['STT', 'Nội dung', 'Người chịu trách nhiệm', 'Tiến độ (%)', 'Thời hạn', 'Điểm'];
  const body: [number, string, string, number, Date][] = [
    [1, 'Làm đường', '', 0.455, new Date(Date.UTC(2024, 8, 30))],
    [2, 'Sửa trường', 'Lê Thị Hà', 1, new Date(Date.UTC(2024, 11, 31))],
    [3, 'Xây nhà văn hóa', 'Trần Văn Bình', 0.2, new Date(Date.UTC(2024, 5, 30))],
  ];
  body.forEach((values, i) => {
    const row = ws.getRow(4 + i);
    row.values = values;
    row.eachCell((c) => {
      c.font = { name: 'Times New Roman', size: 12 };
      c.border = { bottom: { style: 'thin' } };
    });
    row.getCell(4).numFmt = '0.0%';
    row.getCell(5).numFmt = 'dd/mm/yyyy';
  });
  ws.getCell('F4').value = { formula: 'D4*100', shareType: 'shared', ref: 'F4:F6', result: 45.5 } as ExcelJS.CellValue;
  ws.getCell('F5').value = { sharedFormula: 'F4', result: 100 } as ExcelJS.CellValue;
  ws.getCell('F6').value = { sharedFormula: 'F4', result: 20 } as ExcelJS.CellValue;
  ws.getCell('B5').note = 'Ghi chú của đơn vị';
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 25;
  ws.mergeCells('A8:E8');
  ws.getCell('A8').value = 'II. Kinh tế';
  ws.views = [{ state: 'normal', tabSelected: true } as unknown as ExcelJS.WorksheetView];
  const progress = wb.addWorksheet('Tiến độ');
  progress.getRow(1).values = ['Mã việc', 'Ngày báo cáo', 'Tiến độ (%)'];
  progress.getRow(2).values = ['1', 'Tháng 3/2024', 150];
  await wb.xlsx.writeFile(path);
  // one cell as an inline string, as some producers write text
  const buf = readFileSync(path);
  const entries = packageEntries(buf)!;
  const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const xml = inflatePart(buf, sheet)!
    .toString('utf8')
    .replace(/<c r="B6"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="B6"$1 t="inlineStr"><is><t>Xây nhà văn hóa</t></is></c>');
  expect(xml).toContain('t="inlineStr"');
  writeFileSync(path, patchZip(buf, entries, new Map([['xl/worksheets/sheet1.xml', xml]]), [])!);
}

const DIAGNOSTICS: Diagnostic[] = [
  diag({ rule: 'owner-missing', row: 4, column: 'C', taskId: '07651-1', message: 'Chưa có người chịu trách nhiệm' }),
  diag({ rule: 'overdue', severity: 'warning', row: 6, column: 'E', taskId: '07651-3', message: 'Quá hạn' }),
  // on the unit's own note
  diag({ rule: 'title-missing', severity: 'warning', row: 5, column: 'B', message: 'Nội dung quá ngắn' }),
  // in a merge: its master carries the flag
  diag({ rule: 'title-missing', row: 8, column: 'C', message: 'Dòng không có nội dung' }),
  // a cell the sheet does not have, in a row it does not have
  diag({ rule: 'owner-unknown', row: 12, column: 'G', message: 'Ô mới' }),
  diag({ rule: 'invalid-progress', sheet: 'Tiến độ', row: 2, column: 'C', taskId: '1', message: 'Tiến độ 150 ngoài 0–100' }),
  diag({ rule: 'unit-duplicate', sheet: null, message: 'Hai tệp cùng của Xã Yên Sơn' }),
];

const input = join(dir, 'yen-son.xlsx');
const copy = join(dir, 'out', 'yen-son.checked.xlsx');
const ready = (async () => {
  await makeRegister(input);
  const args = { register: register(input), diagnostics: DIAGNOSTICS, outDir: join(dir, 'out'), lang: 'vi' as const, inputs: [input] };
  expect(await writePatchedCopy(args, copy)).toBe(true);
})();

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}
const argb = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const noteOf = (c: ExcelJS.Cell): string => {
  const n = c.note as string | ExcelJS.Comment | undefined;
  return !n ? '' : typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
};

function python(file: string, lines: string[]): string {
  const script = ['import sys, warnings, openpyxl', "warnings.simplefilter('error')", ...lines].join('\n');
  return execFileSync(openpyxlPython!, ['-c', script, file], { encoding: 'utf8' }).trim();
}

describe('an .xlsx register copied at zip level', () => {
  it('copies every part it does not change byte for byte, compressed as it was', async () => {
    await ready;
    const [a, b] = [readFileSync(input), readFileSync(copy)];
    const before = packageEntries(a)!;
    const after = new Map(packageEntries(b)!.map((e) => [e.name, e]));
    const changed = [
      '[Content_Types].xml',
      'docProps/core.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/_rels/sheet1.xml.rels',
      'xl/worksheets/_rels/sheet2.xml.rels',
      'xl/comments1.xml',
      'xl/drawings/vmlDrawing1.vml',
    ];
    const untouched = before.filter((e) => !changed.includes(e.name));
    expect(untouched.map((e) => e.name)).toEqual(
      expect.arrayContaining(['xl/sharedStrings.xml', 'xl/theme/theme1.xml', 'docProps/app.xml']),
    );
    for (const e of untouched) {
      const o = after.get(e.name);
      expect(o, e.name).toBeDefined();
      expect([o!.method, o!.crc, o!.compressedSize], e.name).toEqual([e.method, e.crc, e.compressedSize]);
      const raw = (buf: Buffer, x: typeof e) => {
        const from = x.localOffset + 30 + buf.readUInt16LE(x.localOffset + 26) + buf.readUInt16LE(x.localOffset + 28);
        return buf.subarray(from, from + x.compressedSize);
      };
      expect(raw(b, o!).equals(raw(a, e)), e.name).toBe(true);
    }
    // the data sheet: only the flagged cells' formats change; the shared formula and inline string stay as written
    const sheet = (buf: Buffer, name: string) =>
      inflatePart(
        buf,
        packageEntries(buf)!.find((e) => e.name === name)!,
      )!.toString('utf8');
    const [x, y] = [sheet(a, 'xl/worksheets/sheet1.xml'), sheet(b, 'xl/worksheets/sheet1.xml')];
    for (const f of x.match(/<f\b[^>]*>[^<]*<\/f>|<f\b[^>]*\/>/g)!) expect(y).toContain(f);
    expect(y).toContain('<is><t>Xây nhà văn hóa</t></is>');
    const strip = (s: string) =>
      s
        .replace(/ s="\d+"/g, '')
        .replace(/<legacyDrawing[^>]*>/, '')
        .replace(/ tabSelected="1"/, '');
    expect(strip(y).replace(/<c r="C4"\/>|<row r="12"><c r="G12"\/><\/row>/g, '')).toBe(strip(x).replace(/<c r="C4"\/>/, ''));
  });

  it('opens in exceljs with the fills and notes, the formatting kept, the result sheet first', async () => {
    await ready;
    const wb = await load(copy);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, 'Danh mục', 'Tiến độ']);
    expect(wb.keywords).toBe('tiendo-checked');
    const ws = wb.getWorksheet('Danh mục')!;
    expect(ws.getCell('C1').master.address).toBe('A1');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, name: 'Times New Roman', size: 14 });
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getColumn(3).width).toBe(25);
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect(ws.getCell('E6').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('F5').formula).toBe('D5*100');
    expect(ws.getCell('B6').value).toBe('Xây nhà văn hóa');

    const c4 = ws.getCell('C4');
    expect(argb(c4)).toBe(ERROR_FILL);
    expect(c4.font).toMatchObject({ name: 'Times New Roman', size: 12 });
    expect(c4.border?.bottom?.style).toBe('thin');
    expect(noteOf(c4)).toBe('[Lỗi] Chưa có người chịu trách nhiệm (owner-missing)');
    expect(argb(ws.getCell('E6'))).toBe(WARNING_FILL);
    expect(ws.getCell('E6').numFmt).toBe('dd/mm/yyyy');
    expect(noteOf(ws.getCell('B5'))).toBe('Ghi chú của đơn vị\n[Cảnh báo] Nội dung quá ngắn (title-missing)');
    expect(argb(ws.getCell('A8'))).toBe(ERROR_FILL);
    expect(noteOf(ws.getCell('A8'))).toBe('[Lỗi] Dòng không có nội dung (title-missing)');
    expect(argb(ws.getCell('G12'))).toBe(ERROR_FILL);
    expect(argb(wb.getWorksheet('Tiến độ')!.getCell('C2'))).toBe(ERROR_FILL);
    // the cells that shared C4's format are not painted
    for (const a of ['A4', 'B4', 'D4', 'C5', 'C6', 'E4', 'E5']) {
      expect(argb(ws.getCell(a)), a).toBeUndefined();
      expect(ws.getCell(a).font?.name, a).toBe('Times New Roman');
    }
  });

  it.skipIf(!openpyxlPython)('opens in openpyxl without a warning, with the fills, notes, merges, widths and formats', async () => {
    await ready;
    const out = python(copy, [
      'wb = openpyxl.load_workbook(sys.argv[1]); r, d, p = wb.worksheets',
      'print(wb.sheetnames[0] == r.title, wb.active.title == r.title, [w.sheet_view.tabSelected for w in wb.worksheets])',
      "print(d['C4'].fill.fgColor.rgb, d['E6'].fill.fgColor.rgb, d['A8'].fill.fgColor.rgb, d['G12'].fill.fgColor.rgb, p['C2'].fill.fgColor.rgb)",
      "print(d['C4'].font.name, d['C4'].border.bottom.style, d['E6'].number_format, d['D4'].number_format, d['A4'].fill.fill_type)",
      "print(repr(d['C4'].comment.text), repr(d['B5'].comment.text))",
      "print(sorted(str(m) for m in d.merged_cells.ranges), d.column_dimensions['B'].width, d['F5'].value)",
      "print([c.value for c in r[11]][:6], r['F11'].hyperlink.location if r['F11'].hyperlink else None)",
    ]);
    expect(out.split('\n')).toEqual([
      'True True [True, None, None]',
      `${ERROR_FILL} ${WARNING_FILL} ${ERROR_FILL} ${ERROR_FILL} ${ERROR_FILL}`,
      'Times New Roman thin dd/mm/yyyy 0.0% None',
      "'[Lỗi] Chưa có người chịu trách nhiệm (owner-missing)' 'Ghi chú của đơn vị\\n[Cảnh báo] Nội dung quá ngắn (title-missing)'",
      "['A1:E1', 'A8:E8'] 40.0 =D5*100",
      "['Lỗi', 'owner-missing', 'Danh mục', 4, 'C', 'C4'] 'Danh mục'!C4",
    ]);
  });

  it.skipIf(!hasSoffice)('opens in LibreOffice with its values', async () => {
    await ready;
    const out = mkdtempSync(join(dir, 'lo-'));
    // the second sheet, the register's, as UTF-8 CSV (LibreOffice names the file after the sheet)
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2';
    const profile = mkdtempSync(join(dir, 'lo-profile-'));
    const csv = join(out, 'yen-son.checked-Danh mục.csv');
    for (let attempt = 0; attempt < 2 && !existsSync(csv); attempt++) {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', out, copy], {
        stdio: 'ignore',
        timeout: 180_000,
      });
    }
    const lines = readFileSync(csv, 'utf8').split('\n');
    expect(lines[0]).toContain('ĐẢNG ỦY XÃ YÊN SƠN');
    // the date as LibreOffice's locale shows it
    expect(lines[3]).toMatch(/^1,Làm đường,,45[.,]5%,(30\/09|09\/30)\/2024,45[.,]5/);
  });

  it('annotated again, carries the new marks only: the stale result sheet, old lines and old fills gone, the unit’s note kept', async () => {
    await ready;
    const again = join(dir, 'again', 'yen-son.checked.xlsx');
    const args = {
      register: register(copy),
      diagnostics: [diag({ rule: 'overdue', severity: 'warning', row: 4, column: 'C', message: 'Quá hạn' })],
      outDir: join(dir, 'again'),
      lang: 'vi' as const,
      inputs: [copy],
    };
    expect(await writePatchedCopy(args, again)).toBe(true);
    const wb = await load(again);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, 'Danh mục', 'Tiến độ']);
    const ws = wb.getWorksheet('Danh mục')!;
    expect(noteOf(ws.getCell('C4'))).toBe('[Cảnh báo] Quá hạn (overdue)');
    expect(argb(ws.getCell('C4'))).toBe(WARNING_FILL);
    expect(ws.getCell('C4').font?.name).toBe('Times New Roman');
    expect(noteOf(ws.getCell('B5'))).toBe('Ghi chú của đơn vị');
    for (const a of ['B5', 'E6', 'A8', 'G12']) expect(argb(ws.getCell(a)), a).toBeUndefined();
    for (const a of ['E6', 'A8', 'G12']) expect(ws.getCell(a).note, a).toBeUndefined();
    expect(argb(wb.getWorksheet('Tiến độ')!.getCell('C2'))).toBeUndefined();
    expect(ws.getCell('E6').numFmt).toBe('dd/mm/yyyy');
    const result = at(wb.worksheets, 0, 'sheet');
    let rows = 0;
    result.eachRow(() => rows++);
    expect(rows).toBe(6); // four lines, the header, one diagnostic
  });

  it.skipIf(!hasSoffice)('re-annotates a copy LibreOffice saved again (its notes drawn without an id map)', async () => {
    await ready;
    const out = mkdtempSync(join(dir, 'lo-saved-'));
    const profile = mkdtempSync(join(dir, 'lo-profile-'));
    const saved = join(out, 'yen-son.checked.xlsx');
    for (let attempt = 0; attempt < 2 && !existsSync(saved); attempt++) {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, copy], {
        stdio: 'ignore',
        timeout: 180_000,
      });
    }
    const again = join(out, 'again.xlsx');
    const diagnostics = [
      diag({ rule: 'owner-missing', row: 4, column: 'C', message: 'Vẫn chưa có người' }),
      diag({ rule: 'overdue', severity: 'warning', row: 4, column: 'B', message: 'Quá hạn' }),
    ];
    const args = { register: register(saved), diagnostics, outDir: out, lang: 'vi' as const, inputs: [saved] };
    expect(await writePatchedCopy(args, again)).toBe(true);
    const ws = (await load(again)).getWorksheet('Danh mục')!;
    expect([argb(ws.getCell('C4')), noteOf(ws.getCell('C4'))]).toEqual([ERROR_FILL, '[Lỗi] Vẫn chưa có người (owner-missing)']);
    expect([argb(ws.getCell('B4')), noteOf(ws.getCell('B4'))]).toEqual([WARNING_FILL, '[Cảnh báo] Quá hạn (overdue)']);
    expect(noteOf(ws.getCell('B5'))).toBe('Ghi chú của đơn vị');
    for (const a of ['E6', 'A8']) expect([argb(ws.getCell(a)), ws.getCell(a).note], a).toEqual([undefined, undefined]);
    if (openpyxlPython) {
      const got = python(again, [
        "d = openpyxl.load_workbook(sys.argv[1])['Danh mục']",
        "print(d['B4'].comment.text, d['C4'].fill.fgColor.rgb)",
      ]);
      expect(got).toBe(`[Cảnh báo] Quá hạn (overdue) ${ERROR_FILL}`);
    }
  });

  it('makes a stylesheet for a package that has none', async () => {
    await ready;
    const buf = readFileSync(input);
    const entries = packageEntries(buf)!;
    const rels = inflatePart(
      buf,
      entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels')!,
    )!
      .toString('utf8')
      .replace(/<Relationship [^>]*styles\.xml"\/>/, '');
    const bare = join(dir, 'bare.xlsx');
    writeFileSync(
      bare,
      patchZip(
        buf,
        entries,
        new Map<string, string | null>([
          ['xl/styles.xml', null],
          ['xl/_rels/workbook.xml.rels', rels],
        ]),
        [],
      )!,
    );
    const out = join(dir, 'bare.checked.xlsx');
    const args = { register: register(bare), diagnostics: DIAGNOSTICS.slice(0, 2), outDir: dir, lang: 'vi' as const, inputs: [bare] };
    expect(await writePatchedCopy(args, out)).toBe(true);
    const ws = (await load(out)).getWorksheet('Danh mục')!;
    expect(argb(ws.getCell('C4'))).toBe(ERROR_FILL);
    expect(argb(ws.getCell('E6'))).toBe(WARNING_FILL);
    if (openpyxlPython)
      expect(python(out, ["print(openpyxl.load_workbook(sys.argv[1]).worksheets[1]['C4'].fill.fgColor.rgb)"])).toBe(ERROR_FILL);
  });

  it('is how writeAnnotated copies an .xlsx register; a package it cannot patch goes through exceljs', async () => {
    await ready;
    // the cells the reader read (a package it refused is not patched: below)
    const read: RawWorkbook = { kind: 'xlsx', sheets: [{ name: 'Danh mục', rowCount: 8, columnCount: 6, rows: [] }] };
    const out = await writeAnnotated({
      register: { ...register(input), workbook: read },
      diagnostics: DIAGNOSTICS,
      outDir: join(dir, 'default'),
      lang: 'vi',
      inputs: [input],
    });
    const theme = (buf: Buffer) => packageEntries(buf)!.find((e) => e.name === 'xl/theme/theme1.xml')!;
    // exceljs would have compressed the theme again, at its own level
    expect(theme(readFileSync(out)).compressedSize).toBe(theme(readFileSync(input)).compressedSize);
    const names = packageEntries(readFileSync(out))!.map((e) => e.name);
    expect(names.slice(0, 3)).toEqual(
      packageEntries(readFileSync(input))!
        .map((e) => e.name)
        .slice(0, 3),
    );
    const strict = join(dir, 'strict.xlsx');
    writeFileSync(strict, readFileSync(new URL('../../fixtures/producers/07651_strict.xlsx', import.meta.url)));
    const args = {
      register: register(strict),
      diagnostics: DIAGNOSTICS.slice(0, 1),
      outDir: join(dir, 'strict'),
      lang: 'vi' as const,
      inputs: [strict],
    };
    expect(await writePatchedCopy(args, join(dir, 'strict', 'x.xlsx'))).toBe(false);
    const fallback = await writeAnnotated(args);
    expect((await load(fallback)).worksheets[0]!.name).toBe(RESULT_SHEET);
  });
});

describe('registers from every producer of fixtures/producers, copied at zip level', () => {
  const FIXTURES = new URL('../../fixtures/producers/', import.meta.url);
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));
  const copies = join(dir, 'producers');

  it.each(files)('%s: patched (strict OOXML: through exceljs), flagged cells filled and noted', async (file) => {
    const path = join(FIXTURES.pathname, file);
    const want = JSON.parse(readFileSync(`${path}.expect.json`, 'utf8')) as { tasks: { row: number }[] };
    const row = want.tasks[0]!.row;
    const sheet = file.includes('csv') ? null : 'Danh mục';
    const diagnostics = [
      diag({ rule: 'owner-missing', sheet, row, column: 'D', message: 'Chưa có người chịu trách nhiệm' }),
      diag({ rule: 'overdue', severity: 'warning', sheet, row: 60, column: 'B', message: 'Dòng mới' }),
    ];
    const out = join(copies, file.replace(/\.xlsx$/, '.checked.xlsx'));
    const args = { register: register(path), diagnostics, outDir: copies, lang: 'vi' as const, inputs: [path] };
    expect(await writePatchedCopy(args, out)).toBe(!file.includes('strict'));
    if (file.includes('strict')) return;
    if (openpyxlPython) {
      const got = python(out, [
        "warnings.filterwarnings('ignore', message='.*(extension|Unknown|Workbook contains no default style).*')",
        `wb = openpyxl.load_workbook(sys.argv[1]); d = ${sheet ? `wb['${sheet}']` : 'wb.worksheets[1]'}`,
        `print(wb.sheetnames[0], d['D${row}'].fill.fgColor.rgb, d['B60'].fill.fgColor.rgb, d['D${row}'].comment.text, d['B60'].comment.text)`,
      ]);
      expect(got).toBe(
        `${RESULT_SHEET} ${ERROR_FILL} ${WARNING_FILL} [Lỗi] Chưa có người chịu trách nhiệm (owner-missing) [Cảnh báo] Dòng mới (overdue)`,
      );
    }
  });
});

describe('a package tiendo’s reader refused', () => {
  it('is never copied on: a part declaring entities (billion laughs) does not reach the copy', async () => {
    const path = join(dir, 'laughs.xlsx');
    writeFileSync(path, readFileSync(new URL('../../fixtures/hostile/laughs-strings.xlsx', import.meta.url)));
    // the reader refused it: no cells read
    const out = await writeAnnotated({
      register: { ...register(path), workbook: null },
      diagnostics: [diag({ rule: 'file-unreadable', sheet: null, message: 'Tệp hỏng' })],
      outDir: join(dir, 'laughs'),
      lang: 'vi',
      inputs: [path],
    });
    const buf = readFileSync(out);
    for (const e of packageEntries(buf)!) expect(inflatePart(buf, e)!.toString('latin1'), e.name).not.toMatch(/<!DOCTYPE|<!ENTITY/i);
    expect((await load(out)).worksheets[0]!.name).toBe(RESULT_SHEET);
  });
});

describe('a package whose text the patch cannot follow', () => {
  it('gets its copy through exceljs, never an error: a target with a stray %, a sheet cut short', async () => {
    await ready;
    const buf = readFileSync(input);
    const entries = packageEntries(buf)!;
    const text = (name: string) =>
      inflatePart(
        buf,
        entries.find((e) => e.name === name)!,
      )!.toString('utf8');
    const odd = join(dir, 'odd-target.xlsx');
    const rels = text('xl/_rels/workbook.xml.rels').replace('worksheets/sheet2.xml', 'worksheets/sheet%zz.xml');
    writeFileSync(odd, patchZip(buf, entries, new Map([['xl/_rels/workbook.xml.rels', rels]]), [])!);
    const cut = join(dir, 'cut-sheet.xlsx');
    const sheet = text('xl/worksheets/sheet1.xml');
    writeFileSync(cut, patchZip(buf, entries, new Map([['xl/worksheets/sheet1.xml', sheet.slice(0, sheet.indexOf('</sheetData>'))]]), [])!);
    for (const path of [odd, cut]) {
      const args = {
        register: { ...register(path), workbook: null },
        diagnostics: DIAGNOSTICS,
        outDir: join(dir, 'odd'),
        lang: 'vi' as const,
        inputs: [path],
      };
      expect(await writePatchedCopy(args, join(dir, 'odd', 'x.xlsx')), path).toBe(false);
      const out = await writeAnnotated({ ...args, register: { ...args.register, workbook: { kind: 'xlsx', sheets: [] } } });
      expect((await load(out)).worksheets[0]!.name, path).toBe(RESULT_SHEET);
    }
  });
});
