// Native charts from the small .xlsx writer (./chart.ts): the chart and drawing parts, their
// relationships and content types beside cell notes on the same sheet, series that reference the
// sheet's cells, print areas and page breaks; openpyxl loads the charts back and exceljs still
// reads the cells. (LibreOffice converting a chart is shown on the province's summary: test/e2e/rollup-pdf.test.ts.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { inflateEntry, zipEntries } from '../../src/zip/read.js';
import { absoluteRef, chartXml, type BarChart } from '../../src/write/chart.js';
import { plottedRows, type BodyRow, type SheetSpec } from '../../src/write/sheet-model.js';
import { XlsxWriter, type SheetOptions } from '../../src/write/xlsx-writer.js';
import { openpyxlPython } from '../helpers/tools.js';
import { at } from '../helpers/at.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-chart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page: SheetOptions['page'] = {
  landscape: true,
  paperSize: 9,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

const rates: BarChart = {
  title: 'Tỷ lệ hoàn thành — Quý III năm 2024',
  grouping: 'clustered',
  categories: { range: 'A2:A4', labels: ['Huyện Lục Nam', 'Huyện Lạng Giang <&>', 'Xã Tân Sơn'] },
  series: [
    { name: { cell: 'B1', text: 'Tỷ lệ hoàn thành (%)' }, values: { range: 'B2:B4', numbers: [25.9, null, 100] }, color: '1F4E79' },
    { name: { cell: 'C1', text: 'Tỷ lệ đúng hạn (%)' }, values: { range: 'C2:C4', numbers: [71.4, 0, 50] }, color: '9DC3E6' },
  ],
  axis: { min: 0, max: 100, majorUnit: 20, numFmt: '0' },
  dataLabels: { numFmt: '0.0' },
  font: 'Times New Roman',
};

describe('absoluteRef', () => {
  it('quotes the sheet and fixes every cell', () => {
    expect(absoluteRef('Tổng hợp', 'K10:K15')).toBe("'Tổng hợp'!$K$10:$K$15");
    expect(absoluteRef("Bà Rịa's", 'B9')).toBe("'Bà Rịa''s'!$B$9");
  });
});

describe('chartXml', () => {
  const xml = chartXml('Tổng hợp', rates);
  it('references the cells, with their values cached (a missing number is no point)', () => {
    expect(xml).toContain("<c:f>'Tổng hợp'!$A$2:$A$4</c:f>");
    expect(xml).toContain("<c:f>'Tổng hợp'!$B$1</c:f>");
    expect(xml).toContain("<c:f>'Tổng hợp'!$C$2:$C$4</c:f>");
    expect(xml).toContain('<c:pt idx="1"><c:v>Huyện Lạng Giang &lt;&amp;&gt;</c:v></c:pt>');
    expect(xml).toContain('<c:ptCount val="3"/><c:pt idx="0"><c:v>25.9</c:v></c:pt><c:pt idx="2"><c:v>100</c:v></c:pt></c:numCache>');
  });
  it('writes the title, the font and square corners', () => {
    expect(xml).toContain('<a:t>Tỷ lệ hoàn thành — Quý III năm 2024</a:t>');
    expect(xml).toContain('<a:latin typeface="Times New Roman"/>');
    expect(xml).toContain('<c:roundedCorners val="0"/>');
    expect(xml).toContain('<c:grouping val="clustered"/>');
  });
  it('stacks with the bars overlapping wholly, as Excel requires of a stacked chart', () => {
    const stacked = chartXml('Theo lĩnh vực', { ...rates, grouping: 'stacked', dataLabels: undefined });
    expect(stacked).toContain('<c:grouping val="stacked"/>');
    expect(stacked).toContain('<c:overlap val="100"/>');
    expect(stacked).not.toContain('<c:dLbls>');
  });
});

describe('plottedRows', () => {
  const spec = (rows: BodyRow[]): SheetSpec => ({
    name: 'Theo lĩnh vực',
    title: '',
    columns: [],
    rows,
    empty: '',
    autoFilter: false,
    chart: {
      title: '',
      grouping: 'stacked',
      labels: 1,
      series: [
        { column: 2, color: '000000' },
        { column: 3, color: '000000' },
      ],
      axis: { numFmt: '0' },
    },
  });
  const data = (a: number | string, b: number | string): BodyRow => ({ kind: 'data', values: [1, 'x', a, b] });
  const section: BodyRow = { kind: 'section', values: ['I.'] };
  const total: BodyRow = { kind: 'total', values: [null, 'Cộng', 0, 0] };

  it('takes the data rows of the first block, up to its total', () => {
    expect(plottedRows(spec([section, data(1, 0), data('-', 2), total, section, data(5, 5), total]))).toEqual({ from: 1, to: 3 });
  });
  it('draws nothing when the first block has no row or no number above 0 — never the next block instead', () => {
    expect(plottedRows(spec([section, total, section, data(5, 5), total]))).toBeNull();
    expect(plottedRows(spec([section, data(0, '-'), data('-', '-'), total]))).toBeNull();
    expect(plottedRows({ ...spec([data(1, 1)]), chart: undefined })).toBeNull();
  });
});

describe('XlsxWriter — charts, print areas, page breaks', () => {
  const file = join(dir, 'charts.xlsx');
  const part = (name: string): string => {
    const buf = readFileSync(file);
    const entry = zipEntries(buf)!.find((e) => e.name === name);
    return entry ? inflateEntry(buf, entry).toString('utf8') : '';
  };

  it('writes a chart beside notes on one sheet and a chart alone on another', async () => {
    const w = await XlsxWriter.create(file, {
      sheets: [
        { name: 'Tổng hợp', printTitleRows: '1:1', notes: true, charts: 1 },
        { name: 'Không', printTitleRows: '1:1' },
        { name: 'Theo lĩnh vực', charts: 1 },
      ],
      font: { name: 'Times New Roman', size: 12 },
    });
    const bold = w.style({ bold: true });
    const fill = async (ws: ReturnType<XlsxWriter['sheet']>): Promise<void> => {
      await ws.row(1, [
        { col: 1, value: 'Đơn vị', style: bold },
        { col: 2, value: 'Tỷ lệ hoàn thành (%)', style: bold },
        { col: 3, value: 'Tỷ lệ đúng hạn (%)', style: bold },
      ]);
      await ws.row(2, [
        { col: 1, value: 'Huyện Lục Nam', style: 0 },
        { col: 2, value: 25.9, style: 0 },
        { col: 3, value: 71.4, style: 0 },
      ]);
      await ws.row(3, [
        { col: 1, value: 'Huyện Lạng Giang <&>', style: 0 },
        { col: 2, value: '-', style: 0 },
        { col: 3, value: 0, style: 0 },
      ]);
      await ws.row(4, [
        { col: 1, value: 'Xã Tân Sơn', style: 0 },
        { col: 2, value: 100, style: 0 },
        { col: 3, value: 50, style: 0 },
      ]);
    };
    const first = w.sheet({ widths: [20, 12, 12], frozenRows: 1, page });
    await fill(first);
    first.note(2, 1, 'một ghi chú');
    first.pageBreakBefore(6);
    first.chart(rates, { from: { col: 1, row: 6 }, to: { col: 4, row: 26 } });
    expect(() => first.chart(rates, { from: { col: 1, row: 6 }, to: { col: 4, row: 26 } })).toThrow(/more charts/);
    first.printArea('A1:C25');
    await first.end();
    const plain = w.sheet({ widths: [10], frozenRows: 0, page });
    await plain.row(1, [{ col: 1, value: 'x', style: 0 }]);
    expect(() => plain.chart(rates, { from: { col: 1, row: 2 }, to: { col: 2, row: 3 } })).toThrow(/more charts/);
    await plain.end();
    const third = w.sheet({ widths: [20, 12, 12], frozenRows: 1, page });
    await fill(third);
    third.chart({ ...rates, grouping: 'stacked', dataLabels: undefined }, { from: { col: 1, row: 6 }, to: { col: 4, row: 20 } });
    await third.end();
    await w.close();

    expect(part('[Content_Types].xml')).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    expect(part('[Content_Types].xml')).toContain(
      '<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    // notes keep rId1 and rId2, the drawing takes rId3; a sheet with a chart only, rId1
    expect(part('xl/worksheets/_rels/sheet1.xml.rels')).toContain(
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>',
    );
    expect(part('xl/worksheets/sheet1.xml')).toMatch(
      /<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"\/><\/rowBreaks><drawing r:id="rId3"\/><legacyDrawing r:id="rId2"\/><\/worksheet>$/,
    );
    expect(part('xl/worksheets/_rels/sheet3.xml.rels')).toContain(
      'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing2.xml"',
    );
    expect(part('xl/worksheets/sheet3.xml')).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    expect(part('xl/worksheets/_rels/sheet2.xml.rels')).toBe('');
    expect(part('xl/drawings/_rels/drawing2.xml.rels')).toContain('Target="../charts/chart2.xml"');
    expect(part('xl/drawings/drawing1.xml')).toContain('<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row>');
    expect(part('xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'Tổng hợp'!$A$1:$C$25</definedName>`);
    expect(part('xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Không'!$1:$1</definedName>`);

    // the cells are still cells
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Không', 'Theo lĩnh vực']);
    expect(at(wb.worksheets, 0, 'sheet').getCell('B2').value).toBe(25.9);
  });

  it('refuses to end a sheet with fewer charts than declared', async () => {
    const w = await XlsxWriter.create(join(dir, 'missing.xlsx'), {
      sheets: [{ name: 'A', charts: 1 }],
      font: { name: 'Calibri', size: 11 },
    });
    const ws = w.sheet({ widths: [10], frozenRows: 0, page });
    await expect(ws.end()).rejects.toThrow(/0 of 1 charts/);
    await w.abort();
  });

  it.skipIf(!openpyxlPython)(
    'opens in openpyxl with each chart on its sheet, its series on the cells, the print areas and the first sheet active',
    () => {
      const script = [
        'import sys, warnings, openpyxl',
        "warnings.simplefilter('error')",
        'wb = openpyxl.load_workbook(sys.argv[1])',
        'print(wb.active.title)',
        'for ws in wb.worksheets:',
        '    for c in ws._charts:',
        '        print(ws.title, c.tagname, c.grouping, [(s.tx.strRef.f, s.cat.strRef.f, s.val.numRef.f) for s in c.series])',
        '    print(ws.title, ws.print_area, ws.print_title_rows)',
      ].join('\n');
      const out = execFileSync(openpyxlPython!, ['-c', script, file], { encoding: 'utf8' }).trim().split('\n');
      expect(out).toEqual([
        'Tổng hợp',
        'Tổng hợp barChart clustered [("\'Tổng hợp\'!$B$1", "\'Tổng hợp\'!$A$2:$A$4", "\'Tổng hợp\'!$B$2:$B$4"), ("\'Tổng hợp\'!$C$1", "\'Tổng hợp\'!$A$2:$A$4", "\'Tổng hợp\'!$C$2:$C$4")]',
        "Tổng hợp ['$A$1:$C$25'] $1:$1",
        'Không None $1:$1',
        'Theo lĩnh vực barChart stacked [("\'Theo lĩnh vực\'!$B$1", "\'Theo lĩnh vực\'!$A$2:$A$4", "\'Theo lĩnh vực\'!$B$2:$B$4"), ("\'Theo lĩnh vực\'!$C$1", "\'Theo lĩnh vực\'!$A$2:$A$4", "\'Theo lĩnh vực\'!$C$2:$C$4")]',
        'Theo lĩnh vực None None',
      ]);
    },
  );
});
