import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, zipInflatedSize } from '../../src/read/file.js';
import type { Cell, RawWorkbook } from '../../src/types.js';
import { first } from '../helpers/at.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-xlsx-'));
const LIMIT = { maxFileBytes: 200 * 1024 * 1024 };

async function write(name: string, build: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  build(wb, ws);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function read(path: string): Promise<RawWorkbook> {
  const r = await readWorkbook(path, LIMIT);
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r)}`);
  return r.workbook;
}

function cell(wb: RawWorkbook, row: number, col: number): Cell | null {
  return first(wb.sheets, 'sheet').rows.find((r) => r.number === row)?.cells[col - 1] ?? null;
}

describe('reading xlsx cells (LIBRARIES.md traps)', () => {
  it('reads a date cell as the calendar day, from UTC fields', async () => {
    const p = await write('date.xlsx', (_, ws) => {
      ws.getCell('A1').value = new Date(Date.UTC(2024, 2, 1));
    });
    expect(cell(await read(p), 1, 1)?.date).toBe('2024-03-01');
  });
  it('reads dates in the 1904 date system', async () => {
    const p = await write('d1904.xlsx', (wb, ws) => {
      wb.properties.date1904 = true;
      ws.getCell('A1').value = new Date(Date.UTC(2024, 8, 30));
    });
    expect(cell(await read(p), 1, 1)?.date).toBe('2024-09-30');
  });
  it('reads a serial in a custom date format as a date', async () => {
    const p = await write('serial.xlsx', (_, ws) => {
      ws.getCell('A1').value = 45565; // 30/09/2024
      ws.getCell('A1').numFmt = '[$-42A]dd/mm/yyyy';
    });
    expect(cell(await read(p), 1, 1)?.date).toBe('2024-09-30');
  });
  it("does not trust a date before 1 March 1900 (Excel's fictitious 29/02/1900)", async () => {
    const p = await write('early.xlsx', (_, ws) => {
      ws.getCell('A1').value = 20;
      ws.getCell('A1').numFmt = 'dd/mm/yyyy';
    });
    expect(cell(await read(p), 1, 1)?.date).toBeUndefined();
  });
  it('marks percent cells, which hold fractions', async () => {
    const p = await write('pct.xlsx', (_, ws) => {
      ws.getCell('A1').value = 0.455;
      ws.getCell('A1').numFmt = '0.0%';
    });
    expect(cell(await read(p), 1, 1)).toMatchObject({ number: 0.455, percent: true });
  });
  it('reads a percent sign in quotes or escaped as a literal: the number itself, shown with a %', async () => {
    const p = await write('literal-pct.xlsx', (_, ws) => {
      ws.getCell('A1').value = 44.5;
      ws.getCell('A1').numFmt = '0"%"';
      ws.getCell('A2').value = 44.5;
      ws.getCell('A2').numFmt = '0\\%';
      ws.getCell('A3').value = 0.445;
      ws.getCell('A3').numFmt = '[Red]0.0%';
      ws.getCell('A4').value = 45565;
      ws.getCell('A4').numFmt = '"yyyy"0';
    });
    const wb = await read(p);
    expect(cell(wb, 1, 1)).toMatchObject({ text: '44.5', number: 44.5, shown: '45%' });
    expect(cell(wb, 2, 1)).toMatchObject({ text: '44.5', number: 44.5, shown: '45%' });
    expect(cell(wb, 3, 1)).toMatchObject({ text: '0.445', number: 0.445, percent: true, shown: '44,5%' });
    expect(cell(wb, 4, 1)).toMatchObject({ text: '45565', number: 45565, shown: 'yyyy45565' });
    expect(cell(wb, 1, 1)?.percent).toBeUndefined();
    expect(cell(wb, 4, 1)?.date).toBeUndefined();
  });
  it('tells hidden and very hidden sheets (workbook.xml state), as exceljs does', async () => {
    const p = await write('hidden.xlsx', (wb, ws) => {
      ws.getCell('A1').value = 'x';
      const lists = wb.addWorksheet('DanhSach', { state: 'hidden' });
      lists.getCell('A1').value = 'Việc khó';
      const codes = wb.addWorksheet('Ma', { state: 'veryHidden' });
      codes.getCell('A1').value = '07651';
    });
    const { readXlsxWithExceljs } = await import('../helpers/exceljs-reader.js');
    const { readFileSync } = await import('node:fs');
    const theirs = await readXlsxWithExceljs(readFileSync(p));
    for (const wb of [await read(p), theirs.ok ? theirs.workbook : null]) {
      expect(wb?.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['Danh mục', undefined],
        ['DanhSach', 'hidden'],
        ['Ma', 'veryHidden'],
      ]);
    }
  });
  it('reads a merged range once across a row but down a column', async () => {
    const p = await write('merge.xlsx', (_, ws) => {
      ws.getCell('A1').value = 'I. LĨNH VỰC XÂY DỰNG ĐẢNG';
      ws.mergeCells('A1:F1');
      ws.getCell('C2').value = 'Nguyễn Văn An';
      ws.mergeCells('C2:C4');
    });
    const wb = await read(p);
    expect(cell(wb, 1, 1)?.text).toBe('I. LĨNH VỰC XÂY DỰNG ĐẢNG');
    expect(cell(wb, 1, 2)).toBeNull();
    expect(cell(wb, 3, 3)?.text).toBe('Nguyễn Văn An');
    expect(cell(wb, 4, 3)?.text).toBe('Nguyễn Văn An');
  });
  it('joins rich text runs, uses cached formula results, keeps error values and hyperlink text', async () => {
    const p = await write('values.xlsx', (_, ws) => {
      ws.getCell('A1').value = { richText: [{ text: 'Nguyễn ' }, { font: { bold: true }, text: 'Văn An' }] };
      ws.getCell('A2').value = { formula: 'B2*2', result: 42 };
      ws.getCell('A3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('A4').value = { text: 'Kế hoạch', hyperlink: 'https://example.org' };
      ws.getCell('A5').value = { formula: 'B5*2' } as ExcelJS.CellFormulaValue;
    });
    const wb = await read(p);
    expect(cell(wb, 1, 1)?.text).toBe('Nguyễn Văn An');
    expect(cell(wb, 2, 1)?.number).toBe(42);
    expect(cell(wb, 3, 1)).toMatchObject({ error: '#N/A' });
    expect(cell(wb, 4, 1)?.text).toBe('Kế hoạch');
  });
  it('returns NFD text as NFC', async () => {
    const p = await write('nfd.xlsx', (_, ws) => {
      ws.getCell('A1').value = 'Người chịu trách nhiệm'.normalize('NFD');
    });
    expect(cell(await read(p), 1, 1)?.text).toBe('Người chịu trách nhiệm'.normalize('NFC'));
  });
  it('converts text in a TCVN3 font (.VnTime) to Unicode', async () => {
    const p = await write('tcvn3.xlsx', (_, ws) => {
      ws.getCell('A1').value = 'NguyÔn V¨n An';
      ws.getCell('A1').font = { name: '.VnTime' };
    });
    expect(cell(await read(p), 1, 1)?.text).toBe('Nguyễn Văn An');
  });
  it('reports text in a VNI font as legacy-encoding, once per sheet', async () => {
    const p = await write('vni.xlsx', (_, ws) => {
      ws.getCell('A1').value = 'Nguyeãn Vaên An';
      ws.getCell('A1').font = { name: 'VNI-Times' };
      ws.getCell('A2').value = 'Traàn';
      ws.getCell('A2').font = { name: 'VNI-Times' };
    });
    const r = await readWorkbook(p, LIMIT);
    expect(r.ok && r.problems.map((x) => [x.rule, x.at.row, x.at.column])).toEqual([['legacy-encoding', 1, 'A']]);
  });
});

describe('what a file really is', () => {
  const problem = async (path: string) => {
    const r = await readWorkbook(path, LIMIT);
    return r.ok || r.skip ? null : r.problem.messageId;
  };
  it('says an empty file is empty', async () => {
    writeFileSync(join(dir, 'empty.xlsx'), '');
    expect(await problem(join(dir, 'empty.xlsx'))).toBe('empty');
  });
  it('tells a legacy .xls from a password-protected .xlsx (both OLE)', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    writeFileSync(join(dir, 'old.xls'), ole);
    expect(await problem(join(dir, 'old.xls'))).toBe('xls');
    writeFileSync(join(dir, 'locked.xlsx'), Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]));
    expect(await problem(join(dir, 'locked.xlsx'))).toBe('encrypted');
  });
  it('says an .ods must be saved as .xlsx (exceljs would load it as 0 sheets)', async () => {
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    writeFileSync(join(dir, 'x.ods'), ods);
    expect(await problem(join(dir, 'x.ods'))).toBe('ods');
  });
  it('calls a truncated workbook corrupt', async () => {
    const p = await write('whole.xlsx', (_, ws) => {
      ws.getCell('A1').value = 'x';
    });
    const { readFileSync } = await import('node:fs');
    const buf = readFileSync(p);
    writeFileSync(join(dir, 'half.xlsx'), buf.subarray(0, Math.floor(buf.length / 2)));
    expect(zipInflatedSize(buf)).toBeGreaterThan(0);
    expect(await problem(join(dir, 'half.xlsx'))).toBe('corrupt');
  });
  it('calls random bytes named .xlsx corrupt', async () => {
    writeFileSync(join(dir, 'junk.xlsx'), Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 37) % 256)));
    expect(await problem(join(dir, 'junk.xlsx'))).toBe('corrupt');
  });
  it('refuses a file above the size limit and a zip whose parts inflate above it, before inflating', async () => {
    const p = await write('big.xlsx', (_, ws) => {
      for (let i = 1; i < 200; i++) ws.getCell(`A${i}`).value = 'x'.repeat(100);
    });
    const r = await readWorkbook(p, { maxFileBytes: 10_000 });
    expect(!r.ok && !r.skip && r.problem.messageId).toBe('tooLarge');
  });
  it('skips a workbook tiendo wrote itself', async () => {
    const p = await write('mine.xlsx', (wb, ws) => {
      wb.keywords = 'tiendo-output';
      ws.getCell('A1').value = 'x';
    });
    const r = await readWorkbook(p, LIMIT);
    expect(!r.ok && r.skip).toBe(true);
  });
});
