// Native bar charts for the xlsx writer (ECMA-376 Part 1, §21.2 DrawingML charts and §20.5 the
// spreadsheet drawing that anchors them): a chart part whose series reference the sheet's own cells,
// with the values cached beside each reference so that a reader that draws without recalculating
// (a previewer, openpyxl) still sees the bars. Only what the summaries need: one bar chart, clustered
// or stacked, vertical bars, a title, a legend, an optional data label per bar, one font.
import { xmlText } from './xml.js';

export interface ChartSeries {
  /** the cell holding the series' name (`K9`), and its text as cached */
  name: { cell: string; text: string };
  /** the cells of its values (`K10:K15`) and the values as cached (null: no number there) */
  values: { range: string; numbers: (number | null)[] };
  /** the bars' fill, `RRGGBB` */
  color: string;
}

export interface BarChart {
  title: string;
  /** side by side in each category, or one bar per category made of the series stacked */
  grouping: 'clustered' | 'stacked';
  /** the cells of the category labels (`B10:B15`), and the labels as cached */
  categories: { range: string; labels: string[] };
  series: ChartSeries[];
  /** the value axis: fixed bounds (rates: 0 to 100) or Excel's own, and its numbers' format */
  axis: { min?: number; max?: number; majorUnit?: number; numFmt: string };
  /** each bar's value written on it, in this format */
  dataLabels?: { numFmt: string };
  /** the font of every text of the chart */
  font: string;
}

/** Where a chart stands: from the top left corner of one cell to the top left corner of another, 1-based. */
export interface ChartAnchor {
  from: { col: number; row: number };
  to: { col: number; row: number };
}

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** `'Tổng hợp'!$K$10:$K$15` from `K10:K15`. */
export function absoluteRef(sheet: string, range: string): string {
  const abs = range
    .split(':')
    .map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

const rgb = (c: string): string => (/^[0-9A-F]{6}$/i.test(c) ? c.toUpperCase() : '000000');

/** Text properties: the one font, a size in points, bold or not, black. */
function textProps(font: string, size: number, bold = false, rotate?: number): string {
  const f = xmlText(font);
  return (
    `<c:txPr><a:bodyPr${rotate !== undefined ? ` rot="${rotate}" vert="horz"` : ''}/><a:lstStyle/><a:p><a:pPr>` +
    `<a:defRPr sz="${Math.round(size * 100)}" b="${bold ? 1 : 0}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>` +
    `<a:latin typeface="${f}"/><a:cs typeface="${f}"/></a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`
  );
}

/** A thin grey line, or none. */
const line = (color: string | null): string =>
  color ? `<a:ln w="9525"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln>` : '<a:ln><a:noFill/></a:ln>';

function strCache(texts: string[]): string {
  return `<c:strCache><c:ptCount val="${texts.length}"/>${texts.map((t, i) => `<c:pt idx="${i}"><c:v>${xmlText(t)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(numbers: (number | null)[], numFmt: string): string {
  return (
    `<c:numCache><c:formatCode>${xmlText(numFmt)}</c:formatCode><c:ptCount val="${numbers.length}"/>` +
    numbers.map((n, i) => (n == null || !Number.isFinite(n) ? '' : `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>`)).join('') +
    '</c:numCache>'
  );
}

const dataLabels = (numFmt: string, font: string): string =>
  `<c:dLbls><c:numFmt formatCode="${xmlText(numFmt)}" sourceLinked="0"/><c:spPr><a:noFill/>${line(null)}</c:spPr>${textProps(font, 9)}` +
  '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>' +
  '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>';

/** The chart part (`xl/charts/chartN.xml`) of a chart on sheet `sheet`. */
export function chartXml(sheet: string, chart: BarChart): string {
  const font = chart.font;
  const stacked = chart.grouping === 'stacked';
  const cat = `<c:cat><c:strRef><c:f>${xmlText(absoluteRef(sheet, chart.categories.range))}</c:f>${strCache(chart.categories.labels)}</c:strRef></c:cat>`;
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${xmlText(absoluteRef(sheet, s.name.cell))}</c:f>${strCache([s.name.text])}</c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${rgb(s.color)}"/></a:solidFill>${line(stacked ? 'FFFFFF' : null)}</c:spPr>` +
        '<c:invertIfNegative val="0"/>' +
        cat +
        `<c:val><c:numRef><c:f>${xmlText(absoluteRef(sheet, s.values.range))}</c:f>${numCache(s.values.numbers, chart.axis.numFmt)}</c:numRef></c:val>` +
        '</c:ser>',
    )
    .join('');
  const ax = chart.axis;
  const scaling = `<c:scaling><c:orientation val="minMax"/>${ax.max !== undefined ? `<c:max val="${ax.max}"/>` : ''}${ax.min !== undefined ? `<c:min val="${ax.min}"/>` : ''}</c:scaling>`;
  return (
    `${HEAD}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}">` +
    '<c:date1904 val="0"/><c:lang val="vi-VN"/><c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1300" b="1"><a:latin typeface="${xmlText(font)}"/><a:cs typeface="${xmlText(font)}"/></a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" sz="1300" b="1"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="${xmlText(font)}"/><a:cs typeface="${xmlText(font)}"/></a:rPr>` +
    `<a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    `<c:barChart><c:barDir val="col"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}` +
    (chart.dataLabels ? dataLabels(chart.dataLabels.numFmt, font) : '') +
    `<c:gapWidth val="${stacked ? 60 : 80}"/>${stacked ? '<c:overlap val="100"/>' : '<c:overlap val="0"/>'}` +
    '<c:axId val="500010"/><c:axId val="500020"/></c:barChart>' +
    '<c:catAx><c:axId val="500010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:spPr>${line('808080')}</c:spPr>${textProps(font, 10)}` +
    '<c:crossAx val="500020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="500020"/>${scaling}<c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines><c:spPr>${line('D9D9D9')}</c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${xmlText(ax.numFmt)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:spPr>${line(null)}</c:spPr>${textProps(font, 10)}` +
    `<c:crossAx val="500010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>${ax.majorUnit ? `<c:majorUnit val="${ax.majorUnit}"/>` : ''}</c:valAx>` +
    `<c:spPr><a:noFill/>${line(null)}</c:spPr>` +
    '</c:plotArea>' +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(font, 10)}</c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>${line(null)}</c:spPr>` +
    textProps(font, 10) +
    '<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>' +
    '</c:chartSpace>'
  );
}

/** The drawing part of a sheet (`xl/drawings/drawingN.xml`): each chart in a frame between two cells, by the drawing's relationship id. */
export function drawingXml(frames: { anchor: ChartAnchor; rId: string; name: string }[]): string {
  const corner = (tag: 'from' | 'to', p: { col: number; row: number }): string =>
    `<xdr:${tag}><xdr:col>${p.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `${HEAD}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">` +
    frames
      .map(
        (f, i) =>
          `<xdr:twoCellAnchor editAs="oneCell">${corner('from', f.anchor.from)}${corner('to', f.anchor.to)}` +
          `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlText(f.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
          '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
          `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${f.rId}"/></a:graphicData></a:graphic>` +
          '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>',
      )
      .join('') +
    '</xdr:wsDr>'
  );
}
