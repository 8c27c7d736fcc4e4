// fixtures/two-tier/: the same province after the reform of 1 July 2025 (districts dissolved, communes
// merged and placed directly under the province), as of 2025-09-30 (period 2025-Q3). units.csv has
// from/to columns; a code is reused for a merged commune with a new name.
import { placeDateLine } from '../fixture-kit.js';
import { checkResolution, partyTitle, R, task, writeProvinceFiles } from './common.js';

const AS_OF = '2025-09-30';
const PERIOD = { label: '2025-Q3', start: '2025-07-01', end: '2025-09-30' };
const OLD_END = '2025-06-30';
const NEW_START = '2025-07-01';

const U = (code, name, level, parent, from = '', to = '', extra = {}) => ({
  code,
  name,
  level,
  parent,
  from: from || null,
  to: to || null,
  ...extra,
});
export const UNITS = [
  U('24', 'Tỉnh Bắc Giang', 'tinh', ''),
  U('24-BTC', 'Ban Tổ chức Tỉnh ủy', 'co-quan', '24'),
  U('213', 'Huyện Lục Nam', 'huyen', '24', '', OLD_END),
  // day-first, as SPEC §2.1 allows
  U('215', 'Huyện Lạng Giang', 'huyen', '24', '', OLD_END, { toText: '30/06/2025' }),
  U('07651', 'Xã Yên Sơn', 'xa', '213', '', OLD_END),
  // the code of Yên Sơn is reused by the commune it merged into, under a new name
  U('07651', 'Xã Lan Sơn', 'xa', '24', NEW_START, ''),
  U('07654', 'Xã Tân Sơn', 'xa', '213', '', OLD_END),
  U('07657', 'Xã Lan Mẫu', 'xa', '213', '', OLD_END),
  U('07660', 'Xã Mỹ Thái', 'xa', '215', '', OLD_END),
  U('07660', 'Xã Mỹ Thái', 'xa', '24', NEW_START, ''),
  U('07663', 'Thị trấn Đồi Ngô', 'thi-tran', '213', '', OLD_END),
  U('07666', 'Xã Tân Sơn', 'xa', '215', '', OLD_END),
  U('07666', 'Xã Tân Sơn', 'xa', '24', NEW_START, ''),
  U('07669', 'Thị trấn Vôi', 'thi-tran', '215', '', OLD_END),
  U('07669', 'Xã Lạng Giang', 'xa', '24', NEW_START, ''),
  U('07700', 'Xã Lục Nam', 'xa', '24', NEW_START, ''),
];

export const ROSTER = [
  R('Hoàng Thị Thu Hà', 'Trưởng Ban Tổ chức Tỉnh ủy', '24-BTC', '2020-10-15'),
  R('Ngô Đức Thịnh', 'Phó Trưởng Ban Tổ chức Tỉnh ủy', '24-BTC', '2021-03-01'),
  // Yên Sơn's cadres; its code now belongs to Lan Sơn. Ownership is judged by unit code.
  R('Lê Văn Cường', 'Phó Chủ tịch UBND xã Yên Sơn', '07651', '2020-07-01', OLD_END),
  R('Phùng Văn Đảng', 'Phó Bí thư Thường trực Đảng ủy xã Yên Sơn', '07651', '2020-08-01', OLD_END),
  R('Phùng Văn Đảng', 'Bí thư Đảng ủy xã Lan Sơn', '07651', NEW_START),
  R('Nguyễn Văn An', 'Chủ tịch UBND xã Lan Sơn', '07651', NEW_START),
  R('Nguyễn Thị Hằng', 'Bí thư Đảng ủy xã Mỹ Thái', '07660', '2020-08-01'),
  R('Giáp Văn Phong', 'Bí thư Đảng ủy xã Tân Sơn', '07666', NEW_START),
  R('Trần Thị Hà', 'Chủ tịch UBND xã Tân Sơn', '07666', NEW_START),
  R('Hoàng Văn Nam', 'Bí thư Đảng ủy xã Lạng Giang', '07669', NEW_START),
  R('Nguyễn Đức Mạnh', 'Bí thư Đảng ủy xã Lục Nam', '07700', NEW_START),
  R('Trần Quang Huy', 'Chủ tịch UBND xã Lục Nam', '07700', NEW_START),
  R('Hà Văn Tuấn', 'Chủ tịch UBND xã Tân Sơn', '07654', '2021-06-01', OLD_END),
];

const TITLE = 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2025';
const COLS = [
  { key: 'no', header: 'STT' },
  { key: 'title', header: 'Nội dung công việc' },
  { key: 'owner', header: 'Người chịu trách nhiệm' },
  { key: 'assigned', header: 'Ngày giao' },
  { key: 'deadline', header: 'Thời hạn hoàn thành' },
  { key: 'target', header: 'Chỉ tiêu' },
  { key: 'achieved', header: 'Kết quả đạt được' },
  { key: 'progress', header: 'Tiến độ (%)' },
  { key: 'status', header: 'Tình trạng' },
  { key: 'completed', header: 'Ngày hoàn thành' },
];

export default async function build(ctx) {
  const registers = [];
  const add = async (meta, def, how) => {
    const written = await ctx.register(`two-tier/${meta.file}`, def, how);
    const tasks = written.grid.rows.filter((r) => r.kind === 'task').map((r) => ({ row: written.rowOf(r.task), task: r.task }));
    const reg = { ...meta, writer: how.writer, headerRow: written.headerRow, tasks, fileDiagnostics: meta.fileDiagnostics ?? [] };
    checkResolution(reg, written.grid.titleLines, UNITS, AS_OF);
    registers.push(reg);
  };
  const w = COLS.length;

  // Lan Sơn: the old district line names nothing in force; "ĐẢNG ỦY XÃ LAN SƠN" alone decides.
  await add(
    {
      file: 'registers/lan-son.xlsx',
      unit: '07651',
      resolvedBy: 'title',
      status: 'counted',
      shape: 'exceljs; old ĐẢNG BỘ HUYỆN LỤC NAM over ĐẢNG ỦY XÃ LAN SƠN; code reused from Xã Yên Sơn',
    },
    {
      columns: COLS,
      title: partyTitle({
        width: w,
        left: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ LAN SƠN'],
        place: placeDateLine('Lan Sơn', '2025-10-03'),
        title: TITLE,
        leftSpan: 3,
        rightAt: 6,
      }),
      numberRow: '(n)',
      body: [
        task('Ổn định tổ chức bộ máy của xã sau sắp xếp', 'Phùng Văn Đảng', {
          assigned: '2025-07-01',
          deadline: '2025-09-30',
          progress: 100,
          status: 'done',
          completed: '2025-09-15',
        }),
        // Lê Văn Cường's post in 07651 ended with Yên Sơn: owner-inactive
        task('Bàn giao hồ sơ, tài sản của xã Yên Sơn và xã Lan Mẫu cho xã mới', 'Lê Văn Cường', {
          assigned: '2025-05-15',
          deadline: '2025-08-31',
          progress: 90,
          status: 'in_progress',
          expect: ['owner-inactive'],
        }),
        task('Xóa nhà tạm, nhà dột nát cho hộ nghèo (còn 4 nhà)', 'Nguyễn Văn An', {
          assigned: '2025-01-10',
          deadline: '2025-10-31',
          target: 4,
          achieved: 3,
          status: 'in_progress',
        }),
        task('Lập quy hoạch chung xã Lan Sơn', 'Phùng Văn Đảng', {
          assigned: '2025-07-15',
          deadline: '2025-12-31',
          progress: 0,
          status: 'not_started',
        }),
        // assigned after the as-of date: left out
        task('Tổ chức Đại hội Đảng bộ xã Lan Sơn nhiệm kỳ 2025-2030', 'Phùng Văn Đảng', {
          assigned: '2025-10-06',
          deadline: '2025-12-31',
          progress: 0,
          status: 'not_started',
        }),
      ],
    },
    { writer: 'exceljs', xlsx: {} },
  );

  // Only the old district heading: it names no unit in force (not Xã Lục Nam either) → unit-unknown.
  await add(
    {
      file: 'registers/bao-cao-thang-9.xlsx',
      unit: null,
      resolvedBy: 'unknown',
      status: 'unit-unknown',
      shape: 'exceljs; only ĐẢNG BỘ HUYỆN LỤC NAM',
      fileDiagnostics: [{ rule: 'unit-unknown', row: null }],
    },
    {
      columns: COLS,
      title: partyTitle({
        width: w,
        left: ['ĐẢNG BỘ HUYỆN LỤC NAM'],
        place: placeDateLine('Lục Nam', '2025-10-03'),
        title: TITLE,
        leftSpan: 3,
        rightAt: 6,
      }),
      body: [
        task('Giải phóng mặt bằng khu đô thị mới Đồi Ngô', 'Trần Quang Huy', {
          assigned: '2025-02-01',
          deadline: '2025-12-31',
          progress: 40,
          status: 'in_progress',
        }),
        task('Kết nạp đảng viên mới', 'Nguyễn Đức Mạnh', {
          assigned: '2025-02-01',
          deadline: '2025-06-30',
          progress: 100,
          status: 'done',
          completed: '2025-06-20',
        }),
        task('Xây dựng trụ sở Đảng ủy, HĐND, UBND xã', 'Nguyễn Đức Mạnh', {
          assigned: '2025-07-10',
          deadline: '2026-06-30',
          progress: 5,
          status: 'in_progress',
        }),
      ],
    },
    { writer: 'exceljs', xlsx: {} },
  );

  // Mỹ Thái by the code in its file name; 07660 has two rows in units.csv, the in-force one is under 24.
  await add(
    {
      file: 'registers/07660_thang9.csv',
      unit: '07660',
      resolvedBy: 'filename',
      status: 'counted',
      shape: 'CSV UTF-8 BOM; header on line 1; code with two rows in units.csv',
    },
    {
      columns: COLS,
      allText: true,
      decimalComma: true,
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        task('Xử lý vi phạm đất đai phát sinh sau Chỉ thị số 19-CT/TU', 'Nguyễn Thị Hằng', {
          assigned: '2025-01-10',
          deadline: '2025-06-30',
          progress: 100,
          status: 'done',
          expect: ['completion-date-missing'],
        }),
        task('Vận động đấu nối nước sạch (còn 981 hộ)', 'Nguyễn Thị Hằng', {
          assigned: '2025-01-10',
          deadline: '2025-12-31',
          target: 981,
          achieved: 430,
          status: 'in_progress',
        }),
        task('Hoàn thiện đường trục xã Mỹ Thái', 'Nguyễn Thị Hằng', {
          assigned: '2025-03-01',
          deadline: '2025-09-30',
          progress: 80,
          status: 'in_progress',
        }),
      ],
    },
    { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8bom' } },
  );

  // "ĐẢNG ỦY XÃ TÂN SƠN": two communes of that name existed, one is in force → 07666.
  await add(
    {
      file: 'registers/tan-son.csv',
      unit: '07666',
      resolvedBy: 'title',
      status: 'counted',
      shape: 'CSV semicolons; ĐẢNG ỦY XÃ TÂN SƠN (only one in force)',
    },
    {
      columns: COLS,
      allText: true,
      decimalComma: true,
      dateStyle: 'text:dd/mm/yyyy',
      title: [[{ c: 0, text: 'ĐẢNG ỦY XÃ TÂN SƠN' }], [{ c: 0, text: TITLE }]],
      body: [
        task('Sắp xếp trụ sở làm việc sau sáp nhập', 'Giáp Văn Phong', {
          assigned: '2025-07-01',
          deadline: '2025-08-31',
          progress: 100,
          status: 'done',
          completed: '2025-09-05',
        }),
        task('Chuyển đổi số trong giải quyết thủ tục hành chính', 'Trần Thị Hà', {
          assigned: '2025-07-01',
          deadline: '2025-12-31',
          progress: 40,
          status: 'in_progress',
        }),
        task('Hỗ trợ cán bộ không chuyên trách dôi dư sau sắp xếp', 'Giáp Văn Phong', {
          assigned: '2025-07-01',
          deadline: '2025-12-31',
          status: 'cancelled',
          statusText: 'Dừng thực hiện',
        }),
      ],
    },
    { writer: 'csv', csv: { delimiter: ';', eol: '\n', encoding: 'utf8', padTitle: true } },
  );

  // The new Xã Lục Nam under the province heading.
  await add(
    {
      file: 'registers/luc-nam-2025.xlsx',
      unit: '07700',
      resolvedBy: 'title',
      status: 'counted',
      shape: 'openpyxl; ĐẢNG BỘ TỈNH BẮC GIANG over ĐẢNG ỦY XÃ LỤC NAM',
    },
    {
      columns: COLS,
      title: partyTitle({
        width: w,
        left: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'ĐẢNG ỦY XÃ LỤC NAM'],
        place: placeDateLine('Lục Nam', '2025-10-02'),
        title: TITLE,
        leftSpan: 3,
        rightAt: 6,
      }),
      numberRow: 'n',
      body: [
        task('Kiện toàn các tổ chức trong hệ thống chính trị xã', 'Nguyễn Đức Mạnh', {
          assigned: '2025-07-01',
          deadline: '2025-09-30',
          progress: 100,
          status: 'done',
          completed: '2025-09-30',
        }),
        task('Giải phóng mặt bằng khu đô thị Đồi Ngô', 'Trần Quang Huy', {
          assigned: '2025-07-01',
          deadline: null,
          progress: 30,
          status: 'in_progress',
          expect: ['deadline-missing'],
        }),
        task('Xây dựng trung tâm phục vụ hành chính công xã', 'Trần Quang Huy', {
          assigned: '2025-07-10',
          deadline: '2025-11-30',
          progress: 50,
          status: 'in_progress',
        }),
      ],
    },
    { writer: 'openpyxl', xlsx: {} },
  );

  // Mã đơn vị 07654: the old Tân Sơn (Lục Nam), not in force on the as-of date → unit-unknown.
  await add(
    {
      file: 'registers/tan-son-cu.csv',
      unit: null,
      columnCode: '07654',
      resolvedBy: 'unknown-column',
      status: 'unit-unknown',
      shape: 'CSV; Mã đơn vị of a unit no longer in force',
      fileDiagnostics: [{ rule: 'unit-unknown', row: null }],
    },
    {
      columns: [{ key: 'unitCode', header: 'Mã đơn vị' }, ...COLS],
      allText: true,
      unitCodeText: '07654',
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        task('Nạo vét kênh tiêu úng', 'Hà Văn Tuấn', {
          assigned: '2025-02-01',
          deadline: '2025-12-31',
          progress: 60,
          status: 'in_progress',
        }),
        task('Sửa chữa nhà văn hóa thôn Hạ', 'Hà Văn Tuấn', {
          assigned: '2025-02-01',
          deadline: '2025-05-31',
          progress: 100,
          status: 'done',
          completed: '2025-05-20',
        }),
      ],
    },
    { writer: 'csv', csv: { delimiter: ',', eol: '\n', encoding: 'utf8' } },
  );

  // The agency is untouched by the reform.
  await add(
    { file: 'registers/ban-to-chuc.csv', unit: '24-BTC', resolvedBy: 'column', status: 'counted', shape: 'CSV UTF-8; Mã đơn vị column' },
    {
      columns: [{ key: 'unitCode', header: 'Mã đơn vị' }, ...COLS],
      allText: true,
      unitCodeText: '24-BTC',
      dateStyle: 'text:dd/mm/yyyy',
      body: [
        task('Tham mưu sắp xếp đơn vị hành chính cấp xã', 'Hoàng Thị Thu Hà', {
          assigned: '2024-12-01',
          deadline: '2025-06-30',
          progress: 100,
          status: 'done',
          completed: '2025-06-25',
        }),
        task('Hướng dẫn đại hội đảng bộ xã nhiệm kỳ 2025-2030', 'Ngô Đức Thịnh', {
          assigned: '2025-05-01',
          deadline: '2025-10-31',
          progress: 70,
          status: 'in_progress',
        }),
        task('Rà soát đội ngũ cán bộ cấp xã sau sắp xếp', 'Ngô Đức Thịnh', {
          assigned: '2025-07-01',
          deadline: '2025-09-15',
          progress: 60,
          status: 'in_progress',
        }),
      ],
    },
    { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8' } },
  );

  await writeProvinceFiles(ctx, 'two-tier', {
    units: UNITS,
    roster: ROSTER,
    withDates: true,
    asOf: AS_OF,
    period: PERIOD,
    registers,
    note: 'Units in force on 2025-09-30 only. Not submitted: 07669 (Xã Lạng Giang); 24 has no own register.',
  });
}
