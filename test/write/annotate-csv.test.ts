// The annotated copy of a CSV register, made in memory at once (src/write/annotate-csv.ts): the same
// workbook, cell for cell, as the streaming writer's copy of the same cells, read back by exceljs and openpyxl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_FILL, RESULT_SHEET, WARNING_FILL, writeAnnotated } from '../../src/write/annotate.js';
import { packageEntries } from '../../src/write/zip-patch.js';
import type { Diagnostic, RawWorkbook, Register } from '../../src/types.js';
import { openpyxlPython } from '../helpers/tools.js';
import { readFileSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-annotate-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const long = 'Tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân về giải phóng mặt bằng khu dân cư mới';
const raw: RawWorkbook = {
  kind: 'csv',
  sheets: [
    {
      name: '',
      rowCount: 6,
      columnCount: 5,
      rows: [
        { number: 1, cells: [{ text: 'DANH MỤC VIỆC KHÓ NĂM 2024' }] },
        {
          number: 2,
          cells: [{ text: 'STT' }, { text: 'Nội dung' }, { text: 'Cán bộ\nphụ trách' }, { text: 'Thời hạn' }, { text: 'Tiến độ' }],
        },
        {
          number: 3,
          cells: [
            { text: '1', number: 1 },
            { text: long },
            { text: ' Ông Thân Văn Phúc ' },
            { text: '30/09/2024', date: '2024-09-30' },
            { text: '45,5%', number: 0.455, percent: true },
          ],
        },
        // line 4 was blank: line 5 stays on row 5
        { number: 5, cells: [{ text: '2', number: 2 }, { text: '=1+1' }, null, { text: 'Quý III/2024' }, { text: '<&>' }] },
      ],
    },
  ],
};

function register(): Register {
  return {
    path: join(dir, 'yen-son.csv'),
    displayPath: 'yen-son.csv',
    kind: 'csv',
    workbook: raw,
    sheet: '',
    headerRow: 2,
    columns: {},
    titleLines: [],
    unit: { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213', from: null, to: null },
    unitSource: 'filename',
    tasks: [],
    problems: [],
  };
}

const diag = (d: Partial<Diagnostic> & Pick<Diagnostic, 'rule' | 'message'>): Diagnostic => ({
  file: 'yen-son.csv',
  sheet: '',
  row: null,
  column: null,
  severity: 'error',
  taskId: null,
  messageId: 'default',
  data: {},
  ...d,
});
const DIAGNOSTICS = [
  diag({ rule: 'owner-missing', row: 5, column: 'C', taskId: '07651-2', message: 'Chưa có người chịu trách nhiệm' }),
  diag({ rule: 'invalid-date', row: 5, column: 'D', message: 'Thời hạn chưa rõ ngày' }),
  diag({ rule: 'overdue', severity: 'warning', row: 5, column: 'D', message: 'Quá hạn' }),
  diag({ rule: 'overdue', severity: 'warning', sheet: null, row: 3, column: 'D', message: 'Quá hạn 5 ngày' }),
  diag({ rule: 'title-missing', row: 9, column: null, message: 'Dòng không đọc được' }),
  diag({ rule: 'unit-duplicate', sheet: null, message: 'Hai tệp cùng của Xã Yên Sơn' }),
];

const args = (name: string) => ({ register: register(), diagnostics: DIAGNOSTICS, outDir: dir, lang: 'vi' as const, inputs: [], name });
const copies = (async () => ({
  memory: await writeAnnotated(args('memory')),
  streamed: await writeAnnotated(args('streamed'), { inMemoryMaxCells: 0 }),
}))();

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Every cell of A1:H20 of each sheet: value, format, fill, note, alignment; and the sheet's widths, heights and page. */
function look(wb: ExcelJS.Workbook, skip: string[] = []): unknown[] {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    for (let r = 1; r <= 20; r++) {
      for (let c = 1; c <= 8; c++) {
        const cell = ws.getCell(r, c);
        if (skip.includes(`${ws.name}!${cell.address}`)) continue;
        const v = cell.value as { text?: string } | null;
        const fill = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        const note = cell.note
          ? typeof cell.note === 'string'
            ? cell.note
            : (cell.note.texts ?? []).map((t) => t.text).join('')
          : undefined;
        // the result sheet is laid out as the zip-patched copies lay it out, not as the streaming writer
        // does; a register's cell is aligned as in the exceljs copy (the streaming writer left-aligns them all)
        const { horizontal: _h, ...a } = cell.alignment ?? {};
        if (ws.name === RESULT_SHEET) for (const k of Object.keys(a)) delete a[k as keyof typeof a];
        const shown = { v: v && typeof v === 'object' && 'text' in v ? v.text : v, f: cell.numFmt, fill, note, a, b: cell.font?.bold };
        if (v !== null || fill || note) cells[cell.address] = shown;
      }
    }
    const widths = Array.from({ length: 8 }, (_, i) => ws.getColumn(i + 1).width);
    const heights = Array.from({ length: 12 }, (_, i) => ws.getRow(i + 1).height);
    const { orientation, paperSize, fitToWidth, fitToHeight } = ws.pageSetup;
    return { name: ws.name, cells, widths, heights, page: { orientation, paperSize, fitToWidth, fitToHeight }, views: ws.views };
  });
}

describe('the annotated copy of a CSV register, made in memory', () => {
  it('is the streaming writer’s copy cell for cell: values, formats, fills, notes, wrapping, widths, heights, page (the result sheet’s alignment aside)', async () => {
    const { memory, streamed } = await copies;
    const [a, b] = [await load(memory), await load(streamed)];
    // the line saying how to use the copy differs: the streamed one says why it is not formatted
    expect(look(a, [`${RESULT_SHEET}!A4`])).toEqual(look(b, [`${RESULT_SHEET}!A4`]));
    expect(String(a.worksheets[0]!.getCell('A4').value)).toContain('Bấm vào địa chỉ ở cột "Ô"');
    expect(a.keywords).toBe('tiendo-checked');
    const data = a.getWorksheet('yen-son')!;
    expect(data.getCell('B5').type).toBe(ExcelJS.ValueType.String); // '=1+1' stays text
    expect(data.getCell('C3').value).toBe(' Ông Thân Văn Phúc ');
    expect((data.getCell('C5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ERROR_FILL);
    expect((data.getCell('D3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(WARNING_FILL);
    expect((data.getCell('A9').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ERROR_FILL);
  });

  it('links each address of the result table to its cell, as Excel writes a link inside the workbook', async () => {
    const { memory } = await copies;
    const wb = await load(memory);
    const links: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => {
      const v = row.getCell(6).value as { hyperlink?: string } | null;
      if (v && typeof v === 'object' && v.hyperlink) links.push(v.hyperlink);
    });
    expect(links).toEqual(["#'yen-son'!D3", "#'yen-son'!C5", "#'yen-son'!D5", "#'yen-son'!D5", "#'yen-son'!A9"]);
  });

  it('is a small package, the parts every copy shares written alike', async () => {
    const { memory } = await copies;
    const names = packageEntries(readFileSync(memory))!.map((e) => e.name);
    expect(names).toContain('xl/styles.xml');
    expect(names).toContain('xl/comments2.xml');
    expect(names).not.toContain('docProps/app.xml');
  });

  it.skipIf(!openpyxlPython)('opens in openpyxl without a warning, with the fills, notes and the link', async () => {
    const { memory } = await copies;
    const script = [
      'import sys, warnings, openpyxl',
      "warnings.simplefilter('error')",
      'wb = openpyxl.load_workbook(sys.argv[1]); r, d = wb.worksheets',
      "print(wb.active.title == r.title, d['C5'].fill.fgColor.rgb, d['D3'].fill.fgColor.rgb, d['D5'].number_format == 'General', d['D3'].number_format, d['E3'].number_format)",
      "print(repr(d['D5'].comment.text), d['B3'].alignment.wrap_text, d['A1'].alignment.wrap_text, d.row_dimensions[3].height)",
      "print(r['F11'].hyperlink.location)",
    ].join('\n');
    const out = execFileSync(openpyxlPython!, ['-c', script, await copies.then((c) => c.memory)], { encoding: 'utf8' }).trim();
    expect(out.split('\n')).toEqual([
      `True ${ERROR_FILL} ${WARNING_FILL} True dd/mm/yyyy 0.0%`,
      "'[Lỗi] Thời hạn chưa rõ ngày (invalid-date)\\n[Cảnh báo] Quá hạn (overdue)' True None 60.0",
      "'yen-son'!D3",
    ]);
  });
});
