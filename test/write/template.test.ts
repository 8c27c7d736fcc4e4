import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/domain/columns.js';
import { CATEGORY_LABEL, STATUS_LABEL } from '../../src/normalise/values.js';
import {
  COMMON_FIELDS,
  PROGRESS_HEADERS,
  TEMPLATE_BODY_ROWS,
  TEMPLATE_COLUMNS,
  TEMPLATE_FIRST_BODY_ROW,
  TEMPLATE_GUIDE_SHEET,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_LISTS_SHEET,
  TEMPLATE_PROGRESS_RULED_ROWS,
  TEMPLATE_PROGRESS_SHEET,
  TEMPLATE_RULED_ROWS,
  TEMPLATE_SHEET,
  cadresInPost,
  templateColumnLetter,
  titleLines,
  writeTemplate,
} from '../../src/write/template.js';
import type { Cadre, Roster, Unit, UnitTree } from '../../src/types.js';
import { at } from '../helpers/at.js';

const units: Unit[] = [
  { code: '24', name: 'Tỉnh Bắc Giang', level: 'tinh', parent: null, from: null, to: null },
  { code: '213', name: 'Huyện Lục Nam', level: 'huyen', parent: '24', from: null, to: null },
  { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213', from: null, to: null },
  { code: '213-vp', name: 'Văn phòng Huyện ủy', level: 'co-quan', parent: '213', from: null, to: null },
  { code: '213-ca', name: 'Đảng bộ Công an huyện', level: 'co-quan', parent: '213', from: null, to: null },
];
const tree: UnitTree = {
  asOf: '2024-09-30',
  units,
  byCode: new Map(units.map((u) => [u.code, u])),
  children: new Map(),
  roots: [at(units, 0)],
};
const unit = at(units, 2);

function cadre(name: string, over: Partial<Cadre> = {}): Cadre {
  return { name, key: name.toLowerCase(), position: 'Phó Chủ tịch UBND xã', unit: '07651', from: null, to: null, ...over };
}
const roster: Roster = {
  cadres: [
    cadre('Trần Văn Bình'),
    cadre('Nguyễn Văn An', { from: '2020-01-01' }),
    cadre('Nguyễn Văn An', { position: 'Bí thư' }), // twice in post: listed once
    cadre('Lê Thị Hà', { to: '2024-06-30' }), // rotated out before the as-of date
    cadre('Phạm Văn Cường', { unit: '07652' }), // another commune
    cadre('Đỗ Thị Lan', { from: '2024-10-01' }), // not yet in post
  ],
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tiendo-template-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function written(r: Roster | null = roster): Promise<ExcelJS.Workbook> {
  const out = join(dir, 'sub', 'mau.xlsx');
  await writeTemplate({ unit, tree, roster: r, year: 2024, out, asOf: '2024-09-30' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

const body = (k: Parameters<typeof templateColumnLetter>[0], row = TEMPLATE_FIRST_BODY_ROW) => `${templateColumnLetter(k)}${row}`;
type Protected = ExcelJS.Worksheet & { sheetProtection?: { sheet?: boolean; hashValue?: string } };

describe('writeTemplate', () => {
  it('names the unit and its parent in the title block', async () => {
    const ws = (await written()).getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getCell('A1').value).toBe('ĐẢNG BỘ HUYỆN LỤC NAM');
    expect(ws.getCell('A2').value).toBe('ĐẢNG ỦY XÃ YÊN SƠN');
    const texts: string[] = [];
    for (let r = 1; r < TEMPLATE_HEADER_ROW; r++)
      ws.getRow(r).eachCell((c) => {
        if (!c.isMerged || c.master === c) texts.push(String(c.value));
      });
    expect(texts).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(texts).toContain('DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ NĂM 2024');
    expect(texts.some((t) => t.startsWith('Yên Sơn, ngày'))).toBe(true);
    expect(texts).toContain('(Mã đơn vị: 07651)');
  });

  it("writes each level's committee the way the title rules read it", () => {
    expect(titleLines(at(units, 1), tree)).toEqual({ superior: 'ĐẢNG BỘ TỈNH BẮC GIANG', own: 'HUYỆN ỦY LỤC NAM' });
    expect(titleLines(at(units, 0), tree)).toEqual({ superior: null, own: 'TỈNH ỦY BẮC GIANG' });
    expect(titleLines(at(units, 3), tree).own).toBe('ĐẢNG ỦY VĂN PHÒNG HUYỆN ỦY');
    expect(titleLines(at(units, 4), tree).own).toBe('ĐẢNG BỘ CÔNG AN HUYỆN');
  });

  it('has the canonical headers, the column numbers, and no Mã đơn vị column', async () => {
    const wb = await written();
    expect(wb.worksheets.map((w) => w.name)).toEqual([TEMPLATE_SHEET, TEMPLATE_PROGRESS_SHEET, TEMPLATE_GUIDE_SHEET, TEMPLATE_LISTS_SHEET]);
    expect(wb.getWorksheet(TEMPLATE_LISTS_SHEET)!.state).toBe('hidden');
    expect(wb.keywords ?? '').not.toBe('tiendo-output'); // a template is not tiendo's output
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    const header = TEMPLATE_COLUMNS.map((_, i) => ws.getRow(TEMPLATE_HEADER_ROW).getCell(i + 1).value);
    expect(header).toEqual(TEMPLATE_COLUMNS.map((k) => COLUMNS.find((c) => c.key === k)!.headers[0]));
    expect(header).not.toContain('Mã đơn vị');
    expect(header.slice(0, 3)).toEqual(['STT', 'Mã việc', 'Nội dung công việc']);
    const numbers = TEMPLATE_COLUMNS.map((_, i) => ws.getRow(TEMPLATE_HEADER_ROW + 1).getCell(i + 1).value);
    expect(numbers).toEqual(TEMPLATE_COLUMNS.map((_, i) => `(${i + 1})`));
    expect(TEMPLATE_FIRST_BODY_ROW).toBe(TEMPLATE_HEADER_ROW + 2);
    expect(ws.getCell(body('title')).value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: TEMPLATE_FIRST_BODY_ROW - 1 });
  });

  it('checks the body cells: drop-downs, dates, progress 0–100', async () => {
    const wb = await written();
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    const lists = wb.getWorksheet(TEMPLATE_LISTS_SHEET)!;
    const listValues = (formula: string): string[] => {
      const m = /!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula)!;
      expect(formula.startsWith(`'${TEMPLATE_LISTS_SHEET}'!`)).toBe(true);
      const out: string[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(String(lists.getCell(`${m[1]}${r}`).value));
      return out;
    };
    const last = TEMPLATE_FIRST_BODY_ROW + TEMPLATE_BODY_ROWS - 1;
    for (const row of [TEMPLATE_FIRST_BODY_ROW, last]) {
      const status = ws.getCell(body('status', row)).dataValidation;
      expect(status.type).toBe('list');
      expect(listValues(status.formulae[0])).toEqual(Object.values(STATUS_LABEL));
    }
    // the category list holds a comma: only a range can carry it
    expect(listValues(ws.getCell(body('category')).dataValidation.formulae[0])).toEqual(Object.values(CATEGORY_LABEL));
    const field = ws.getCell(body('field')).dataValidation;
    expect(listValues(field.formulae[0])).toEqual(COMMON_FIELDS);
    expect(field.showErrorMessage).toBeFalsy(); // other fields may be typed
    // owners: the unit's cadres in post on the as-of date, once each, Vietnamese order
    const owner = ws.getCell(body('owner')).dataValidation;
    expect(listValues(owner.formulae[0])).toEqual(['Nguyễn Văn An', 'Trần Văn Bình']);
    expect(owner.errorStyle).toBe('warning');

    const progress = ws.getCell(body('progress')).dataValidation;
    expect(progress).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100], errorStyle: 'stop' });

    for (const k of ['assigned', 'completed'] as const) {
      const c = ws.getCell(body(k));
      expect(c.dataValidation.type).toBe('date');
      expect(c.numFmt).toBe('dd/mm/yyyy');
    }
    // a deadline may be a period: a prompt, no check
    const deadline = ws.getCell(body('deadline'));
    expect(deadline.dataValidation.type).toBe('any');
    expect(deadline.dataValidation.prompt).toContain('Quý III/2024');
    expect(deadline.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell(body('title')).dataValidation).toBeUndefined();
  });

  it('offers no owner drop-down without a roster', async () => {
    const ws = (await written(null)).getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getCell(body('owner')).dataValidation).toBeUndefined();
    expect(ws.getCell(body('status')).dataValidation.type).toBe('list');
  });

  it('protects the header rows without a password, leaving the body editable', async () => {
    const wb = await written();
    for (const name of [TEMPLATE_SHEET, TEMPLATE_PROGRESS_SHEET, TEMPLATE_GUIDE_SHEET]) {
      const p = (wb.getWorksheet(name) as Protected).sheetProtection;
      expect(p?.sheet, name).toBe(true);
      expect(p?.hashValue, name).toBeUndefined();
    }
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getCell(`A${TEMPLATE_HEADER_ROW}`).protection?.locked).not.toBe(false);
    expect(ws.getCell('A1').protection?.locked).not.toBe(false);
    expect(ws.getCell(`${templateColumnLetter('note')}${TEMPLATE_HEADER_ROW + 1}`).protection?.locked).not.toBe(false);
    for (const k of TEMPLATE_COLUMNS) expect(ws.getCell(body(k)).protection?.locked, k).toBe(false);
    // rows below the prepared body are editable too
    expect(ws.getCell(body('title', TEMPLATE_FIRST_BODY_ROW + TEMPLATE_BODY_ROWS + 5)).protection?.locked).toBe(false);
  });

  it('has a Tiến độ sheet and a Hướng dẫn sheet explaining every column', async () => {
    const wb = await written();
    const progress = wb.getWorksheet(TEMPLATE_PROGRESS_SHEET)!;
    expect(PROGRESS_HEADERS.map((_, i) => progress.getRow(1).getCell(i + 1).value)).toEqual([
      'Mã việc',
      'Ngày báo cáo',
      'Tiến độ (%)',
      'Kết quả đạt được',
      'Tình trạng',
      'Ngày hoàn thành',
      'Ghi chú',
    ]);
    expect(progress.getCell('C2').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(progress.getCell('A2').protection?.locked).toBe(false);
    expect(progress.getCell('A1').protection?.locked).not.toBe(false);

    const guide = wb.getWorksheet(TEMPLATE_GUIDE_SHEET)!;
    const text: string[] = [];
    guide.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    for (const k of TEMPLATE_COLUMNS) {
      const spec = COLUMNS.find((c) => c.key === k)!;
      expect(text, k).toContain(spec.help);
      expect(text, k).toContain(spec.headers[0]);
    }
  });

  it('writes one validation per range, none overlapping another (Excel would offer to repair the file)', async () => {
    const out = join(dir, 'mau.xlsx');
    await writeTemplate({ unit, tree, roster, year: 2024, out, asOf: '2024-09-30' });
    const { zipEntries, inflateEntry } = await import('../../src/zip/read.js');
    const buf = await readFile(out);
    const sheetXml = (n: number) =>
      inflateEntry(
        buf,
        zipEntries(buf)!.find((e) => e.name === `xl/worksheets/sheet${n}.xml`)!,
      ).toString('utf8');
    const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const box = (ref: string) => {
      const [a = '', b = a] = ref.split(':');
      const [, c1 = '', r1] = /^([A-Z]+)(\d+)$/.exec(a)!;
      const [, c2 = '', r2] = /^([A-Z]+)(\d+)$/.exec(b)!;
      return { c1: col(c1), r1: Number(r1), c2: col(c2), r2: Number(r2) };
    };
    // sheet1: Danh mục, sheet2: Tiến độ
    for (const [n, columns, rows] of [
      [1, 10, TEMPLATE_BODY_ROWS],
      [2, 6, 200],
    ] as const) {
      const refs = [...sheetXml(n).matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].flatMap(([, sqref = '']) => sqref.split(' '));
      expect(refs, `sheet${n}`).toHaveLength(columns);
      const boxes = refs.map(box);
      for (const b of boxes) expect(b.r2 - b.r1 + 1, `sheet${n}`).toBe(rows);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [p, q] = [at(boxes, i), at(boxes, j)];
          const overlap = p.c1 <= q.c2 && q.c1 <= p.c2 && p.r1 <= q.r2 && q.r1 <= p.r2;
          expect(overlap, `sheet${n}: ${refs[i]} and ${refs[j]}`).toBe(false);
        }
      }
    }
  });

  it('prints at a readable size with ruled rows to fill in', async () => {
    const wb = await written();
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    // 18 columns on A4 landscape (about 145 units at 100 %): at most 170 units prints 11 pt at about 9.3 pt
    const width = TEMPLATE_COLUMNS.reduce((sum, _, i) => sum + (ws.getColumn(i + 1).width ?? 0), 0);
    expect(width).toBeLessThanOrEqual(170);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getCell(`C${TEMPLATE_HEADER_ROW}`).font.size).toBeGreaterThanOrEqual(11);
    // the ruled rows: every cell bordered on four sides; none below them, so an empty form prints one page
    expect(TEMPLATE_RULED_ROWS).toBeGreaterThanOrEqual(20);
    expect(TEMPLATE_RULED_ROWS).toBeLessThanOrEqual(30);
    const ruled = (c: ExcelJS.Cell) =>
      ['top', 'left', 'bottom', 'right'].every((side) => c.border?.[side as keyof ExcelJS.Borders]?.style === 'thin');
    for (const r of [TEMPLATE_FIRST_BODY_ROW, TEMPLATE_FIRST_BODY_ROW + TEMPLATE_RULED_ROWS - 1]) {
      TEMPLATE_COLUMNS.forEach((k, i) => {
        const c = ws.getCell(r, i + 1);
        expect(ruled(c), `${c.address}`).toBe(true);
        expect(c.font.size, c.address).toBeGreaterThanOrEqual(11);
        expect(c.value, c.address).toBeNull();
      });
    }
    expect(ruled(ws.getCell(TEMPLATE_FIRST_BODY_ROW + TEMPLATE_RULED_ROWS, 3))).toBe(false);
    // a row typed below the ruled ones still wraps, and is checked
    expect(ws.getCell(body('title', TEMPLATE_FIRST_BODY_ROW + 50)).alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell(body('status', TEMPLATE_FIRST_BODY_ROW + 50)).dataValidation.type).toBe('list');

    const progress = wb.getWorksheet(TEMPLATE_PROGRESS_SHEET)!;
    expect(ruled(progress.getCell(1 + TEMPLATE_PROGRESS_RULED_ROWS, 1))).toBe(true);
    expect(ruled(progress.getCell(2 + TEMPLATE_PROGRESS_RULED_ROWS, 1))).toBe(false);
    const guide = wb.getWorksheet(TEMPLATE_GUIDE_SHEET)!;
    // A4 portrait holds about 95 units at 100 %
    expect([1, 2, 3, 4].reduce((sum, i) => sum + (guide.getColumn(i).width ?? 0), 0)).toBeLessThanOrEqual(100);
  });

  it('lists the cadres in post once, by Vietnamese collation', () => {
    expect(cadresInPost(roster, '07651', '2024-05-01')).toEqual(['Lê Thị Hà', 'Nguyễn Văn An', 'Trần Văn Bình']);
    expect(cadresInPost(null, '07651', '2024-05-01')).toEqual([]);
  });
});
