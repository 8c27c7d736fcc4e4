// A template filled in validates clean and resolves to its unit; planted errors come back in the
// annotated copy at the right cells.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { template } from '../src/template.js';
import { ERROR_FILL, RESULT_SHEET } from '../src/write/annotate.js';
import { TEMPLATE_FIRST_BODY_ROW, TEMPLATE_SHEET, templateColumnLetter as col } from '../src/write/template.js';
import type { ColumnKey } from '../src/types.js';
import { first } from './helpers/at.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-roundtrip-'));
writeFileSync(
  join(dir, 'units.csv'),
  'code,name,level,parent\n24,Tỉnh Bắc Giang,tinh,\n213,Huyện Lục Nam,huyen,24\n215,Huyện Lạng Giang,huyen,24\n07700,Xã Tân Sơn,xa,213\n07800,Xã Tân Sơn,xa,215\n',
);
writeFileSync(
  join(dir, 'roster.csv'),
  'name,position,unit,from,to\nNguyễn Văn An,Bí thư,07800,2020-01-01,\nTrần Thị Hà,Chủ tịch,07800,2021-01-01,\n',
);
const AS_OF = '2024-09-30';

async function fill(path: string, rows: Partial<Record<ColumnKey, ExcelJS.CellValue>>[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
  rows.forEach((values, i) => {
    for (const [k, v] of Object.entries(values)) ws.getCell(`${col(k as ColumnKey)}${TEMPLATE_FIRST_BODY_ROW + i}`).value = v;
  });
  await wb.xlsx.writeFile(path);
}

const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('template round trip', () => {
  it('a template filled with valid rows validates with no diagnostic and resolves to its unit (one of two Tân Sơn)', async () => {
    const out = join(dir, 'tan-son-ok.xlsx');
    await template({ unit: '07800', out, units: join(dir, 'units.csv'), roster: join(dir, 'roster.csv'), year: 2024, asOf: AS_OF });
    await fill(out, [
      {
        no: 1,
        title: 'Xóa nhà tạm cho hộ nghèo',
        category: 'Việc khó',
        field: 'Xã hội',
        owner: 'Nguyễn Văn An',
        assigned: day('2024-01-15'),
        deadline: 'Quý IV/2024',
        progress: 40,
        status: 'Đang thực hiện',
      },
      {
        no: 2,
        title: 'Giải quyết đơn thư tồn đọng',
        category: 'Vấn đề bức xúc, nổi cộm',
        owner: 'Trần Thị Hà',
        assigned: day('2024-01-15'),
        deadline: day('2024-06-30'),
        progress: 100,
        status: 'Đã hoàn thành',
        completed: day('2024-06-20'),
      },
    ]);
    const { result } = await validate({
      paths: [out],
      units: join(dir, 'units.csv'),
      roster: join(dir, 'roster.csv'),
      asOf: AS_OF,
      config: { severities: {}, thresholds: { maxOpenTasksPerOwner: 7, atRiskDays: 30, atRiskGap: 30 }, header: {}, maxFileBytes: 2e8 },
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.files[0]).toMatchObject({ unit: { code: '07800' }, tasks: 2 });
  });

  it('planted errors come back at their cells in the annotated copy', async () => {
    const out = join(dir, 'tan-son-bad.xlsx');
    await template({ unit: '07800', out, units: join(dir, 'units.csv'), roster: join(dir, 'roster.csv'), year: 2024, asOf: AS_OF });
    await fill(out, [
      { no: 1, title: 'Việc không có người', deadline: day('2024-12-31') },
      { no: 2, title: 'Việc sai ngày', owner: 'Nguyễn Văn An', deadline: '31/02/2024' },
      { no: 3, title: 'Người lạ', owner: 'Trần Thị Hạ', deadline: day('2024-12-31'), progress: 150 },
    ]);
    const annotate = join(dir, 'checked');
    mkdirSync(annotate, { recursive: true });
    const { result, annotated } = await validate({
      paths: [out],
      units: join(dir, 'units.csv'),
      roster: join(dir, 'roster.csv'),
      asOf: AS_OF,
      annotate,
    });
    const r = TEMPLATE_FIRST_BODY_ROW;
    const expected = [
      [r, col('owner'), 'owner-missing'],
      [r + 1, col('deadline'), 'invalid-date'],
      [r + 2, col('owner'), 'owner-unknown'],
      [r + 2, col('progress'), 'invalid-progress'],
    ];
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.row, d.column, d.rule])).toEqual(expected);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first(annotated, 'annotated copy'));
    expect(wb.worksheets[0]?.name).toBe(RESULT_SHEET);
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    for (const [row, letter, rule] of expected) {
      const cell = ws.getCell(`${letter}${row}`);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb, `${letter}${row}`).toBe(ERROR_FILL);
      const note = typeof cell.note === 'string' ? cell.note : cell.note?.texts?.map((t) => t.text).join('');
      expect(note).toContain(rule as string);
    }
    // A cell without a diagnostic is left unpainted.
    expect((ws.getCell(`${col('title')}${r}`).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(ERROR_FILL);
  });
});
