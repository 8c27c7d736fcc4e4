// fixtures/producers/: one register written by each program clerks' registers come from (issue #15's
// matrix), and in each legal form of the container no installable program writes on demand —
// each with `<file>.expect.json`: { unit, producer, note, fields, tasks, diagnostics }.
// `tasks` lists every task row (no more, no less) with the fields the case is about; `diagnostics`
// every error and listed warning ([{ row, rule }], as expected.json lists them) — the planted
// errors, and nothing else.
//
// Most are the same register: a Party title block, a header of two rows (`Thời gian` over
// `Bắt đầu` | `Hoàn thành`, `Kết quả thực hiện` over `Tiến độ (%)` | `Tình trạng` | `Ngày hoàn
// thành`, the other columns merged down both rows), the column-number row, section rows, a total
// and a signature block; beside it a hidden sheet of the lists behind the drop-downs (first, where
// the producer can put it there) and a `Hướng dẫn` sheet. Progress cells in `0"%"` and `0\%` hold
// the number itself (44.5 shown as 45%), one in `0%` a fraction.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge, listed } from '../fixture-kit.js';
import { infoZip64, pythonZip64, rezip, unzipEntries } from '../zip-forms.js';
import { footer, partyTitle, rosterCsv, task, unitsCsv } from './common.js';
import { ROSTER, UNITS } from './rules.js';

const AS_OF = '2024-09-30';
const DIR = 'producers';
const t = (title, owner, o = {}) =>
  task(title, owner, { assigned: '2024-03-01', deadline: '2024-12-31', progress: 50, status: 'in_progress', ...o });
const one = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The two-row header: two groups, the other columns merged down both rows. */
const TWO_ROW = [
  { key: 'no', header: 'STT' },
  { key: 'title', header: 'Nội dung công việc' },
  { key: 'owner', header: 'Người chịu trách nhiệm' },
  { key: 'assigned', header: 'Bắt đầu', group: 'Thời gian' },
  { key: 'deadline', header: 'Hoàn thành', group: 'Thời gian' },
  { key: 'progress', header: 'Tiến độ (%)', group: 'Kết quả thực hiện' },
  { key: 'status', header: 'Tình trạng', group: 'Kết quả thực hiện' },
  { key: 'completed', header: 'Ngày hoàn thành', group: 'Kết quả thực hiện' },
  { key: 'note', header: 'Ghi chú' },
];
const PLAIN = TWO_ROW.map(({ group, ...c }) =>
  c.key === 'assigned' ? { ...c, header: 'Ngày giao' } : c.key === 'deadline' ? { ...c, header: 'Thời hạn hoàn thành' } : c,
);

const LISTS = {
  name: 'DanhSach',
  rows: [
    ['Loại việc', 'Lĩnh vực', 'Tình trạng'],
    ['Việc khó', 'Xây dựng Đảng', 'Chưa triển khai'],
    ['Nhiệm vụ trọng tâm', 'Kinh tế', 'Đang thực hiện'],
    ['Việc đột phá', 'Văn hóa - Xã hội', 'Đã hoàn thành'],
  ],
};
const GUIDE = {
  name: 'Hướng dẫn',
  rows: [
    ['HƯỚNG DẪN GHI BIỂU'],
    ['Cột', 'Cách ghi'],
    ['Nội dung công việc', 'Mỗi việc một dòng'],
    ['Người chịu trách nhiệm', 'Họ tên một cán bộ'],
    ['Thời hạn hoàn thành', 'Ngày/tháng/năm hoặc một kỳ'],
  ],
};

/**
 * The register's tasks. `formats`: progress cells in number formats of their own (0"%", 0\%, 0%),
 * for producers that keep cell formats (not a CSV import).
 */
function body({ formats = true } = {}) {
  const pct = (v, fmt, shown) => (formats ? { progress: shown, cells: { progress: { t: 'n', v, fmt } } } : { progress: shown });
  return [
    { section: 'I. XÂY DỰNG ĐẢNG' },
    t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', {
      progress: 100,
      status: 'done',
      completed: '2024-08-20',
      fieldExpected: 'Xây dựng Đảng',
    }),
    t('Nâng cao chất lượng sinh hoạt chi bộ', 'Nguyễn Văn An', { ...pct(44.5, '0"%"', 44.5), fieldExpected: 'Xây dựng Đảng' }),
    { section: 'II. KINH TẾ' },
    t('Bê tông hóa đường trục thôn', 'Trần Thị Hà', { ...pct(60, '0\\%', 60), fieldExpected: 'Kinh tế' }),
    t('Nạo vét kênh mương nội đồng', 'Vũ Thị Hoa', { progress: 0, status: 'not_started', fieldExpected: 'Kinh tế' }),
    // planted: a fraction of 1.5 in a 0% cell is 150 (invalid-progress); a typed 150 where formats are lost
    t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', {
      ...pct(1.5, '0%', 150),
      fieldExpected: 'Kinh tế',
      expect: ['invalid-progress'],
    }),
    { section: 'III. Văn hóa - Xã hội' },
    // planted: an owner not on the roster of Yên Sơn (owner-unknown)
    t('Giải quyết đơn thư tồn đọng', 'Ngô Văn Tám', { fieldExpected: 'Văn hóa - Xã hội', expect: ['owner-unknown'] }),
    t('Vận động hiến đất mở đường', 'Trần Thị Hà', {
      deadline: '2024-11-30',
      progress: 30,
      fieldExpected: 'Văn hóa - Xã hội',
      note: 'Đã họp dân 2 lần',
    }),
  ];
}

function def(columns, o = {}) {
  const width = columns.length;
  return {
    columns,
    title: partyTitle({
      width,
      left: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ YÊN SƠN'],
      place: 'Yên Sơn, ngày 05 tháng 10 năm 2024',
      title: 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024',
      leftSpan: 3,
      rightAt: 5,
    }),
    numberRow: '(n)',
    body: body(o),
    footer: footer({
      width,
      total: [[1, '7 việc']],
      maker: 'Vũ Thị Hoa',
      tm: 'T/M ĐẢNG ỦY',
      post: 'BÍ THƯ',
      signer: 'Phùng Văn Đảng',
      rightAt: 6,
    }),
    extraSheets: o.extraSheets ?? [],
    ...(o.noMerges ? { noMerges: true } : {}),
  };
}

function fieldValue(key, x) {
  switch (key) {
    case 'owner':
      return one(x.owner);
    case 'assigned':
    case 'deadline':
    case 'completed':
      return x[key] ?? null;
    case 'progress':
      return typeof x.progress === 'number' ? x.progress : null;
    case 'status':
      return judge(x, { asOf: AS_OF, unit: '07651', roster: null }).status;
    case 'field':
      return x.fieldExpected ?? null;
    default:
      throw new Error(`field ${key}`);
  }
}

const FIELDS = ['owner', 'assigned', 'deadline', 'progress', 'status', 'completed', 'field'];

/** Sheet XML with no `r=` on rows and cells: each gap filled with an empty `<row/>` or `<c/>`, as some generators write. */
function withoutRefs(xml) {
  const col = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  let lastRow = 0;
  return xml.replace(/<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g, (_, attrs, end, inner) => {
    const r = Number(/\br="(\d+)"/.exec(attrs)[1]);
    const fill = '<row/>'.repeat(r - lastRow - 1);
    lastRow = r;
    const a = attrs.replace(/\s+r="\d+"/, '').replace(/\s+spans="[^"]*"/, '');
    if (end === '/>') return `${fill}<row${a}/>`;
    let lastCol = 0;
    const cells = inner.replace(/<c\b([^>]*?)(\/>|>[\s\S]*?<\/c>)/g, (__, ca, rest) => {
      const c = col(/\br="([A-Z]+)\d+"/.exec(ca)[1]);
      const gap = '<c/>'.repeat(c - lastCol - 1);
      lastCol = c;
      return `${gap}<c${ca.replace(/\s+r="[A-Z]+\d+"/, '')}${rest}`;
    });
    return `${fill}<row${a}>${cells}</row>`;
  });
}

/** Sheet XML whose `<dimension>` claims one cell (what some exporters leave from an empty template). */
function lyingDimension(xml) {
  if (/<dimension\b[^>]*\/>/.test(xml)) return xml.replace(/<dimension\b[^>]*\/>/, '<dimension ref="A1"/>');
  return xml.replace(/(<sheetViews|<sheetFormatPr|<cols|<sheetData)/, '<dimension ref="A1"/>$1');
}

/** A part as Excel writes it in Strict Open XML: the transitional namespaces and relationship types replaced by ISO's. */
function strict(name, xml) {
  let out = xml
    .replace(/http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g, 'http://purl.oclc.org/ooxml/spreadsheetml/main')
    .replace(
      /http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g,
      'http://purl.oclc.org/ooxml/officeDocument/relationships',
    );
  if (name === 'xl/workbook.xml') out = out.replace(/<workbook\b/, '<workbook conformance="strict"');
  return out;
}

export default async function build(ctx) {
  await ctx.text(`${DIR}/units.csv`, unitsCsv(UNITS, false));
  await ctx.text(`${DIR}/roster.csv`, rosterCsv(ROSTER));
  await ctx.text(`${DIR}/asof.txt`, `${AS_OF}\n`);
  const tmp = mkdtempSync(join(tmpdir(), 'tiendo-producers-'));

  /** Write a register with `how`, its expect.json, and optionally re-form its bytes once every workbook is final. */
  const shape = async (file, d, how, { producer, note, reform = null }) => {
    const rel = `${DIR}/${file}`;
    // what is committed, kept when the program that re-forms it is missing here
    const committed = reform && existsSync(ctx.abs(rel)) ? readFileSync(ctx.abs(rel)) : null;
    const written = await ctx.register(rel, d, how);
    const tasks = [];
    const diagnostics = [];
    for (const r of written.grid.rows) {
      if (r.kind !== 'task') continue;
      const x = r.task;
      const row = written.rowOf(x);
      const out = { row, title: one(x.title) };
      for (const f of FIELDS) out[f] = fieldValue(f, x);
      tasks.push(out);
      const verdict = judge(x, { asOf: AS_OF, unit: '07651', roster: ROSTER });
      const rules = verdict.rules.filter(listed).sort();
      if (JSON.stringify(rules) !== JSON.stringify([...(x.expect ?? [])].sort())) {
        throw new Error(`${rel} row ${row}: planted ${JSON.stringify(x.expect)} but the oracle finds ${JSON.stringify(rules)}`);
      }
      for (const rule of rules) diagnostics.push({ row, rule });
    }
    await ctx.json(`${rel}.expect.json`, { unit: '07651', producer, note, fields: ['title', ...FIELDS], tasks, diagnostics });
    if (reform) {
      ctx.after(async ({ read }) => {
        const bytes = reform(unzipEntries(read(rel)));
        if (bytes) await ctx.bytes(rel, bytes);
        else if (committed) {
          await ctx.bytes(rel, committed);
          process.stderr.write(`kept as committed (its writer is missing): fixtures/${rel}\n`);
        }
      });
    }
  };
  const hiddenFirst = (state = 'hidden') => [{ ...LISTS, state, first: true }, GUIDE];

  // ── the producers ──
  await shape(
    '07651_exceljs-two-row.xlsx',
    def(TWO_ROW, { extraSheets: hiddenFirst() }),
    { writer: 'exceljs', xlsx: {} },
    {
      producer: 'exceljs 4.4',
      note: 'two-row header; a hidden lists sheet first, Hướng dẫn last; progress in 0"%", 0\\% and 0%',
    },
  );
  await shape(
    '07651_openpyxl-two-row.xlsx',
    def(TWO_ROW, {
      extraSheets: [
        { ...GUIDE, first: true },
        { ...LISTS, state: 'veryHidden', first: true },
      ],
    }),
    { writer: 'openpyxl', xlsx: {} },
    {
      producer: 'openpyxl (python3-openpyxl)',
      note: 'two-row header; a very hidden lists sheet, then Hướng dẫn, before the register',
    },
  );
  await shape(
    '07651_xlsxwriter-two-row.xlsx',
    def(TWO_ROW, { extraSheets: hiddenFirst() }),
    { writer: 'xlsxwriter', xlsx: {} },
    {
      producer: 'XlsxWriter (python3-xlsxwriter)',
      note: 'two-row header; a hidden lists sheet first, Hướng dẫn last; shared strings',
    },
  );
  await shape(
    '07651_xlsxwriter-constant-memory.xlsx',
    def(TWO_ROW),
    { writer: 'xlsxwriter', xlsx: { constantMemory: true } },
    {
      producer: 'XlsxWriter, constant_memory',
      note: 'two-row header; every string an inline string (t="inlineStr"), rows written once in order',
    },
  );
  // (LibreOffice converting headless shows a hidden first sheet: the lists go last here, Hướng dẫn first)
  await shape(
    '07651_libreoffice-ods-two-row.xlsx',
    def(TWO_ROW, {
      extraSheets: [
        { ...GUIDE, first: true },
        { ...LISTS, state: 'hidden' },
      ],
    }),
    { writer: 'soffice-ods', xlsx: {} },
    {
      producer: 'LibreOffice Calc, from .ods',
      note: 'two-row header; kept as .ods and saved as .xlsx by LibreOffice; Hướng dẫn first, a hidden lists sheet last',
    },
  );
  await shape(
    '07651_libreoffice-csv-two-row.xlsx',
    { ...def(TWO_ROW, { formats: false }), allText: true, dateStyle: 'text:dd/mm/yyyy' },
    { writer: 'soffice-csv' },
    {
      producer: 'LibreOffice Calc, from .csv',
      note: 'two-row header imported from CSV: no merges (each merged-down header in its first row only), every cell text',
    },
  );
  await shape(
    '07651_sheetjs-two-row.xlsx',
    def(TWO_ROW, { extraSheets: hiddenFirst() }),
    { writer: 'sheetjs', xlsx: {} },
    {
      producer: 'SheetJS 0.18.5 (npm xlsx)',
      note: 'two-row header; a hidden lists sheet first, Hướng dẫn last; number formats on the cells',
    },
  );
  // (ssconvert drops a sheet's hidden state: Hướng dẫn first only)
  await shape(
    '07651_gnumeric-two-row.xlsx',
    def(TWO_ROW, { extraSheets: [{ ...GUIDE, first: true }] }),
    { writer: 'gnumeric', xlsx: {} },
    {
      producer: 'Gnumeric ssconvert (Debian gnumeric)',
      note: 'two-row header; Hướng dẫn first; converted by ssconvert from the exceljs register',
    },
  );
  await shape(
    '07651_openpyxl-one-row.xlsx',
    def(PLAIN, { extraSheets: hiddenFirst() }),
    { writer: 'openpyxl', xlsx: {} },
    {
      producer: 'openpyxl',
      note: 'one-row header, a hidden lists sheet (whose first row names three columns) first',
    },
  );

  // ── forms of the container and of the sheet no producer writes on demand: re-formed from exceljs ──
  const plain = () => def(TWO_ROW);
  const xl = { writer: 'exceljs', xlsx: {} };
  const sheetPart = (entries, fn) =>
    entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: Buffer.from(fn(e.data.toString('utf8'))) } : e));
  await shape('07651_zip64-infozip.xlsx', plain(), xl, {
    producer: 'Info-ZIP zip -fz',
    note: 'the exceljs register re-zipped by Info-ZIP with Zip64 forced: Zip64 end record and locator, Zip64 extra fields',
    reform: (entries) => infoZip64(entries, tmp),
  });
  await shape('07651_zip64-python.xlsx', plain(), xl, {
    producer: 'Python zipfile, force_zip64',
    note: 'the exceljs register re-zipped by Python with force_zip64: Zip64 extra fields in every local header',
    reform: (entries) => pythonZip64(entries, tmp, '/usr/bin/python3'),
  });
  await shape('07651_zip64-streamed.xlsx', plain(), xl, {
    producer: 'by hand (scripts/zip-forms.js)',
    note: 'Zip64 as a streaming writer makes it (Commons Compress): every 32-bit field saturated, sizes in Zip64 extra fields and 8-byte data descriptors, Zip64 end record',
    reform: (entries) => rezip(entries, { zip64: true, descriptors: true }),
  });
  await shape('07651_data-descriptors.xlsx', plain(), xl, {
    producer: 'by hand (scripts/zip-forms.js)',
    note: 'sizes and CRC after each entry (flag bit 3), zeros in the local headers',
    reform: (entries) => rezip(entries, { descriptors: true }),
  });
  await shape('07651_stored-directories.xlsx', plain(), xl, {
    producer: 'by hand (scripts/zip-forms.js)',
    note: 'every entry stored (method 0), with directory entries (xl/, xl/worksheets/ …)',
    reform: (entries) => rezip(entries, { store: true, directories: true }),
  });
  await shape('07651_no-refs.xlsx', plain(), xl, {
    producer: 'by hand',
    note: 'rows and cells without r= (positions by order, gaps as empty <row/> and <c/>) and a <dimension> claiming A1 only',
    reform: (entries) => rezip(sheetPart(entries, (x) => lyingDimension(withoutRefs(x)))),
  });
  await shape('07651_strict.xlsx', plain(), xl, {
    producer: 'by hand',
    note: 'Strict Open XML (ISO/IEC 29500 strict, as Excel saves "Strict Open XML Spreadsheet"): purl.oclc.org namespaces and relationship types, conformance="strict"',
    reform: (entries) =>
      rezip(entries.map((e) => (/\.(xml|rels)$/.test(e.name) ? { ...e, data: Buffer.from(strict(e.name, e.data.toString('utf8'))) } : e))),
  });
  ctx.after(() => rmSync(tmp, { recursive: true, force: true }));
}
