// The small .xlsx writer of the summary workbooks: its zip is a zip (read back through the central
// directory by our reader, by Python's zipfile via the CRC check, and by exceljs), its parts are in
// order whatever size they are and however long they take to compress, and its cells read back in
// exceljs and in tiendo's own reader as written — text stays text, dates are dates, nothing breaks
// the XML.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/read/xlsx.js';
import { inflateEntry, zipEntries } from '../../src/zip/read.js';
import { XlsxWriter, columnLetter, excelSerial, xmlText, type SheetOptions } from '../../src/write/xlsx-writer.js';
import { ZipWriter, crc32ByTable } from '../../src/write/zip-writer.js';
import { convertTo, hasSoffice } from '../helpers/soffice.js';
import { at } from '../helpers/at.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-xlsx-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const canRun = (python: string, module: string): boolean => {
  try {
    execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasPython = canRun('python3', 'zipfile');
// Debian's python3-openpyxl lives beside the system Python, whichever python3 comes first on the PATH
const openpyxlPython = ['/usr/bin/python3', 'python3'].find((p) => canRun(p, 'openpyxl'));

/** Runs `lines` of Python on `file` (sys.argv[1]) with openpyxl loaded and every warning an error but `allowed`; its output, trimmed. */
function openpyxl(file: string, lines: string[], allowed: string[] = []): string {
  const script = [
    'import sys, warnings, openpyxl',
    "warnings.simplefilter('error')",
    ...allowed.map((m) => `warnings.filterwarnings('ignore', message=${JSON.stringify(m)})`),
    ...lines,
  ].join('\n');
  return execFileSync(openpyxlPython!, ['-c', script, file], { encoding: 'utf8' }).trim();
}

/** Text of about `n` characters that compresses poorly, so a part needs several pieces. */
function noise(n: number, seed = 1): string {
  let s = seed;
  let out = '';
  while (out.length < n) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out += s.toString(36);
  }
  return out.slice(0, n);
}

describe('ZipWriter', () => {
  const file = join(dir, 'parts.zip');
  const parts: [string, string][] = [
    ['a.txt', 'một'],
    ['big/noise.txt', noise(3_000_000)],
    ['b.xml', '<x>hai</x>'.repeat(50_000)],
    ['empty.txt', ''],
    ['c.txt', 'ba — cuối'],
  ];

  it('writes every part, in the order opened, with sizes and CRCs a zip reader accepts', async () => {
    const fd = openSync(file, 'w');
    const zip = new ZipWriter(fd);
    for (const [name, text] of parts) {
      const p = zip.part(name);
      // in pieces, as a sheet is written
      for (let i = 0; i < text.length; i += 70_000) await p.write(text.slice(i, i + 70_000));
      p.end();
    }
    await zip.finish();
    closeSync(fd);

    const buf = readFileSync(file);
    const entries = zipEntries(buf)!;
    expect(entries.map((e) => e.name)).toEqual(parts.map(([n]) => n));
    for (const [i, [, text]] of parts.entries()) expect(inflateEntry(buf, at(entries, i, 'zip entry')).toString('utf8')).toBe(text);
  });

  it.skipIf(!hasPython)("passes Python zipfile's CRC check", () => {
    const out = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(len(z.namelist()))', file],
      { encoding: 'utf8' },
    );
    expect(out.trim().split('\n')).toEqual(['None', String(parts.length)]);
  });

  it('computes CRC-32 without zlib.crc32 (Node before 20.15) as zlib does, piece after piece', () => {
    const native = (zlib as unknown as { crc32?: (b: Buffer, c?: number) => number }).crc32;
    const whole = Buffer.from(noise(100_000) + 'tiếng Việt có dấu');
    const oneGo = crc32ByTable(whole);
    expect(crc32ByTable(whole.subarray(40_000), crc32ByTable(whole.subarray(0, 40_000)))).toBe(oneGo);
    expect(crc32ByTable(Buffer.from('123456789'))).toBe(0xcbf43926); // the standard check value
    if (native) expect(oneGo).toBe(native(whole));
  });

  it('takes text and UTF-8 bytes mixed in one part, in order, small parts and large', async () => {
    const mixed = join(dir, 'mixed.zip');
    const fd = openSync(mixed, 'w');
    const zip = new ZipWriter(fd);
    const pieces = ['<a>', 'Việt', noise(200_000, 3), 'cuối</a>'];
    const small = zip.part('small.xml');
    await small.write(pieces[0]!);
    await small.write(Buffer.from(pieces[1]!, 'utf8'));
    small.end();
    const large = zip.part('large.xml');
    for (const [i, piece] of pieces.entries()) await large.write(i % 2 ? Buffer.from(piece, 'utf8') : piece);
    large.end();
    await zip.finish();
    closeSync(fd);
    const buf = readFileSync(mixed);
    const entries = zipEntries(buf)!;
    expect(inflateEntry(buf, at(entries, 0, 'zip entry')).toString('utf8')).toBe('<a>Việt');
    expect(inflateEntry(buf, at(entries, 1, 'zip entry')).toString('utf8')).toBe(pieces.join(''));
  });

  it('deflates a small part with a window just large enough, to the same bytes as the full window', async () => {
    const file = join(dir, 'window.zip');
    const texts = ['<x/>', '<Relationships>'.repeat(20), noise(600, 5).repeat(3), noise(40_000, 7)];
    const fd = openSync(file, 'w');
    const zip = new ZipWriter(fd);
    for (const [i, t] of texts.entries()) await zip.text(`p${i}.xml`, t);
    await zip.finish();
    closeSync(fd);
    const buf = readFileSync(file);
    for (const [i, e] of zipEntries(buf)!.entries()) {
      const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
      const stored = buf.subarray(start, start + e.compressedSize);
      expect(stored.equals(zlib.deflateRawSync(Buffer.from(texts[i]!, 'utf8'), { level: 1 }))).toBe(true);
    }
  });

  it('refuses a part opened before the one before it ended', () => {
    const fd = openSync(join(dir, 'refused.zip'), 'w');
    try {
      const zip = new ZipWriter(fd);
      zip.part('one');
      expect(() => zip.part('two')).toThrow(/before the previous one ended/);
    } finally {
      closeSync(fd);
    }
  });
});

describe('xmlText and columnLetter', () => {
  it('escapes markup and drops what XML 1.0 cannot carry', () => {
    expect(xmlText('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
    expect(xmlText('x\u0001\u0008y\u000bz\uffff')).toBe('xyz');
    expect(xmlText('dòng 1\ndòng 2\ttab')).toBe('dòng 1\ndòng 2\ttab');
  });

  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('counts days from 30 December 1899', () => {
    expect(excelSerial(new Date(Date.UTC(2024, 8, 30)))).toBe(45565);
    expect(excelSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
  });
});

describe('XlsxWriter', () => {
  const file = join(dir, 'cells.xlsx');
  const page: SheetOptions['page'] = {
    landscape: true,
    paperSize: 9,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const long = 'x'.repeat(40_000);
  let wb: ExcelJS.Workbook;

  it('writes a workbook exceljs reads back cell for cell', async () => {
    const w = await XlsxWriter.create(file, {
      sheets: [{ name: "Tổng hợp A'B", printTitleRows: '2:2' }, { name: 'Rows' }],
      font: { name: 'Times New Roman', size: 12 },
      title: 'Báo cáo <thử>',
      subject: 'tháng 9',
      creator: 'tiendo',
      keywords: 'tiendo-output',
    });
    const text = w.style({ border: true, wrap: true });
    const bold = w.style({ bold: true, size: 14, horizontal: 'center' });
    const date = w.style({ numFmt: 'dd/mm/yyyy', horizontal: 'center' });
    const int = w.style({ numFmt: '#,##0' });
    const s1 = w.sheet({ widths: [10, 30, 12], frozenRows: 2, dimension: 'A1:C4', page, footer: '&CTrang &P/&N' });
    s1.merge(1, 1, 1, 3);
    await s1.row(
      1,
      [
        { col: 1, value: 'TIÊU ĐỀ', style: bold },
        { col: 2, value: null, style: bold },
        { col: 3, value: null, style: bold },
      ],
      20,
    );
    await s1.row(2, [
      { col: 1, value: 'STT', style: text },
      { col: 2, value: 'Nội dung', style: text },
      { col: 3, value: 'Ngày', style: text },
    ]);
    await s1.row(3, [
      { col: 1, value: 1234567, style: int },
      { col: 2, value: '=SUM(A1)', style: text },
      { col: 3, value: new Date(Date.UTC(2024, 8, 30)), style: date },
    ]);
    await s1.row(4, [
      { col: 1, value: Number.NaN, style: int },
      { col: 2, value: '  hai khoảng trắng  ', style: text },
      { col: 3, value: 'a\u0002b & <c>', style: text },
    ]);
    s1.autoFilter('A2:C4');
    s1.dataBar('A3:A4', { color: 'FF9DC3E6', min: 0, max: 100 });
    await s1.end();
    const s2 = w.sheet({ widths: [8], frozenRows: 0, page });
    for (let r = 1; r <= 3000; r++)
      await s2.row(r, [
        { col: 1, value: r, style: 0 },
        { col: 2, value: `dòng ${r} ${noise(40, r)}`, style: text },
      ]);
    await s2.row(3001, [{ col: 1, value: long, style: 0 }]);
    await s2.end();
    await w.close();

    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Tổng hợp A'B", 'Rows']);
    expect(wb.title).toBe('Báo cáo <thử>');
    expect(wb.keywords).toBe('tiendo-output');
    const ws = at(wb.worksheets, 0, 'sheet');
    expect(ws.getCell('A1').value).toBe('TIÊU ĐỀ');
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Times New Roman', size: 14, bold: true });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('A3').value).toBe(1234567);
    expect(ws.getCell('A3').numFmt).toBe('#,##0');
    expect(ws.getCell('B3').value).toBe('=SUM(A1)');
    expect(ws.getCell('B3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C3').value).toEqual(new Date(Date.UTC(2024, 8, 30)));
    expect(ws.getCell('C3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.getCell('B4').value).toBe('  hai khoảng trắng  ');
    expect(ws.getCell('C4').value).toBe('ab & <c>');
    expect(ws.getCell('B2').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' } });
    expect(ws.getCell('B2').alignment).toMatchObject({ wrapText: true });
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getRow(1).height).toBe(20);
    expect(ws.autoFilter).toBe('A2:C4');
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.headerFooter.oddFooter).toBe('&CTrang &P/&N');
    const rows = at(wb.worksheets, 1, 'sheet');
    expect(rows.rowCount).toBe(3001);
    expect(rows.getCell('B2999').value).toBe(`dòng 2999 ${noise(40, 2999)}`);
    // Excel keeps at most 32,767 characters in a cell
    expect((rows.getCell('A3001').value as string).length).toBe(32767);
  });

  it.skipIf(!openpyxlPython)("opens in openpyxl, whole and read-only, with the same cells and no warning but the data bars'", () => {
    const out = openpyxl(
      file,
      [
        'full = openpyxl.load_workbook(sys.argv[1]); lazy = openpyxl.load_workbook(sys.argv[1], read_only=True)',
        'for a, b in zip(full.worksheets, lazy.worksheets):',
        '    x = [[c.value for c in r] for r in a.iter_rows()]',
        "    y = [[getattr(c, 'value', None) for c in r] for r in b.iter_rows()][:len(x)]",
        '    assert [[v for v in r if v is not None] for r in x] == [[v for v in r if v is not None] for r in y], a.title',
        "ws = full.worksheets[0]; print(ws['B3'].value, ws['C3'].value.date(), ws.print_title_rows, ws.freeze_panes, full.properties.keywords)",
      ],
      ['.*extension is not supported.*'],
    );
    expect(out).toBe('=SUM(A1) 2024-09-30 $2:$2 A3 tiendo-output');
  });

  it("is read by tiendo's own reader, which recognises it as tiendo's output", async () => {
    const read = await readXlsx(readFileSync(file), { maxFileBytes: 200 * 1024 * 1024 });
    expect(read).toMatchObject({ ok: false, skip: true });
  });

  it('gives a workbook up without a byte of it reaching the next file opened', async () => {
    const w = await XlsxWriter.create(join(dir, 'abandoned.xlsx'), {
      sheets: [{ name: 'A' }, { name: 'B' }],
      font: { name: 'Arial', size: 10 },
    });
    const s = w.sheet({ widths: [], frozenRows: 0, page });
    // several pieces on their way to the compressor when the failure comes
    for (let r = 1; r <= 20_000; r++) await s.row(r, [{ col: 1, value: noise(60, r), style: 0 }]);
    await s.end();
    await w.abort();
    await w.abort(); // twice is harmless: the descriptor is closed once
    const other = join(dir, 'next-file.txt');
    const fd = openSync(other, 'w'); // most likely the number the workbook had
    writeFileSync(fd, 'mine');
    await new Promise((r) => setTimeout(r, 200));
    closeSync(fd);
    expect(readFileSync(other, 'utf8')).toBe('mine');
  });

  it('closes and leaves the file to the caller when a sheet is missing', async () => {
    const w = await XlsxWriter.create(join(dir, 'short.xlsx'), {
      sheets: [{ name: 'A' }, { name: 'B' }],
      font: { name: 'Arial', size: 10 },
    });
    await w.sheet({ widths: [], frozenRows: 0, page }).end();
    await expect(w.close()).rejects.toThrow(/1 of 2 sheets/);
  });
});

describe('XlsxWriter — fills, colours and links inside the workbook', () => {
  const file = join(dir, 'links.xlsx');
  const page: SheetOptions['page'] = {
    landscape: true,
    paperSize: 9,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: false,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const target = "'Danh ''mục'' A'!C2";

  it('writes solid fills and text colours exceljs reads back, and links to cells of another sheet', async () => {
    const w = await XlsxWriter.create(file, {
      sheets: [{ name: 'Kết quả' }, { name: "Danh 'mục' A" }],
      font: { name: 'Calibri', size: 11 },
    });
    const red = w.style({ fill: 'FFFFC7CE' });
    const link = w.style({ color: 'FF0563C1', underline: true });
    expect(w.style({ fill: 'ffffc7ce' })).toBe(red); // one fill and one style, whatever the case of the colour
    const s1 = w.sheet({ widths: [12, 12], frozenRows: 0, page });
    await s1.row(1, [
      { col: 1, value: 'Lỗi', style: red },
      { col: 2, value: 'C2', style: link },
    ]);
    s1.link('B1', target);
    await s1.end();
    const s2 = w.sheet({ widths: [12, 12, 12], frozenRows: 0, page });
    await s2.row(2, [{ col: 3, value: null, style: red }]);
    await s2.end();
    await w.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill(at(wb.worksheets, 0, 'sheet').getCell('A1'))).toBe('FFFFC7CE');
    expect(fill(at(wb.worksheets, 1, 'sheet').getCell('C2'))).toBe('FFFFC7CE'); // an empty cell, filled
    expect(at(wb.worksheets, 0, 'sheet').getCell('B1').font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
    expect(fill(at(wb.worksheets, 0, 'sheet').getCell('B1'))).toBeUndefined();
    const buf = readFileSync(file);
    const xml = inflateEntry(
      buf,
      zipEntries(buf)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!,
    ).toString('utf8');
    // after the data and before the page setup, as the schema orders them
    expect(xml).toContain(`</sheetData><hyperlinks><hyperlink ref="B1" location="${target}"/></hyperlinks><pageMargins`);
  });

  it.skipIf(!openpyxlPython)('opens in openpyxl without a warning, with the fills and the link', () => {
    const out = openpyxl(file, [
      'wb = openpyxl.load_workbook(sys.argv[1]); a, b = wb.worksheets',
      "print(a['A1'].fill.fgColor.rgb, a['B1'].font.color.rgb, a['B1'].hyperlink.location, b['C2'].fill.fgColor.rgb)",
    ]);
    expect(out).toBe(`FFFFC7CE FF0563C1 ${target} FFFFC7CE`);
  });
});

describe('XlsxWriter — cell notes', () => {
  const file = join(dir, 'notes.xlsx');
  const page: SheetOptions['page'] = {
    landscape: false,
    paperSize: 9,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: false,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const MANY = 1500; // more than one block of 1,024 shape ids

  it('writes notes exceljs reads back, each sheet its own drawing with its own shape ids', async () => {
    const w = await XlsxWriter.create(file, {
      sheets: [{ name: 'Không ghi chú' }, { name: 'Một', notes: true }, { name: 'Nhiều', notes: true }],
      font: { name: 'Calibri', size: 11 },
    });
    const plain = w.sheet({ widths: [10], frozenRows: 0, page });
    await plain.row(1, [{ col: 1, value: 'x', style: 0 }]);
    expect(() => plain.note(1, 1, 'không được')).toThrow(/not declared/);
    await plain.end();
    const one = w.sheet({ widths: [10, 10, 10], frozenRows: 0, page });
    await one.row(2, [{ col: 3, value: null, style: w.style({ fill: 'FFFFC7CE' }) }]);
    one.note(2, 3, '[Lỗi] Chưa có người chịu trách nhiệm <b> & "x" (owner-missing)\n[Cảnh báo] Quá hạn (overdue)');
    await one.end();
    const many = w.sheet({ widths: [10], frozenRows: 0, page });
    for (let r = 1; r <= MANY; r++) {
      const flushed = many.row(r, [{ col: 1, value: r, style: 0 }]);
      if (flushed) await flushed;
      many.note(r, 1, `ghi chú ${r}`);
    }
    await many.end();
    await w.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const text = (c: ExcelJS.Cell) => ((c.note as ExcelJS.Comment | undefined)?.texts ?? []).map((t) => t.text).join('');
    expect(text(at(wb.worksheets, 1, 'sheet').getCell('C2'))).toBe(
      '[Lỗi] Chưa có người chịu trách nhiệm <b> & "x" (owner-missing)\n[Cảnh báo] Quá hạn (overdue)',
    );
    expect(text(at(wb.worksheets, 2, 'sheet').getCell(`A${MANY}`))).toBe(`ghi chú ${MANY}`);
    expect(at(wb.worksheets, 0, 'sheet').getCell('A1').note).toBeUndefined();

    const buf = readFileSync(file);
    const part = (name: string) =>
      inflateEntry(
        buf,
        zipEntries(buf)!.find((e) => e.name === name)!,
      ).toString('utf8');
    expect(
      zipEntries(buf)!
        .map((e) => e.name)
        .filter((n) => /comments|vml|sheet\d\.xml\.rels/.test(n)),
    ).toEqual([
      'xl/worksheets/_rels/sheet2.xml.rels',
      'xl/comments2.xml',
      'xl/drawings/vmlDrawing2.vml',
      'xl/worksheets/_rels/sheet3.xml.rels',
      'xl/comments3.xml',
      'xl/drawings/vmlDrawing3.vml',
    ]);
    expect(part('xl/drawings/vmlDrawing2.vml')).toContain('<o:idmap v:ext="edit" data="1"/>');
    expect(part('xl/drawings/vmlDrawing3.vml')).toContain('<o:idmap v:ext="edit" data="2,3"/>');
    const ids = [2, 3].flatMap((n) =>
      [...part(`xl/drawings/vmlDrawing${n}.vml`).matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1])),
    );
    expect(new Set(ids).size).toBe(MANY + 1);
    expect(ids.every((id) => id >= 1024 && id < 4 * 1024)).toBe(true);
    expect(part('xl/worksheets/sheet2.xml')).toMatch(/<legacyDrawing r:id="rId2"\/><\/worksheet>$/);
    expect(part('[Content_Types].xml')).toContain('<Override PartName="/xl/comments3.xml"');
  });

  it.skipIf(!openpyxlPython)('opens in openpyxl without a warning, with the notes', () => {
    const out = openpyxl(file, [
      'wb = openpyxl.load_workbook(sys.argv[1])',
      "print(repr(wb.worksheets[1]['C2'].comment.text), sum(1 for r in wb.worksheets[2].iter_rows() for c in r if c.comment))",
    ]);
    expect(out).toBe(`'[Lỗi] Chưa có người chịu trách nhiệm <b> & "x" (owner-missing)\\n[Cảnh báo] Quá hạn (overdue)' ${MANY}`);
  });

  it.skipIf(!hasSoffice)(
    'keeps its notes when LibreOffice opens it and saves it again',
    async () => {
      const [back] = convertTo('xlsx', [file], mkdtempSync(join(dir, 'lo-')));
      if (!back) throw new Error('LibreOffice wrote no copy');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(back);
      const text = (c: ExcelJS.Cell) => ((c.note as ExcelJS.Comment | undefined)?.texts ?? []).map((t) => t.text).join('');
      expect(text(wb.getWorksheet('Một')!.getCell('C2'))).toContain('(owner-missing)');
      expect(text(wb.getWorksheet('Nhiều')!.getCell(`A${MANY}`))).toBe(`ghi chú ${MANY}`);
    },
    120_000,
  );
});
