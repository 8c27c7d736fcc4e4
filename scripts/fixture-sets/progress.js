// Progress updates (SPEC §2.4): registers with their own `Tiến độ` sheet, and a `--progress` file.
// - fixtures/rules/{update-unknown-task,progress-regressed,report-stale}/: cases and expect.json,
//   read with the rule fixtures' units, roster and as-of date (30/09/2024; period September 2024).
// - fixtures/progress/: a small district for the end-to-end tests of `--progress`: registers as
//   sent at the start of the quarter, and one file of updates for several communes.
import ExcelJS from 'exceljs';

const REGISTER_HEADER = [
  'STT',
  'Mã việc',
  'Nội dung công việc',
  'Người chịu trách nhiệm',
  'Ngày giao',
  'Thời hạn hoàn thành',
  'Tiến độ (%)',
  'Tình trạng',
  'Ngày hoàn thành',
];
const UPDATE_HEADER = ['Mã việc', 'Ngày báo cáo', 'Tiến độ (%)', 'Kết quả đạt được', 'Tình trạng', 'Ngày hoàn thành', 'Ghi chú'];

/** A register's row: [id, title, owner, progress, status, completed?] with fixed dates around them. */
const task = (id, title, owner, progress, status, completed = '', deadline = '31/12/2024') => [
  id,
  title,
  owner,
  '01/03/2024',
  deadline,
  progress,
  status,
  completed,
];

/** A workbook of a register (sheet `Danh mục`) and its updates (sheet `Tiến độ`, when given). */
function registerWorkbook(tasks, updates) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tiendo fixtures';
  wb.created = new Date(Date.UTC(2024, 9, 5));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Danh mục');
  ws.addRow(REGISTER_HEADER);
  tasks.forEach((t, i) => ws.addRow([i + 1, ...t]));
  ws.columns.forEach((c, i) => {
    c.width = i === 2 ? 40 : 16;
  });
  if (updates) {
    const up = wb.addWorksheet('Tiến độ');
    up.addRow(UPDATE_HEADER);
    for (const u of updates) up.addRow(u);
    up.columns.forEach((c) => {
      c.width = 16;
    });
  }
  return wb;
}

/** A CSV text (UTF-8 with BOM, as Excel saves "CSV UTF-8"), comma-delimited. */
function csv(rows) {
  const q = (v) => {
    const s = String(v ?? '');
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}

export default async function buildProgress(ctx) {
  // ── update-unknown-task: an update naming no task of the unit, one with no readable day; one
  // matched by its STT where the id column holds a number.
  await ctx.workbook(
    'rules/update-unknown-task/07651_tien-do.xlsx',
    registerWorkbook(
      [
        task('VK-01', 'Xây dựng nhà văn hóa thôn Thanh Giang', 'Nguyễn Văn An', 40, 'Đang thực hiện'),
        task('VK-02', 'Bê tông hóa đường trục thôn Hạ', 'Phùng Văn Đảng', 30, 'Đang thực hiện'),
        task('VK-03', 'Kết nạp đảng viên mới', 'Trần Thị Hà', 100, 'Đã hoàn thành', '15/06/2024'),
      ],
      [
        ['VK-01', '15/09/2024', 60, '', 'Đang thực hiện', '', ''],
        ['VK-09', '15/09/2024', 20, '', '', '', 'việc không có trong danh mục'],
        ['2', '20/09/2024', 45, '', '', '', 'ghi STT thay cho mã việc'],
        ['VK-02', 'hôm qua', 50, '', '', '', 'ngày không đọc được'],
      ],
    ),
  );
  await ctx.json('rules/update-unknown-task/expect.json', [
    { file: '07651_tien-do.xlsx', row: 3, rule: 'update-unknown-task' },
    { file: '07651_tien-do.xlsx', row: 5, rule: 'update-unknown-task' },
  ]);

  // ── progress-regressed: 70 on 31/08, then 60 on 15/09 (fires at the second); an update after the
  // as-of date is ignored, so its lower figure is not judged; a rise is silent.
  await ctx.workbook(
    'rules/progress-regressed/07651_lui.xlsx',
    registerWorkbook(
      [
        task('VK-01', 'Nạo vét kênh mương nội đồng', 'Nguyễn Văn An', 50, 'Đang thực hiện'),
        task('VK-02', 'Xử lý rác thải sinh hoạt tại các thôn', 'Vũ Thị Hoa', 40, 'Đang thực hiện'),
      ],
      [
        ['VK-01', '31/08/2024', 70, '', '', '', ''],
        ['VK-01', '15/09/2024', 60, '', '', '', 'báo lùi'],
        ['VK-02', '20/09/2024', 80, '', '', '', ''],
        ['VK-02', '05/10/2024', 10, '', '', '', 'sau ngày báo cáo: không áp dụng'],
      ],
    ),
  );
  await ctx.json('rules/progress-regressed/expect.json', [{ file: '07651_lui.xlsx', row: 3, rule: 'progress-regressed' }]);

  // ── report-stale: the unit sends updates; VK-01 was last updated in August, VK-04 never; VK-02
  // was updated in September, VK-03 is done. 07654 sends no updates at all: never stale.
  await ctx.workbook(
    'rules/report-stale/07651_cham.xlsx',
    registerWorkbook(
      [
        task('VK-01', 'Trồng cây xanh tuyến đường liên xã', 'Nguyễn Văn An', 30, 'Đang thực hiện'),
        task('VK-02', 'Giải quyết đơn thư tồn đọng', 'Phùng Văn Đảng', 30, 'Đang thực hiện'),
        task('VK-03', 'Cải tạo trạm y tế xã', 'Trần Thị Hà', 100, 'Đã hoàn thành', '10/09/2024'),
        task('VK-04', 'Xây dựng mô hình thôn kiểu mẫu', 'Vũ Thị Hoa', 0, 'Chưa triển khai'),
      ],
      [
        ['VK-01', '31/08/2024', 40, '', '', '', ''],
        ['VK-02', '20/09/2024', 55, '', '', '', ''],
      ],
    ),
  );
  await ctx.workbook(
    'rules/report-stale/07654_khong-cap-nhat.xlsx',
    registerWorkbook([task('VK-01', 'Hỗ trợ hộ nghèo phát triển sinh kế', 'Hà Văn Tuấn', 30, 'Đang thực hiện')]),
  );
  await ctx.json('rules/report-stale/expect.json', [
    { file: '07651_cham.xlsx', row: 2, rule: 'report-stale' },
    { file: '07651_cham.xlsx', row: 5, rule: 'report-stale' },
  ]);

  // ── fixtures/progress: Lục Nam's communes registered at the start of the quarter; one file of
  // September's updates for all of them (`Mã đơn vị` per row), given with --progress.
  await ctx.text(
    'progress/units.csv',
    ['code,name,level,parent', '213,Huyện Lục Nam,huyen,', '07651,Xã Yên Sơn,xa,213', '07654,Xã Tân Sơn,xa,213', ''].join('\n'),
  );
  await ctx.text(
    'progress/registers/07651_quy3.csv',
    csv([
      REGISTER_HEADER,
      [1, 'YS-01', 'Bê tông hóa đường trục thôn Hạ', 'Nguyễn Văn An', '01/07/2024', '30/09/2024', 60, 'Đang thực hiện', ''],
      [2, 'YS-02', 'Kết nạp đảng viên mới', 'Trần Thị Hà', '01/07/2024', '31/12/2024', 20, 'Đang thực hiện', ''],
      [3, 'YS-03', 'Nạo vét kênh mương nội đồng', 'Vũ Thị Hoa', '01/07/2024', '15/09/2024', 50, 'Đang thực hiện', ''],
    ]),
  );
  await ctx.text(
    'progress/registers/07654_quy3.csv',
    csv([
      REGISTER_HEADER,
      [1, 'TS-01', 'Xây dựng nhà văn hóa thôn Thanh Giang', 'Hà Văn Tuấn', '01/07/2024', '31/12/2024', 10, 'Đang thực hiện', ''],
    ]),
  );
  await ctx.text(
    'progress/cap-nhat-thang-9.csv',
    csv([
      ['Mã đơn vị', 'Mã việc', 'Kỳ báo cáo', 'Tiến độ (%)', 'Tình trạng', 'Ngày hoàn thành', 'Ghi chú'],
      // YS-01 finished on time: done in the rollup, not overdue.
      ['07651', 'YS-01', 'Tháng 9/2024', 100, 'Đã hoàn thành', '25/09/2024', ''],
      // YS-02 moves on; then a lower figure in the same month: progress-regressed at that cell.
      ['07651', 'YS-02', '15/09/2024', 40, '', '', ''],
      ['07651', 'YS-02', 'Tháng 9/2024', 35, '', '', 'báo lùi'],
      // a status outside the vocabulary: invalid-status points at this cell, not the register's.
      ['07654', 'TS-01', 'Tháng 9/2024', 30, 'Đang xúc tiến', '', ''],
      // no such task in 07654: update-unknown-task.
      ['07654', 'TS-07', 'Tháng 9/2024', 50, '', '', ''],
    ]),
  );

  // ── fixtures/compare
  await ctx.text(
    'compare/units.csv',
    [
      'code,name,level,parent',
      '213,Huyện Lục Nam,huyen,',
      '07651,Xã Yên Sơn,xa,213',
      '07654,Xã Tân Sơn,xa,213',
      '07657,Xã Lan Mẫu,xa,213',
      '',
    ].join('\n'),
  );
  const row = (no, id, title, owner, deadline, progress, status, completed = '') => [
    no,
    id,
    title,
    owner,
    '01/07/2024',
    deadline,
    progress,
    status,
    completed,
  ];
  await ctx.text(
    'compare/thang-8/07651_thang8.csv',
    csv([
      REGISTER_HEADER,
      row(1, 'YS-01', 'Bê tông hóa đường trục thôn Hạ', 'Nguyễn Văn An', '31/08/2024', 80, 'Đang thực hiện'),
      row(2, '', 'Kết nạp đảng viên mới', 'Trần Thị Hà', '31/12/2024', 40, 'Đang thực hiện'),
      row(3, '', 'Nạo vét kênh mương nội đồng', 'Vũ Thị Hoa', '15/09/2024', 50, 'Đang thực hiện'),
      row(4, '', 'Trồng cây xanh tuyến đường liên xã', 'Phùng Văn Đảng', '31/12/2024', 0, 'Chưa triển khai'),
      row(5, '', 'Cải tạo trạm y tế xã', 'Nguyễn Văn An', '31/08/2024', 100, 'Đã hoàn thành', '20/08/2024'),
    ]),
  );
  await ctx.text(
    'compare/thang-8/07654_thang8.csv',
    csv([REGISTER_HEADER, row(1, '', 'Xây dựng nhà văn hóa thôn Thanh Giang', 'Hà Văn Tuấn', '31/12/2024', 10, 'Đang thực hiện')]),
  );
  await ctx.text(
    'compare/thang-9/07651_thang9.csv',
    csv([
      REGISTER_HEADER,
      // done since (late: the deadline was 31/08)
      row(1, 'YS-01', 'Bê tông hóa đường trục thôn Hạ', 'Nguyễn Văn An', '31/08/2024', 100, 'Đã hoàn thành', '10/09/2024'),
      // the same task, its title retyped; progress lower than in August
      row(2, '', 'KẾT NẠP ĐẢNG VIÊN MỚI', 'Trần Thị Hà', '31/12/2024', 30, 'Đang thực hiện'),
      // overdue since 15/09
      row(3, '', 'Nạo vét kênh mương nội đồng', 'Vũ Thị Hoa', '15/09/2024', 70, 'Đang thực hiện'),
      // new this month
      row(4, '', 'Xây dựng mô hình thôn kiểu mẫu', 'Phùng Văn Đảng', '31/12/2024', 10, 'Đang thực hiện'),
    ]),
  );
  await ctx.text(
    'compare/thang-9/07657_thang9.csv',
    csv([REGISTER_HEADER, row(1, '', 'Giải quyết đơn thư tồn đọng', 'Lê Văn Cường', '31/12/2024', 20, 'Đang thực hiện')]),
  );
}
