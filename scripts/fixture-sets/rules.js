// fixtures/rules/<rule-id>/: one folder per rule of SPEC §4 (progress.js writes those of progress-regressed,
// report-stale and update-unknown-task; task-dropped's cases are in fixtures/compare), small files readable
// in review. Row rules: 07651_fires.csv and 07651_passes.csv (a near miss), whose last column `expect`
// lists every diagnostic tiendo must report on that row (overdue and at-risk included; the data keeps
// clear of readings the spec leaves open); their tasks are in rules/<rule-id>.js, one file a rule.
// File rules: case files and expect.json, below.
// Shared: units.csv, roster.csv, asof.txt. Run each file on its own (unit-duplicate: each folder whole).
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { judgeAll, layout, makeRng, period, placeDateLine, sortDiagnostics, toTcvn3, toVni } from '../fixture-kit.js';
import { checkResolution, PLAIN_COLUMNS, R, rosterCsv, task, unitsCsv } from './common.js';

const AS_OF = '2024-09-30';
const PERIOD = { start: '2024-07-01', end: '2024-09-30' };

export const UNITS = [
  { code: '24', name: 'Tỉnh Bắc Giang', level: 'tinh', parent: '' },
  { code: '213', name: 'Huyện Lục Nam', level: 'huyen', parent: '24' },
  { code: '215', name: 'Huyện Lạng Giang', level: 'huyen', parent: '24' },
  { code: '219', name: 'Thành phố Bắc Giang', level: 'thanh-pho', parent: '24' },
  { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213' },
  { code: '07654', name: 'Xã Tân Sơn', level: 'xa', parent: '213' },
  { code: '07657', name: 'Xã Lan Mẫu', level: 'xa', parent: '213' },
  { code: '07666', name: 'Xã Tân Sơn', level: 'xa', parent: '215' },
];
export const ROSTER = [
  R('Nguyễn Văn An', 'Chủ tịch UBND xã', '07651', '2021-06-01'),
  R('Phùng Văn Đảng', 'Phó Bí thư Thường trực Đảng ủy', '07651', '2020-08-01'),
  R('Trần Thị Hà', 'Phó Chủ tịch UBND xã', '07651', '2022-01-01'),
  R('Vũ Thị Hoa', 'Công chức Địa chính - Xây dựng', '07651', '2020-01-01'),
  R('Lê Văn Cường', 'Phó Chủ tịch UBND xã', '07651', '2020-07-01', '2024-06-30'),
  R('Lê Văn Cường', 'Phó Chủ tịch UBND xã', '07657', '2024-07-01'),
  R('Hoàng Thị Lan', 'Công chức Văn phòng - Thống kê', '07651', '2024-08-01'),
  R('Bùi Văn Khánh', 'Công chức Tư pháp - Hộ tịch', '07651', '2021-01-01', '2024-09-29'),
  R('Đinh Thị Mơ', 'Công chức Văn hóa - Xã hội', '07651', '2021-01-01', '2024-09-30'),
  R('Hà Văn Tuấn', 'Chủ tịch UBND xã', '07654', '2021-06-01'),
  R('Giáp Văn Phong', 'Bí thư Đảng ủy', '07666', '2020-08-01'),
  R('Lê Anh Dương', 'Bí thư Thành ủy', '219', '2021-05-10'),
  R('Lê Thị Thu Hồng', 'Chánh Văn phòng Tỉnh ủy', '24', '2021-01-01'),
];

const OWNERS = ['Nguyễn Văn An', 'Phùng Văn Đảng', 'Trần Thị Hà', 'Vũ Thị Hoa'];
const TITLES = [
  'Xây dựng nhà văn hóa thôn Thanh Giang',
  'Bê tông hóa đường trục thôn Hạ',
  'Kết nạp đảng viên mới',
  'Nạo vét kênh mương nội đồng',
  'Vận động Nhân dân hiến đất làm đường',
  'Xử lý rác thải sinh hoạt tại các thôn',
  'Chuyển đổi số trong giải quyết thủ tục hành chính',
  'Trồng cây xanh tuyến đường liên xã',
  'Giải quyết đơn thư tồn đọng',
  'Cải tạo trạm y tế xã',
  'Xây dựng mô hình thôn kiểu mẫu',
  'Hỗ trợ hộ nghèo phát triển sinh kế',
];

/** A row-rule task: ordinary unless told otherwise; `expect` lists every diagnostic of the row. */
function t(i, o = {}) {
  return task(TITLES[i % TITLES.length], OWNERS[i % OWNERS.length], {
    assigned: '2024-03-01',
    deadline: '2024-12-31',
    progress: 50,
    status: 'in_progress',
    ...o,
  });
}

/**
 * The row rules' cases, one file a rule: scripts/fixture-sets/rules/<id>.js default-exports a function
 * of the helpers ({ t, period }) that returns { cols, fires, passes, judge }: the tasks of
 * 07651_fires.csv and 07651_passes.csv, extra columns by key, and, for a rule the kit's judge does not
 * know, judge(task, ctx) → whether the rule fires on a task: its oracle, written from SPEC §4, not
 * from tiendo's code. A new rule adds its file; no list here names it.
 */
async function rowRules() {
  const dir = new URL('./rules/', import.meta.url);
  const out = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const make = (await import(new URL(file, dir).href)).default;
    out[basename(file, '.js')] = make({ t, period });
  }
  return out;
}

function columnsWith(extra = []) {
  const cols = [...PLAIN_COLUMNS];
  for (const c of extra) cols.splice(cols.findIndex((x) => x.key === c.after) + 1, 0, { key: c.key, header: c.header });
  return [...cols, { key: 'expect', header: 'expect' }];
}

export default async function build(ctx) {
  await ctx.text('rules/units.csv', unitsCsv(UNITS, false));
  await ctx.text('rules/roster.csv', rosterCsv(ROSTER));
  await ctx.text('rules/asof.txt', `${AS_OF}\n`);
  const ROW_RULES = await rowRules();
  // every case is judged with the oracles the rules' files bring, so a new rule is judged everywhere here
  const judges = Object.fromEntries(
    Object.entries(ROW_RULES)
      .filter(([, spec]) => spec.judge)
      .map(([id, spec]) => [id, spec.judge]),
  );
  const judge = (regs) =>
    judgeAll(
      regs.map((r) => ({ counted: true, loadGroup: `file:${r.file}`, ...r })),
      { asOf: AS_OF, roster: ROSTER, strict: true, periodStart: PERIOD.start, periodEnd: PERIOD.end, judges },
    );

  // ── row rules: expect column
  for (const [id, spec] of Object.entries(ROW_RULES)) {
    for (const kind of ['fires', 'passes']) {
      const body = spec[kind].map((item) => (item.title !== undefined ? { ...item, expectText: (item.expect ?? []).join(' ') } : item));
      const rel = `${id}/07651_${kind}.csv`;
      const written = await ctx.register(
        `rules/${rel}`,
        {
          columns: columnsWith(spec.cols),
          allText: true,
          decimalComma: true,
          dateStyle: 'text:dd/mm/yyyy',
          body,
        },
        { writer: 'csv', csv: { delimiter: ',', eol: '\n', encoding: 'utf8' } },
      );
      const tasks = written.grid.rows.filter((r) => r.kind === 'task').map((r) => ({ row: written.rowOf(r.task), task: r.task }));
      const { diagnostics } = judge([{ file: rel, unit: '07651', tasks }]);
      if (kind === 'fires' && !diagnostics.some((d) => d.rule === id))
        throw new Error(`${rel} does not fire ${id}${spec.judge ? '' : ': give scripts/fixture-sets/rules/' + id + '.js a judge'}`);
      if (kind === 'passes' && diagnostics.length) throw new Error(`${rel} is not clean: ${JSON.stringify(diagnostics)}`);
    }
  }

  // ── file rules: case files and expect.json
  const simpleTasks = (owners, n = 3) => Array.from({ length: n }, (_, i) => t(i, { owner: owners[i % owners.length] }));
  const simple = (o) => ({ columns: PLAIN_COLUMNS, allText: true, dateStyle: 'text:dd/mm/yyyy', ...o });
  const csvHow = { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8', padTitle: true } };
  const fileCase = async (folder, file, def, how, meta) => {
    const rel = `${folder}/${file}`;
    const written = await ctx.register(`rules/${rel}`, def, how);
    const tasks = written.grid.rows.filter((r) => r.kind === 'task').map((r) => ({ row: written.rowOf(r.task), task: r.task }));
    if (meta.resolvedBy)
      checkResolution(
        { file: rel, unit: meta.unit, resolvedBy: meta.resolvedBy, columnCode: meta.columnCode },
        written.grid.titleLines,
        UNITS,
        AS_OF,
      );
    return { written, tasks, rel };
  };

  // legacy-encoding
  {
    const diags = [];
    const cols = [...PLAIN_COLUMNS, { key: 'note', header: 'Ghi chú' }];
    const base = () => [
      t(0, { note: 'Đã khởi công' }),
      t(1),
      t(2, { progress: 100, status: 'done', completed: '2024-08-20', note: 'Đã nghiệm thu' }),
    ];
    const vniTasks = base();
    vniTasks[0] = { ...vniTasks[0], note: toVni('Đã khởi công'), fonts: { note: { name: 'VNI-Times' } }, expect: ['legacy-encoding'] };
    const vni = await fileCase(
      'legacy-encoding',
      '07651_vni.xlsx',
      simple({ columns: cols, allText: false, dateStyle: undefined, body: vniTasks }),
      { writer: 'exceljs', xlsx: {} },
      { unit: '07651' },
    );
    const vn = { name: '.VnTime' };
    const tcvnTasks = base().map((x) => ({
      ...x,
      title: toTcvn3(x.title),
      owner: toTcvn3(x.owner),
      owners: [x.owner],
      note: toTcvn3(x.note ?? ''),
      statusText: toTcvn3({ in_progress: 'Đang thực hiện', done: 'Đã hoàn thành' }[x.status]),
      unicode: { title: x.title, owner: x.owner, note: x.note ?? null },
      fonts: { title: vn, owner: vn, status: vn, note: vn },
    }));
    const tcvnCols = cols.map((c) => ({ ...c, headerCell: { t: 's', v: toTcvn3(c.header), font: { bold: true, name: '.VnTime' } } }));
    const tcvn = await fileCase(
      'legacy-encoding',
      '07651_tcvn3.xlsx',
      simple({ columns: tcvnCols, allText: false, dateStyle: undefined, body: tcvnTasks }),
      { writer: 'exceljs', xlsx: {} },
      { unit: '07651' },
    );
    const uni = await fileCase(
      'legacy-encoding',
      '07651_unicode.xlsx',
      simple({ columns: cols, allText: false, dateStyle: undefined, body: base() }),
      { writer: 'exceljs', xlsx: {} },
      { unit: '07651' },
    );
    for (const c of [vni, tcvn, uni]) diags.push(...judge([{ file: c.rel.split('/')[1], unit: '07651', tasks: c.tasks }]).diagnostics);
    await ctx.json('rules/legacy-encoding/expect.json', strip(diags));
    await ctx.json('rules/legacy-encoding/07651_tcvn3.xlsx.expect.json', {
      unit: '07651',
      note: 'Header and task cells are typed in TCVN3 (ABC) with the .VnTime font; tiendo converts them to Unicode and reports nothing.',
      headers: cols.map((c) => c.header),
      tasks: tcvn.tasks.map(({ row, task: x }) => ({
        row,
        title: x.unicode.title,
        owner: x.unicode.owner,
        note: x.unicode.note,
        status: x.status,
        tcvn3: { title: x.title, owner: x.owner },
      })),
    });
  }

  // file-unreadable
  {
    const good = simple({ body: simpleTasks(OWNERS) });
    const diags = [];
    const passes = await fileCase('file-unreadable', '07651_passes.csv', good, csvHow, { unit: '07651' });
    diags.push(...judge([{ file: '07651_passes.csv', unit: '07651', tasks: passes.tasks }]).diagnostics);
    await ctx.register(
      'rules/file-unreadable/07651_truncated.xlsx',
      simple({ allText: false, dateStyle: undefined, body: simpleTasks(OWNERS) }),
      { writer: 'exceljs', xlsx: {} },
    );
    ctx.after(async ({ read }) => {
      const bytes = read('rules/file-unreadable/07651_truncated.xlsx');
      await ctx.bytes('rules/file-unreadable/07651_truncated.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    });
    await ctx.bytes('rules/file-unreadable/07651_empty.csv', Buffer.alloc(0));
    await ctx.bytes('rules/file-unreadable/07651_empty.xlsx', Buffer.alloc(0));
    await ctx.bytes('rules/file-unreadable/07651_random.xlsx', makeRng(7651).bytes(2048));
    await ctx.sofficeConvert(
      'rules/file-unreadable/07651_legacy.xls',
      layout(simple({ allText: false, dateStyle: undefined, body: simpleTasks(OWNERS) })),
      'xls',
    );
    await ctx.sofficeConvert(
      'rules/file-unreadable/07651_sheet.ods',
      layout(simple({ allText: false, dateStyle: undefined, body: simpleTasks(OWNERS) })),
      'ods',
    );
    for (const f of [
      '07651_truncated.xlsx',
      '07651_empty.csv',
      '07651_empty.xlsx',
      '07651_random.xlsx',
      '07651_legacy.xls',
      '07651_sheet.ods',
    ]) {
      diags.push({ file: f, row: null, rule: 'file-unreadable' });
    }
    await ctx.json('rules/file-unreadable/expect.json', strip(diags));
  }

  // header-missing
  {
    const diags = [];
    // a price list: no row with three register headers
    const priceCols = ['Mặt hàng', 'Quy cách', 'Giá bán (đồng)', 'Nhà cung cấp'];
    const price =
      [
        priceCols.join(','),
        'Xi măng PCB40,bao 50 kg,92000,Công ty Vật liệu Lục Nam',
        'Thép cuộn D6,kg,15500,Đại lý Hưng Thịnh',
        'Cát vàng,m3,380000,Hợp tác xã Yên Sơn',
      ].join('\r\n') + '\r\n';
    await ctx.bytes('rules/header-missing/07651_no-header.csv', Buffer.from(price, 'utf8'));
    diags.push({ file: '07651_no-header.csv', row: null, rule: 'header-missing' });
    // the deadline column is missing: the header row is found (line 3)
    const noDeadline = await fileCase(
      'header-missing',
      '07651_no-deadline.csv',
      simple({
        columns: PLAIN_COLUMNS.filter((c) => c.key !== 'deadline'),
        title: [[{ c: 0, text: 'ĐẢNG ỦY XÃ YÊN SƠN' }], [{ c: 0, text: 'DANH MỤC VIỆC KHÓ NĂM 2024' }]],
        body: simpleTasks(OWNERS),
      }),
      csvHow,
      { unit: '07651', resolvedBy: 'title' },
    );
    diags.push({ file: '07651_no-deadline.csv', row: noDeadline.written.headerRow, rule: 'header-missing' });
    // instructions above the table push the header to row 31 (not found) or row 30 (found)
    const instructions = (n) => {
      const lines = [
        [{ c: 0, text: 'ĐẢNG ỦY XÃ YÊN SƠN' }],
        [{ c: 0, text: 'DANH MỤC VIỆC KHÓ NĂM 2024' }],
        [{ c: 0, text: 'Hướng dẫn ghi biểu:' }],
      ];
      for (let i = lines.length; i < n - 2; i++)
        lines.push([{ c: 0, text: `${i - 2}. Ghi đầy đủ thông tin của mỗi việc trên một dòng, không gộp ô (mục ${i - 2}).` }]);
      lines.push([]);
      return lines;
    };
    const h31 = await fileCase(
      'header-missing',
      '07651_header-row-31.xlsx',
      simple({ allText: false, dateStyle: undefined, title: instructions(31), body: simpleTasks(OWNERS) }),
      { writer: 'exceljs', xlsx: {} },
      { unit: '07651' },
    );
    if (h31.written.headerRow !== 31) throw new Error('header-row-31 is not at row 31');
    diags.push({ file: '07651_header-row-31.xlsx', row: null, rule: 'header-missing' });
    const h30 = await fileCase(
      'header-missing',
      '07651_header-row-30.xlsx',
      simple({ allText: false, dateStyle: undefined, title: instructions(30), body: simpleTasks(OWNERS) }),
      { writer: 'exceljs', xlsx: {} },
      { unit: '07651' },
    );
    if (h30.written.headerRow !== 30) throw new Error('header-row-30 is not at row 30');
    diags.push(...judge([{ file: '07651_header-row-30.xlsx', unit: '07651', tasks: h30.tasks }]).diagnostics);
    // headers without diacritics, in capitals, aliases
    const aliasCols = [
      { key: 'no', header: 'TT' },
      { key: 'title', header: 'NOI DUNG CONG VIEC' },
      { key: 'owner', header: 'Nguoi phu trach' },
      { key: 'deadline', header: 'thoi han' },
      { key: 'progress', header: 'TIEN DO (%)' },
      { key: 'status', header: 'Tinh trang' },
    ];
    const passes = await fileCase('header-missing', '07651_passes.csv', simple({ columns: aliasCols, body: simpleTasks(OWNERS) }), csvHow, {
      unit: '07651',
    });
    diags.push(...judge([{ file: '07651_passes.csv', unit: '07651', tasks: passes.tasks }]).diagnostics);
    await ctx.json('rules/header-missing/expect.json', strip(diags));
  }

  // unit-unknown: which unit each file belongs to (resolve.json) and the diagnostics (expect.json)
  {
    const diags = [];
    const resolve = {};
    const cases = [
      { file: 'fires-ambiguous.csv', unit: null, resolvedBy: 'unknown', title: ['ĐẢNG ỦY XÃ TÂN SƠN'], owners: ['Hà Văn Tuấn'] },
      { file: 'fires-no-unit.csv', unit: null, resolvedBy: 'unknown', title: [], owners: ['Nguyễn Văn An'] },
      { file: '07999_fires.csv', unit: null, resolvedBy: 'unknown', title: [], owners: ['Nguyễn Văn An'] },
      { file: 'fires-column.csv', unit: null, resolvedBy: 'unknown-column', columnCode: '07999', title: [], owners: ['Nguyễn Văn An'] },
      {
        file: 'passes-parent-line.csv',
        unit: '07654',
        resolvedBy: 'title',
        title: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ TÂN SƠN'],
        owners: ['Hà Văn Tuấn'],
      },
      {
        file: 'passes-thanh-uy.csv',
        unit: '219',
        resolvedBy: 'title',
        title: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG'],
        owners: ['Lê Anh Dương'],
      },
      { file: 'passes-tinh.csv', unit: '24', resolvedBy: 'title', title: ['ĐẢNG BỘ TỈNH BẮC GIANG'], owners: ['Lê Thị Thu Hồng'] },
      {
        file: 'passes-don-vi.csv',
        unit: '07651',
        resolvedBy: 'title',
        title: ['Đơn vị: Xã Yên Sơn', placeDateLine('Yên Sơn', '2024-10-01')],
        owners: ['Nguyễn Văn An'],
      },
      { file: 'yen-son.csv', unit: '07651', resolvedBy: 'filename', title: ['DANH MỤC VIỆC KHÓ NĂM 2024'], owners: ['Nguyễn Văn An'] },
      { file: 'bao-cao-07657.csv', unit: '07657', resolvedBy: 'filename', title: [], owners: ['Lê Văn Cường'] },
      { file: '07666_thang9.csv', unit: '07666', resolvedBy: 'filename', title: ['ĐẢNG CỘNG SẢN VIỆT NAM'], owners: ['Giáp Văn Phong'] },
    ];
    for (const c of cases) {
      const cols = c.columnCode ? [{ key: 'unitCode', header: 'Mã đơn vị' }, ...PLAIN_COLUMNS] : PLAIN_COLUMNS;
      const w = await fileCase(
        'unit-unknown',
        c.file,
        simple({ columns: cols, unitCodeText: c.columnCode, title: c.title.map((text) => [{ c: 0, text }]), body: simpleTasks(c.owners) }),
        csvHow,
        c,
      );
      resolve[c.file] = c.unit;
      if (c.unit) diags.push(...judge([{ file: c.file, unit: c.unit, tasks: w.tasks }]).diagnostics);
      else {
        diags.push({ file: c.file, row: null, rule: 'unit-unknown' });
        diags.push(...judge([{ file: c.file, unit: null, tasks: w.tasks }]).diagnostics);
      }
    }
    await ctx.json('rules/unit-unknown/expect.json', strip(diags));
    await ctx.json('rules/unit-unknown/resolve.json', resolve);
  }

  // unit-duplicate: validate fires/ as a whole (both files are errors), then passes/ as a whole (none)
  {
    const diags = [];
    await fileCase('unit-duplicate', 'fires/07651_thang8.csv', simple({ body: simpleTasks(OWNERS) }), csvHow, {
      unit: '07651',
      resolvedBy: 'filename',
    });
    await fileCase('unit-duplicate', 'fires/yen-son.csv', simple({ body: simpleTasks(OWNERS.slice(1)) }), csvHow, {
      unit: '07651',
      resolvedBy: 'filename',
    });
    diags.push(
      { file: 'fires/07651_thang8.csv', row: null, rule: 'unit-duplicate' },
      { file: 'fires/yen-son.csv', row: null, rule: 'unit-duplicate' },
    );
    const c = await fileCase('unit-duplicate', 'passes/07651_thang9.csv', simple({ body: simpleTasks(OWNERS) }), csvHow, {
      unit: '07651',
      resolvedBy: 'filename',
    });
    const d = await fileCase('unit-duplicate', 'passes/07654_thang9.csv', simple({ body: simpleTasks(['Hà Văn Tuấn']) }), csvHow, {
      unit: '07654',
      resolvedBy: 'filename',
    });
    diags.push(
      ...judge([
        { file: 'passes/07651_thang9.csv', unit: '07651', tasks: c.tasks },
        { file: 'passes/07654_thang9.csv', unit: '07654', tasks: d.tasks },
      ]).diagnostics,
    );
    await ctx.json('rules/unit-duplicate/expect.json', strip(diags));
  }
}

const strip = (list) => sortDiagnostics(list).map(({ file, row, rule }) => ({ file, row, rule }));
