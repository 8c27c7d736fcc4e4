// fixtures/registers/: one small file per reader shape (SPEC §2.3, LIBRARIES.md), each with a sidecar
// `<file>.expect.json`: { unit, note, fields, tasks: [{ row, title, …the fields the case is about }] }.
// `tasks` lists every task row of the file (no more, no less); a field absent from a task is not checked.
import { categoryKey, judge, period, serial1900, toTcvn3 } from '../fixture-kit.js';
import { footer, partyTitle, PLAIN_COLUMNS, rosterCsv, task, unitsCsv } from './common.js';
import { UNITS, ROSTER } from './rules.js';

const AS_OF = '2024-09-30';
const t = (title, owner, o = {}) =>
  task(title, owner, { assigned: '2024-03-01', deadline: '2024-12-31', progress: 50, status: 'in_progress', ...o });
const one = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The value of each field as tiendo must read it. */
function fieldValue(key, x, unit) {
  const v = judge(x, { asOf: AS_OF, unit, roster: null });
  const date = (d) => (d === null || d === undefined ? null : typeof d === 'string' ? d : (d.iso ?? null));
  const num = (n) => (n === null || n === undefined ? null : typeof n === 'number' ? n : (n.value ?? null));
  switch (key) {
    case 'owner':
      return v.owners.length === 1 ? one(v.owners[0]) : v.owners.map(one);
    case 'assigned':
    case 'deadline':
    case 'completed':
      return date(x[key]);
    // as typed; computed from achieved/target: rounded to one decimal (41.8 for 705 of 1.686)
    case 'progress':
      return v.progressReal === null
        ? null
        : x.progress === null || x.progress === undefined
          ? Math.round(v.progressReal * 10) / 10
          : v.progressReal;
    case 'status':
      return v.status;
    case 'category':
      return categoryKey(x.category);
    case 'field':
      return x.fieldExpected ?? null;
    case 'target':
    case 'achieved':
      return num(x[key]);
    case 'id':
      return x.id;
    default:
      throw new Error(`field ${key}`);
  }
}

export default async function build(ctx) {
  await ctx.text('registers/units.csv', unitsCsv(UNITS, false));
  await ctx.text('registers/roster.csv', rosterCsv(ROSTER));
  await ctx.text('registers/asof.txt', `${AS_OF}\n`);

  const shape = async (file, def, how, fields, { unit = '07651', note }) => {
    const written = await ctx.register(`registers/${file}`, def, how);
    const tasks = written.grid.rows
      .filter((r) => r.kind === 'task')
      .map((r) => {
        const x = r.task;
        const out = { row: written.rowOf(x), title: one(x.unicodeTitle ?? x.title) };
        for (const f of fields) out[f] = fieldValue(f, x, unit);
        return out;
      });
    await ctx.json(`registers/${file}.expect.json`, { unit, note, fields: ['title', ...fields], tasks });
  };
  const csv = (o = {}) => ({ writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8', padTitle: true, ...o } });
  const xlsx = (o = {}) => ({ writer: 'exceljs', xlsx: o });

  // Excel's "Unicode Text": UTF-16LE with a BOM, tab-delimited, CRLF
  await shape(
    '07651_utf16-tab.csv',
    {
      columns: PLAIN_COLUMNS,
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', { deadline: '2024-11-30', progress: 45 }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 100, status: 'done', completed: '2024-08-20' }),
        t('Nạo vét kênh mương nội đồng', 'Trần Thị Hà', { progress: 0, status: 'not_started' }),
      ],
    },
    csv({ delimiter: '\t', encoding: 'utf16le' }),
    ['owner', 'deadline', 'progress', 'status'],
    { note: 'UTF-16LE with BOM, tab-delimited, CRLF (Excel "Unicode Text")' },
  );

  // semicolons, decimal commas, thousands dots
  await shape(
    '07651_semicolon-decimal-comma.csv',
    {
      columns: [
        ...PLAIN_COLUMNS.slice(0, 5),
        { key: 'target', header: 'Chỉ tiêu' },
        { key: 'achieved', header: 'Kết quả đạt được' },
        ...PLAIN_COLUMNS.slice(5),
      ],
      allText: true,
      decimalComma: true,
      dateStyle: 'text:dd/mm/yyyy',
      title: [[{ c: 0, text: 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024' }]],
      body: [
        t('Vận động Nhân dân đấu nối nước sạch', 'Nguyễn Văn An', { target: 1686, achieved: 705, progress: null }),
        t('Bê tông hóa đường trục thôn', 'Phùng Văn Đảng', { target: 2.5, achieved: 1.25, progress: null }),
        t('Xây dựng nhà văn hóa thôn Hạ', 'Trần Thị Hà', { progress: { value: 41.8, text: '41,8' } }),
        t('Kè chống sạt lở bờ sông', 'Vũ Thị Hoa', { target: 1250.5, achieved: 500, progress: { value: 12.5, text: '12,5%' } }),
      ],
    },
    csv({ delimiter: ';', eol: '\n' }),
    ['target', 'achieved', 'progress'],
    {
      note: 'semicolons; 1.686 is one thousand six hundred eighty-six; 41,8 is forty-one point eight; progress from achieved/target when empty (41.8 for 705 of 1.686; a computed progress is given rounded to one decimal); a title line with a comma above the header',
    },
  );

  // 1904 date system
  await shape(
    '07651_date1904.xlsx',
    {
      columns: PLAIN_COLUMNS,
      date1904: true,
      body: [
        t('Kiện toàn Ban Chỉ đạo', 'Nguyễn Văn An', {
          assigned: '2024-01-15',
          deadline: '2024-02-29',
          progress: 100,
          status: 'done',
          completed: '2024-02-20',
        }),
        t('Xây dựng đường liên thôn', 'Phùng Văn Đảng', { assigned: '2024-03-01', deadline: '2024-12-31' }),
      ],
    },
    xlsx({ date1904: true }),
    ['assigned', 'deadline', 'completed'],
    { note: 'workbook in the 1904 date system (workbookPr date1904="1"): the same serial is 1462 days later' },
  );

  // percent-formatted cells hold fractions
  await shape(
    '07651_percent-cells.xlsx',
    {
      columns: PLAIN_COLUMNS.map((c) => (c.key === 'progress' ? { ...c, style: 'percent:0.0%' } : c)),
      body: [
        t('Giải phóng mặt bằng khu dân cư', 'Nguyễn Văn An', { progress: 45.5 }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 100, status: 'done', completed: '2024-08-20' }),
        t('Nạo vét kênh mương', 'Trần Thị Hà', { progress: 0, status: 'not_started' }),
        t('Xây dựng nhà văn hóa', 'Vũ Thị Hoa', { progress: 7.25, cells: { progress: { t: 'n', v: 0.0725, fmt: '0.00%' } } }),
        t('Trồng cây xanh', 'Nguyễn Văn An', { progress: 60, cells: { progress: { t: 'n', v: 0.6, fmt: '0%' } } }),
      ],
    },
    xlsx(),
    ['progress', 'status'],
    { note: 'progress cells formatted 0.0%, 0.00%, 0% hold fractions (0.455 is 45.5)' },
  );

  // merged section rows give the field
  await shape(
    '07651_merged-sections.xlsx',
    {
      columns: PLAIN_COLUMNS,
      body: [
        { section: 'I. Xây dựng Đảng' },
        t('Nâng cao chất lượng sinh hoạt chi bộ', 'Phùng Văn Đảng', { fieldExpected: 'Xây dựng Đảng' }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { fieldExpected: 'Xây dựng Đảng' }),
        { section: 'II. Kinh tế' },
        t('Bê tông hóa đường trục thôn', 'Nguyễn Văn An', { fieldExpected: 'Kinh tế' }),
        { blank: true },
        { section: 'III. Văn hóa - Xã hội' },
        t('Xây dựng nhà văn hóa thôn', 'Trần Thị Hà', { fieldExpected: 'Văn hóa - Xã hội' }),
      ],
    },
    xlsx(),
    ['field'],
    {
      note: 'section rows merged across the table (exceljs repeats the text in every merged cell); field = the section text without its numbering',
    },
  );

  // NFD everywhere
  const nfd = (s) => s.normalize('NFD');
  await shape(
    '07651_nfd-headers.xlsx',
    {
      columns: PLAIN_COLUMNS.map((c) => ({ ...c, header: nfd(c.header) })),
      body: [
        t(nfd('Xây dựng nhà văn hóa thôn Thanh Giang'), nfd('Nguyễn Văn An'), {
          owners: ['Nguyễn Văn An'],
          unicodeTitle: 'Xây dựng nhà văn hóa thôn Thanh Giang',
          statusText: nfd('Đang thực hiện'),
        }),
        t(nfd('Kết nạp đảng viên mới'), nfd('Phùng Văn Đảng'), {
          owners: ['Phùng Văn Đảng'],
          unicodeTitle: 'Kết nạp đảng viên mới',
          progress: 100,
          status: 'done',
          statusText: nfd('Đã hoàn thành'),
          completed: '2024-08-20',
        }),
      ],
    },
    xlsx(),
    ['owner', 'status'],
    { note: 'headers and cell text in Unicode NFD (decomposed); read as NFC' },
  );

  // header at row 25
  const filler = (n) => {
    const lines = [
      [{ c: 0, text: 'ĐẢNG CỘNG SẢN VIỆT NAM' }],
      [{ c: 0, text: 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024' }],
      [{ c: 0, text: 'Hướng dẫn ghi biểu:' }],
    ];
    while (lines.length < n - 2)
      lines.push([
        { c: 0, text: `${lines.length - 2}. Mỗi việc ghi trên một dòng; ghi rõ người chịu trách nhiệm và thời hạn hoàn thành.` },
      ]);
    lines.push([]);
    return lines;
  };
  await shape(
    '07651_header-row-25.xlsx',
    {
      columns: PLAIN_COLUMNS,
      title: filler(25),
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An'),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { deadline: '2024-10-31', progress: 80 }),
      ],
    },
    xlsx(),
    ['deadline', 'progress'],
    { note: 'the header row is row 25, under a title and 21 lines of instructions' },
  );

  // column letters under the header
  await shape(
    '07651_column-letters.xlsx',
    {
      columns: PLAIN_COLUMNS,
      numberRow: 'letters',
      body: [t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An'), t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 20 })],
    },
    xlsx(),
    ['owner', 'progress'],
    { note: 'a row of column letters A B C … right under the header is not a task' },
  );

  // formulas with cached results
  await shape(
    '07651_formulas.xlsx',
    {
      columns: [
        ...PLAIN_COLUMNS.slice(0, 5),
        { key: 'target', header: 'Chỉ tiêu' },
        { key: 'achieved', header: 'Kết quả đạt được' },
        ...PLAIN_COLUMNS.slice(5),
      ],
      body: [
        t('Xóa nhà tạm, nhà dột nát cho hộ nghèo', 'Nguyễn Văn An', { target: 13, achieved: 9, progress: 69.2 }),
        t('Bê tông hóa đường trục thôn', 'Phùng Văn Đảng', { target: 4, achieved: 1, progress: 25 }),
      ],
      postLayout(grid) {
        grid.rows.forEach((row, i) => {
          if (row.kind !== 'task') return;
          const r = i + 1;
          const x = row.task;
          if (grid.rows[i - 1].kind === 'task') row.cells[0] = { t: 'formula', formula: `A${r - 1}+1`, v: x.no };
          row.cells[4] = { t: 'formula', formula: 'DATE(2024,12,31)', v: serial1900('2024-12-31'), fmt: 'dd/mm/yyyy' };
          row.cells[7] = { t: 'formula', formula: `ROUND(G${r}/F${r}*100,1)`, v: x.progress };
        });
      },
    },
    xlsx(),
    ['deadline', 'progress'],
    { note: 'STT, deadline and progress are formulas with cached results ({ formula, result } in exceljs); the result is the value' },
  );

  // rich text and hyperlinks
  await shape(
    '07651_rich-text.xlsx',
    {
      columns: PLAIN_COLUMNS,
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', {
          cells: {
            title: {
              t: 'rich',
              v: [
                { text: 'Xây dựng ', font: { bold: true } },
                { text: 'nhà văn hóa ' },
                { text: 'thôn Thanh Giang', font: { italic: true } },
              ],
            },
            owner: {
              t: 'rich',
              v: [
                { text: 'Nguyễn Văn ', font: { name: 'Times New Roman' } },
                { text: 'An', font: { bold: true, name: 'Times New Roman' } },
              ],
            },
          },
        }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng'),
      ],
    },
    xlsx(),
    ['owner'],
    { note: 'title and owner cells in rich text (runs joined)' },
  );
  await shape(
    '07651_hyperlink.xlsx',
    {
      columns: PLAIN_COLUMNS,
      body: [
        t('Triển khai Kế hoạch số 45-KH/ĐU', 'Nguyễn Văn An', {
          cells: { title: { t: 'link', v: 'Triển khai Kế hoạch số 45-KH/ĐU', href: 'https://example.org/ke-hoach-45' } },
        }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng'),
      ],
    },
    xlsx(),
    ['owner'],
    { note: 'a title cell that is a hyperlink ({ text, hyperlink } in exceljs): the title is the text' },
  );

  // built-in date formats: 14 (recognised by exceljs) and 27, 31 (East Asian, arrive as plain numbers)
  await shape(
    '07651_builtin-date-formats.xlsx',
    {
      columns: PLAIN_COLUMNS.map((c) =>
        c.key === 'assigned'
          ? { ...c, style: 'serial:mm-dd-yy' }
          : c.key === 'deadline'
            ? { ...c, style: 'serial:yyyy"年"m"月"d"日"' }
            : c.key === 'completed'
              ? { ...c, style: 'serial:[$-411]ge.m.d' }
              : c,
      ),
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', { assigned: '2024-03-05', deadline: '2024-12-31' }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', {
          assigned: '2024-01-15',
          deadline: '2024-06-30',
          progress: 100,
          status: 'done',
          completed: '2024-06-28',
        }),
      ],
    },
    {
      writer: 'openpyxl',
      xlsx: {
        patchNumFmt: [
          { code: 'yyyy"年"m"月"d"日"', id: 27 },
          { code: '[$-411]ge.m.d', id: 31 },
        ],
      },
    },
    ['assigned', 'deadline', 'completed'],
    {
      note: 'openpyxl; Ngày giao in built-in format 14, Thời hạn in built-in 27 and Ngày hoàn thành in built-in 31 (numFmtId only, no formatCode): numbers in date formats are dates',
    },
  );

  // ISO date cells (t="d")
  await shape(
    '07651_iso-date-cells.xlsx',
    {
      columns: PLAIN_COLUMNS,
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', { assigned: '2024-03-05', deadline: '2024-12-31' }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', {
          assigned: '2024-01-15',
          deadline: '2024-06-30',
          progress: 100,
          status: 'done',
          completed: '2024-06-28',
        }),
      ],
    },
    { writer: 'openpyxl', xlsx: { isoDates: true } },
    ['assigned', 'deadline', 'completed'],
    { note: 'openpyxl with iso_dates: date cells stored as t="d" with an ISO 8601 value' },
  );

  // every text form of a date and a period deadline
  const forms = [
    [
      { iso: '2024-03-05', text: '05/03/2024' },
      { iso: '2024-12-15', text: '15/12/2024' },
    ],
    [
      { iso: '2024-03-05', text: '5/3/2024' },
      { iso: '2024-12-15', text: '15-12-2024' },
    ],
    [
      { iso: '2024-03-05', text: '5-3-2024' },
      { iso: '2024-12-15', text: '15.12.2024' },
    ],
    [
      { iso: '2024-03-05', text: '2024-03-05' },
      { iso: '2024-03-15', text: 'ngày 15 tháng 3 năm 2024' },
    ],
    [{ iso: '2024-03-05', text: '05.03.2024' }, period('Tháng 9/2024')],
    [{ iso: '2024-01-02', text: '02/01/2024' }, period('T9/2024')],
    [{ iso: '2024-01-02', text: '2/1/2024' }, period('09/2024')],
    [{ iso: '2024-01-02', text: '02-01-2024' }, period('Quý III/2024')],
    [{ iso: '2024-01-02', text: 'ngày 02 tháng 01 năm 2024' }, period('Quý 3/2024')],
    ['2024-01-02', period('6 tháng đầu năm 2024')],
    ['2024-01-02', period('6 tháng cuối năm 2024')],
    ['2024-01-02', period('Năm 2024')],
    ['2024-01-02', period('2024')],
    ['2024-01-02', period('Giai đoạn 2021-2025')],
    ['2024-01-02', period('2021 - 2025')],
    ['2024-01-02', period('Quý II/2024')],
  ];
  await shape(
    '07651_text-dates.csv',
    {
      columns: PLAIN_COLUMNS,
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: forms.map(([assigned, deadline], i) =>
        t(
          `Việc số ${i + 1} (${typeof deadline === 'string' ? deadline : deadline.text})`,
          ['Nguyễn Văn An', 'Phùng Văn Đảng', 'Trần Thị Hà', 'Vũ Thị Hoa'][i % 4],
          {
            assigned,
            deadline,
            progress: 100,
            status: 'done',
            completed: { iso: '2024-03-20', text: i % 2 ? '20/3/2024' : 'ngày 20 tháng 3 năm 2024' },
          },
        ),
      ),
    },
    csv(),
    ['assigned', 'deadline', 'completed'],
    {
      note: 'text dates: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, d-m-yyyy, dd.mm.yyyy, yyyy-mm-dd, "ngày … tháng … năm …"; period deadlines mean their last day',
    },
  );

  await shape(
    '07651_progress-forms.csv',
    {
      columns: [
        ...PLAIN_COLUMNS.slice(0, 5),
        { key: 'target', header: 'Chỉ tiêu' },
        { key: 'achieved', header: 'Kết quả đạt được' },
        ...PLAIN_COLUMNS.slice(5),
      ],
      allText: true,
      decimalComma: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        t('Việc 1', 'Nguyễn Văn An', { progress: { value: 45, text: '45' } }),
        t('Việc 2', 'Phùng Văn Đảng', { progress: { value: 45, text: '45%' } }),
        t('Việc 3', 'Trần Thị Hà', { progress: { value: 45.5, text: '45,5%' } }),
        t('Việc 4', 'Vũ Thị Hoa', { progress: { value: 45.5, text: '45,5' } }),
        t('Việc 5', 'Nguyễn Văn An', { progress: { value: 45.5, text: '45.5' } }),
        t('Việc 6', 'Phùng Văn Đảng', { target: 1686, achieved: 705, progress: null }),
        t('Việc 7', 'Trần Thị Hà', { target: 35, achieved: 41.8, progress: null, status: 'done', completed: '2024-09-15' }),
        t('Việc 8', 'Vũ Thị Hoa', { progress: null, status: 'not_started' }),
      ],
    },
    csv(),
    ['progress', 'status'],
    {
      note: 'progress as 45, 45%, 45,5%, 45,5, 45.5; empty with numbers in Chỉ tiêu / Kết quả đạt được: achieved/target × 100 (41.8 of a 35 target is 119.4, reported as such; capped at 100 only for the status); a computed progress is given rounded to one decimal, a typed one as typed',
    },
  );

  // statuses and categories: every alias, with and without diacritics, and empty
  const S = [
    ['Chưa triển khai', 'not_started'],
    ['Chưa thực hiện', 'not_started'],
    ['Chưa bắt đầu', 'not_started'],
    ['Đang thực hiện', 'in_progress'],
    ['Đang triển khai', 'in_progress'],
    ['Đang làm', 'in_progress'],
    ['dang thuc hien', 'in_progress'],
    ['Đã hoàn thành', 'done'],
    ['Hoàn thành', 'done'],
    ['Xong', 'done'],
    ['Da hoan thanh', 'done'],
    ['HOÀN THÀNH', 'done'],
    ['Tạm dừng', 'paused'],
    ['Tạm hoãn', 'paused'],
    ['Hủy', 'cancelled'],
    ['Không thực hiện', 'cancelled'],
    ['Đã hủy', 'cancelled'],
    ['Dừng thực hiện', 'cancelled'],
    ['Huỷ', 'cancelled'],
  ];
  const CATS = [
    'Việc khó',
    'Nhiệm vụ trọng tâm',
    'Việc đột phá',
    'Đột phá',
    'Vấn đề bức xúc, nổi cộm',
    'Bức xúc',
    'nổi cộm',
    'viec kho',
    '',
  ];
  const statusTasks = S.map(([text, status], i) =>
    t(`Việc số ${i + 1}`, ['Nguyễn Văn An', 'Phùng Văn Đảng', 'Trần Thị Hà', 'Vũ Thị Hoa'][i % 4], {
      status,
      statusText: text,
      category: CATS[i % CATS.length],
      progress: status === 'done' ? 100 : status === 'not_started' ? 0 : status === 'cancelled' ? null : 40,
      completed: status === 'done' ? '2024-08-30' : null,
    }),
  );
  statusTasks.push(
    t('Việc trống trạng thái, có ngày hoàn thành', 'Nguyễn Văn An', { status: null, progress: 100, completed: '2024-08-30' }),
    t('Việc trống trạng thái, tiến độ 30', 'Phùng Văn Đảng', { status: null, progress: 30 }),
    t('Việc trống trạng thái, chưa có tiến độ', 'Trần Thị Hà', { status: null, progress: null }),
  );
  await shape(
    '07651_status-aliases.csv',
    {
      columns: [...PLAIN_COLUMNS.slice(0, 2), { key: 'category', header: 'Loại việc' }, ...PLAIN_COLUMNS.slice(2)],
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: statusTasks,
    },
    csv(),
    ['status', 'category'],
    {
      note: 'every status alias of SPEC §2.3 (also without diacritics, in capitals, and Huỷ with the old tone placement); empty status inferred from the completion date or progress; categories and their aliases, empty → key',
    },
  );

  await shape(
    '07651_owner-forms.csv',
    {
      columns: PLAIN_COLUMNS,
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        t('Việc 1', 'Đ/c Nguyễn Văn An - Chủ tịch UBND xã', { owners: ['Nguyễn Văn An'] }),
        t('Việc 2', 'Ông Phùng Văn Đảng (Phó Bí thư Thường trực)', { owners: ['Phùng Văn Đảng'] }),
        t('Việc 3', 'đồng chí Trần Thị Hà', { owners: ['Trần Thị Hà'] }),
        t('Việc 4', 'Bà Vũ Thị Hoa', { owners: ['Vũ Thị Hoa'] }),
        t('Việc 5', '  Nguyễn   Văn An ', { owners: ['Nguyễn Văn An'] }),
        t('Việc 6', 'Đồng chí Phùng Văn Đảng - Phó Bí thư Thường trực Đảng ủy', { owners: ['Phùng Văn Đảng'] }),
        t('Việc 7', 'Chị Trần Thị Hà', { owners: ['Trần Thị Hà'] }),
        t('Việc 8', 'Nguyễn Văn An, Trần Thị Hà', { owners: ['Nguyễn Văn An', 'Trần Thị Hà'] }),
      ],
    },
    csv(),
    ['owner'],
    {
      note: 'owner = the person: leading honorific (đồng chí, đ/c, ông, bà, anh, chị) and a trailing position (" - …", "(…)") removed, spaces collapsed; several people give a list',
    },
  );

  // title block, blank rows, Tổng cộng, signature block with names: exactly these rows are tasks
  await shape(
    '07651_title-footer.xlsx',
    {
      columns: PLAIN_COLUMNS,
      title: partyTitle({
        width: PLAIN_COLUMNS.length,
        left: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ YÊN SƠN'],
        place: 'Yên Sơn, ngày 05 tháng 10 năm 2024',
        title: 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024',
        leftSpan: 3,
        rightAt: 4,
      }),
      numberRow: '(n)',
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An'),
        { blank: true },
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng'),
        { blank: true },
        { blank: true },
        t('Nạo vét kênh mương nội đồng', 'Trần Thị Hà'),
        { raw: ['Cộng', '3 việc'] },
      ],
      footer: footer({
        width: PLAIN_COLUMNS.length,
        total: [[1, '3 việc']],
        maker: 'Vũ Thị Hoa',
        tm: 'T/M ĐẢNG ỦY',
        post: 'BÍ THƯ',
        signer: 'Phùng Văn Đảng',
        rightAt: 5,
      }),
    },
    xlsx(),
    ['owner'],
    {
      unit: '07651',
      note: 'title block (Yên Sơn by its title), (1) (2) row, blank rows, a "Cộng" row, "Tổng cộng", a signature block with names under "Người lập biểu" (title column) and "BÍ THƯ": only the three task rows are tasks',
    },
  );

  // LibreOffice-written and openpyxl-written registers
  const lo = {
    columns: PLAIN_COLUMNS.map((c) => (c.key === 'progress' ? { ...c, style: 'percent:0%' } : c)),
    title: [[{ c: 0, text: 'DANH MỤC VIỆC KHÓ NĂM 2024', span: PLAIN_COLUMNS.length }], []],
    body: [
      t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', { deadline: '2024-11-30', progress: 45 }),
      t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 100, status: 'done', completed: '2024-08-20' }),
    ],
  };
  await shape('07651_libreoffice.xlsx', lo, { writer: 'soffice-xlsx', xlsx: {} }, ['deadline', 'progress', 'status', 'completed'], {
    note: 'written by LibreOffice Calc (soffice --convert-to xlsx); date cells, percent cells',
  });
  await shape(
    '07651_text-cells.xlsx',
    {
      columns: PLAIN_COLUMNS,
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', { deadline: '2024-11-30', progress: 45 }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 100, status: 'done', completed: '2024-08-20' }),
      ],
    },
    { writer: 'soffice-csv' },
    ['deadline', 'progress', 'status', 'completed'],
    { note: 'LibreOffice, imported from CSV with every column as text: numbers and dates are text cells' },
  );
  await shape(
    '07651_openpyxl.xlsx',
    {
      columns: PLAIN_COLUMNS,
      body: [
        t('Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', { deadline: '2024-11-30', progress: 45 }),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 100, status: 'done', completed: '2024-08-20' }),
      ],
    },
    { writer: 'openpyxl', xlsx: {} },
    ['deadline', 'progress', 'status', 'completed'],
    { note: 'written by openpyxl' },
  );

  // CRLF with line breaks inside quoted fields: a record's row is the line it starts on
  await shape(
    '07651_crlf-embedded-newline.csv',
    {
      columns: PLAIN_COLUMNS.map((c) => (c.key === 'owner' ? { ...c, header: 'Người chịu\ntrách nhiệm' } : c)),
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        t('Vận động Nhân dân hiến đất\nmở rộng đường giao thông', 'Nguyễn Văn An'),
        t('Kết nạp đảng viên mới', 'Phùng Văn Đảng'),
        t('Xây dựng nhà văn hóa\nthôn Thanh Giang\n(giai đoạn 2)', 'Trần Thị Hà'),
        t('Nạo vét kênh mương', 'Vũ Thị Hoa'),
      ],
    },
    csv(),
    ['owner'],
    {
      note: 'CRLF records; the header and two titles hold line breaks in quotes; row = the line a record starts on (header = line 1); titles compare with whitespace runs collapsed',
    },
  );

  // TCVN3 text in .VnTime cells
  {
    const vn = { name: '.VnTime' };
    const body = [
      t('Xây dựng đường giao thông liên thôn', 'Nguyễn Văn An'),
      t('Kết nạp đảng viên mới', 'Phùng Văn Đảng', { progress: 100, status: 'done', completed: '2024-08-20' }),
    ].map((x) => ({
      ...x,
      unicodeTitle: x.title,
      title: toTcvn3(x.title),
      owners: [x.owner],
      owner: toTcvn3(x.owner),
      statusText: toTcvn3({ in_progress: 'Đang thực hiện', done: 'Đã hoàn thành' }[x.status]),
      fonts: { title: vn, owner: vn, status: vn },
    }));
    await shape(
      '07651_tcvn3.xlsx',
      {
        columns: PLAIN_COLUMNS.map((c) => ({ ...c, headerCell: { t: 's', v: toTcvn3(c.header), font: { bold: true, name: '.VnTime' } } })),
        body,
      },
      xlsx(),
      ['owner', 'status'],
      {
        note: 'header, titles, owners and statuses typed in TCVN3 (ABC) in the .VnTime font: converted to Unicode (e.g. "NguyÔn V¨n An" is "Nguyễn Văn An")',
      },
    );
  }

  // how the unit is found
  await shape(
    'title-block.xlsx',
    {
      columns: PLAIN_COLUMNS,
      title: partyTitle({
        width: PLAIN_COLUMNS.length,
        left: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ TÂN SƠN'],
        place: 'Tân Sơn, ngày 02 tháng 10 năm 2024',
        title: 'DANH MỤC VIỆC KHÓ NĂM 2024',
        leftSpan: 3,
        rightAt: 4,
      }),
      body: [t('Bê tông hóa đường nội đồng', 'Hà Văn Tuấn')],
    },
    xlsx(),
    ['owner'],
    { unit: '07654', note: 'unit from the title block: two Xã Tân Sơn, the parent line chooses 07654' },
  );
  await shape(
    'ma-don-vi.csv',
    {
      columns: [{ key: 'unitCode', header: 'Mã đơn vị' }, ...PLAIN_COLUMNS],
      allText: true,
      unitCodeText: '07657',
      dateStyle: 'text:dd/mm/yyyy',
      body: [t('Giải quyết đơn thư tồn đọng về đất đai', 'Lê Văn Cường')],
    },
    csv(),
    ['owner'],
    { unit: '07657', note: 'unit from the Mã đơn vị column' },
  );
  await shape(
    'no-unit.csv',
    {
      columns: PLAIN_COLUMNS,
      allText: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [t('Xây dựng nhà văn hóa thôn', 'Nguyễn Văn An')],
    },
    csv(),
    ['owner'],
    { unit: null, note: 'no Mã đơn vị, no title block, a file name naming nothing: unit unknown' },
  );
}
