// fixtures/province/: a small Bắc Giang-like province as of 2024-09-30 (period 2024-Q3).
// Every register shape of SPEC §2.3 appears somewhere, and every rule of §4 (but progress-regressed and
// report-stale, which need progress updates) is planted at a known file and row.
import { readFileSync, writeFileSync } from 'node:fs';
import { period, placeDateLine, toTcvn3, toVni } from '../fixture-kit.js';
import { checkResolution, footer, partyTitle, PLAIN_COLUMNS, R, task, writeProvinceFiles } from './common.js';

const AS_OF = '2024-09-30';
const PERIOD = { label: '2024-Q3', start: '2024-07-01', end: '2024-09-30' };

export const UNITS = [
  { code: '24', name: 'Tỉnh Bắc Giang', level: 'tinh', parent: '' },
  { code: '24-BTC', name: 'Ban Tổ chức Tỉnh ủy', level: 'co-quan', parent: '24' },
  { code: '213', name: 'Huyện Lục Nam', level: 'huyen', parent: '24' },
  { code: '215', name: 'Huyện Lạng Giang', level: 'huyen', parent: '24' },
  { code: '217', name: 'Huyện Hiệp Hòa', level: 'huyen', parent: '24' },
  { code: '219', name: 'Thành phố Bắc Giang', level: 'thanh-pho', parent: '24' },
  { code: '07651', name: 'Xã Yên Sơn', level: 'xa', parent: '213' },
  { code: '07654', name: 'Xã Tân Sơn', level: 'xa', parent: '213' },
  { code: '07657', name: 'Xã Lan Mẫu', level: 'xa', parent: '213' },
  { code: '07660', name: 'Xã Mỹ Thái', level: 'xa', parent: '215' },
  { code: '07663', name: 'Thị trấn Đồi Ngô', level: 'thi-tran', parent: '213' },
  { code: '07666', name: 'Xã Tân Sơn', level: 'xa', parent: '215' },
  { code: '07669', name: 'Thị trấn Vôi', level: 'thi-tran', parent: '215' },
  { code: '07672', name: 'Xã Tân Dĩnh', level: 'xa', parent: '215' },
  { code: '07675', name: 'Xã Hương Lâm', level: 'xa', parent: '217' },
  { code: '07678', name: 'Xã Đoan Bái', level: 'xa', parent: '217' },
  { code: '07681', name: 'Thị trấn Thắng', level: 'thi-tran', parent: '217' },
  { code: '07684', name: 'Phường Trần Phú', level: 'phuong', parent: '219' },
  { code: '07687', name: 'Phường Dĩnh Kế', level: 'phuong', parent: '219' },
  { code: '07690', name: 'Xã Song Mai', level: 'xa', parent: '219' },
];

export const ROSTER = [
  R('Hoàng Thị Thu Hà', 'Trưởng Ban Tổ chức Tỉnh ủy', '24-BTC', '2020-10-15'),
  R('Ngô Đức Thịnh', 'Phó Trưởng Ban Tổ chức Tỉnh ủy', '24-BTC', '2021-03-01'),
  R('Vũ Thị Lan Anh', 'Trưởng phòng Tổ chức đảng, đảng viên', '24-BTC', '2022-06-01'),
  R('Đỗ Văn Hải', 'Bí thư Huyện ủy', '213', '2020-09-20'),
  R('Lương Thị Thảo', 'Phó Bí thư Thường trực Huyện ủy', '213', '2020-09-20'),
  // in post in two units at once: a district cadre sent to lead a commune's Party committee
  R('Trần Quang Huy', 'Phó Chủ tịch UBND huyện', '213', '2021-07-01'),
  R('Trần Quang Huy', 'Bí thư Đảng ủy xã', '07654', '2023-01-01'),
  R('Dương Thanh Tùng', 'Bí thư Huyện ủy', '217', '2020-09-25'),
  R('Lê Anh Dương', 'Bí thư Thành ủy', '219', '2021-05-10'),
  R('Hà Thị Giang', 'Phó Bí thư Thường trực Thành ủy', '219', '2020-09-15'),
  R('Nguyễn Trọng Hiếu', 'Trưởng Ban Tổ chức Thành ủy', '219', '2022-02-01'),
  R('Phùng Văn Đảng', 'Phó Bí thư Thường trực Đảng ủy', '07651', '2020-08-01'),
  R('Nguyễn Văn An', 'Chủ tịch UBND xã', '07651', '2021-06-01'),
  // rotated out on 30 June 2024 (luân chuyển) to Lan Mẫu; still owns a task in Yên Sơn → owner-inactive
  R('Lê Văn Cường', 'Phó Chủ tịch UBND xã', '07651', '2020-07-01', '2024-06-30'),
  R('Lê Văn Cường', 'Phó Chủ tịch UBND xã', '07657', '2024-07-01'),
  R('Hà Văn Tuấn', 'Chủ tịch UBND xã', '07654', '2021-06-01'),
  R('Vi Văn Thắng', 'Bí thư Đảng ủy', '07657', '2020-08-01'),
  R('Nguyễn Thị Hằng', 'Bí thư Đảng ủy', '07660', '2020-08-01'),
  R('Đặng Văn Khoa', 'Chủ tịch UBND xã', '07660', '2021-06-01'),
  R('Trịnh Văn Lâm', 'Công chức Địa chính - Xây dựng', '07660', '2019-03-01'),
  R('Nguyễn Đức Mạnh', 'Bí thư Đảng ủy', '07663', '2020-08-01'),
  R('Giáp Văn Phong', 'Bí thư Đảng ủy', '07666', '2020-08-01'),
  R('Trần Thị Hà', 'Chủ tịch UBND xã', '07666', '2021-06-01'),
  R('Hoàng Văn Nam', 'Bí thư Đảng ủy', '07669', '2020-08-01'),
  R('Lê Thị Oanh', 'Phó Chủ tịch UBND thị trấn', '07669', '2022-01-10'),
  R('Thân Văn Phúc', 'Bí thư Đảng ủy', '07672', '2020-08-01'),
  R('Nguyễn Thị Quyên', 'Phó Bí thư Thường trực Đảng ủy', '07672', '2020-08-01'),
  // took post on 1 August 2024, after the task was assigned: fine (ownership is judged on the as-of date);
  // the date is typed day-first, as SPEC §2.1 allows
  R('Dương Văn Sơn', 'Chủ tịch UBND xã', '07672', '2024-08-01', '', { fromText: '01/08/2024' }),
  R('Ngô Văn Tài', 'Bí thư Đảng ủy', '07675', '2020-08-01'),
  R('Đặng Thị Uyên', 'Bí thư Đảng ủy', '07678', '2020-08-01'),
  R('Nguyễn Văn Vinh', 'Chủ tịch UBND xã', '07678', '2021-06-01'),
  R('Lê Văn Xuân', 'Bí thư Đảng ủy', '07681', '2020-08-01'),
  R('Nguyễn Thị Yến', 'Bí thư Đảng ủy phường', '07684', '2020-08-01'),
  R('Phạm Văn Bảo', 'Chủ tịch UBND phường', '07684', '2021-06-01'),
  R('Vũ Văn Cảnh', 'Bí thư Đảng ủy phường', '07687', '2020-08-01'),
  R('Lý Thị Diệp', 'Phó Chủ tịch UBND phường', '07687', '2022-03-01'),
  R('Tạ Văn Đông', 'Bí thư Đảng ủy', '07690', '2020-08-01'),
];

const TITLE_2024 = 'DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024';
const p = period;

export default async function build(ctx) {
  const registers = [];
  const add = async (meta, def, how) => {
    const written = await ctx.register(`province/${meta.file}`, def, how);
    const tasks = written.grid.rows.filter((r) => r.kind === 'task').map((r) => ({ row: written.rowOf(r.task), task: r.task }));
    const reg = { ...meta, writer: how.writer, headerRow: written.headerRow, tasks: meta.status === 'header-missing' ? [] : tasks };
    reg.fileDiagnostics = (meta.fileDiagnostics ?? []).map((d) => ({
      ...d,
      row: d.row === 'header' ? written.headerRow : (d.row ?? null),
    }));
    checkResolution(reg, written.grid.titleLines, UNITS, AS_OF);
    registers.push(reg);
    return written;
  };

  // ── R1 · Huyện Lục Nam's own register: exceljs, title block, line break in a header, (1) (2) row,
  //    merged section rows, date cells, percent cells, Tổng cộng and a signature block with a name.
  //    owner-overloaded (Lương Thị Thảo's 8th unfinished task), completion-date-missing, legacy-encoding.
  {
    const w = 11;
    const thao = 'Lương Thị Thảo';
    const body = [
      { section: 'I. LĨNH VỰC XÂY DỰNG ĐẢNG' },
      task('Lãnh đạo chuẩn bị đại hội đảng bộ cơ sở tiến tới Đại hội Đảng bộ huyện lần thứ XXIV, nhiệm kỳ 2025-2030', thao, {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-01-15',
        deadline: '2025-06-30',
        progress: 35,
        status: 'in_progress',
      }),
      task('Rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Huyện ủy quản lý nhiệm kỳ 2025-2030', thao, {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        progress: 60,
        status: 'in_progress',
      }),
      task('Sắp xếp, sáp nhập thôn, tổ dân phố và đơn vị hành chính cấp xã giai đoạn 2023-2025', 'Đỗ Văn Hải', {
        category: 'Việc khó',
        position: 'Bí thư Huyện ủy',
        assigned: '2024-01-15',
        deadline: '2024-12-31',
        progress: 70,
        status: 'in_progress',
        note: toVni('Đã họp triển khai tại 5 xã'),
        fonts: { note: { name: 'VNI-Times' } },
        expect: ['legacy-encoding'],
      }),
      // completion exactly on the deadline: doneOnTime
      task('Nâng cao chất lượng sinh hoạt chi bộ ở các chi bộ thôn, tổ dân phố', thao, {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-01-15',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-30',
      }),
      task('Kiện toàn tổ chức bộ máy các cơ quan tham mưu, giúp việc Huyện ủy', 'Đỗ Văn Hải', {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Bí thư Huyện ủy',
        assigned: '2024-03-01',
        deadline: '2024-05-31',
        progress: 100,
        status: 'done',
        expect: ['completion-date-missing'],
      }),
      { blank: true },
      { section: 'II. LĨNH VỰC KINH TẾ - XÃ HỘI' },
      task('Giải phóng mặt bằng dự án đường vành đai Đông Bắc đoạn qua huyện Lục Nam', thao, {
        category: 'Việc khó',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-01-20',
        deadline: '2024-12-31',
        progress: 45.5,
        status: 'in_progress',
      }),
      // deadline on the as-of day: pendingOnTime
      task('Xóa nhà tạm, nhà dột nát cho hộ nghèo, cận nghèo và người có công trên địa bàn huyện', thao, {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-02-15',
        deadline: '2024-09-30',
        progress: 85,
        status: 'in_progress',
      }),
      task('Thu hồi nợ đọng tiền sử dụng đất các dự án khu dân cư', 'Trần Quang Huy', {
        category: 'Vấn đề bức xúc, nổi cộm',
        position: 'Phó Chủ tịch UBND huyện',
        assigned: '2024-03-01',
        deadline: '2024-12-31',
        progress: 30,
        status: 'in_progress',
      }),
      task('Phát triển sản phẩm OCOP gắn với vùng vải thiều, cây có múi', thao, {
        category: 'Việc đột phá',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-03-01',
        deadline: '2024-11-30',
        progress: 50,
        status: 'in_progress',
      }),
      task('Chỉ đạo xây dựng xã Yên Sơn đạt chuẩn nông thôn mới nâng cao', thao, {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-01-15',
        deadline: '2024-12-31',
        progress: 0,
        status: 'not_started',
      }),
      { blank: true },
      { section: 'III. QUỐC PHÒNG - AN NINH, NỘI CHÍNH' },
      task('Giải quyết dứt điểm đơn thư khiếu nại kéo dài về đất đai tại thị trấn Đồi Ngô', thao, {
        category: 'Vấn đề bức xúc, nổi cộm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-04-01',
        deadline: '2024-08-31',
        progress: 80,
        status: 'in_progress',
      }),
      // Thảo's 8th unfinished task in Lục Nam: owner-overloaded (one warning, on this row)
      task('Xây dựng lực lượng dân quân tự vệ vững mạnh, rộng khắp', thao, {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Huyện ủy',
        assigned: '2024-01-15',
        deadline: '2024-12-31',
        progress: 40,
        status: 'paused',
        expect: ['owner-overloaded'],
      }),
      task('Chuyển đổi số trong công tác tổ chức xây dựng Đảng, cập nhật cơ sở dữ liệu đảng viên', 'Trần Quang Huy', {
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Chủ tịch UBND huyện',
        assigned: '2024-02-01',
        deadline: '2024-07-31',
        progress: 100,
        status: 'done',
        completed: '2024-08-10',
      }),
    ];
    await add(
      {
        file: 'registers/luc-nam-huyen-uy.xlsx',
        unit: '213',
        resolvedBy: 'title',
        status: 'counted',
        shape:
          'exceljs; title block (tỉnh + huyện ủy); header with a line break; (1) (2) row; merged sections; date cells; percent cells 0.0%; Tổng cộng; signature block with names; one VNI-Times cell',
      },
      {
        columns: [
          { key: 'no', header: 'STT' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'category', header: 'Loại việc' },
          { key: 'owner', header: 'Người chịu\ntrách nhiệm' },
          { key: 'position', header: 'Chức vụ' },
          { key: 'assigned', header: 'Ngày giao' },
          { key: 'deadline', header: 'Thời hạn hoàn thành' },
          { key: 'progress', header: 'Tiến độ (%)', style: 'percent:0.0%' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
          { key: 'note', header: 'Ghi chú' },
        ],
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'HUYỆN ỦY LỤC NAM'],
          place: placeDateLine('Lục Nam', '2024-10-05'),
          title: TITLE_2024,
          sub: '(Kèm theo Báo cáo số 125-BC/HU ngày 05/10/2024 của Ban Thường vụ Huyện ủy)',
          rightAt: 6,
          leftSpan: 3,
        }),
        numberRow: '(n)',
        body,
        footer: footer({
          width: w,
          total: [[1, '13 việc']],
          maker: 'Đỗ Thị Mai',
          tm: 'T/M BAN THƯỜNG VỤ',
          post: 'PHÓ BÍ THƯ THƯỜNG TRỰC',
          signer: 'Lương Thị Thảo',
          rightAt: 8,
        }),
      },
      { writer: 'exceljs', xlsx: { widths: [6, 48, 16, 22, 20, 12, 12, 10, 16, 12, 20] } },
    );
  }

  // ── R2 · Xã Yên Sơn, found by its file name only: exceljs, 1904 date system, a place-and-date line that
  //    contains the commune's name (names nothing: a line is compared whole), 1 2 3 row, target/achieved
  //    with empty progress, period deadline on the as-of day, a task assigned after the as-of date.
  {
    const w = 11;
    const body = [
      task('Xóa nhà tạm, nhà dột nát cho hộ nghèo, cận nghèo và người có công', 'Đ/c Phùng Văn Đảng - Phó Bí thư Thường trực Đảng ủy', {
        owners: ['Phùng Văn Đảng'],
        assigned: '2024-01-15',
        deadline: p('Tháng 9/2024'),
        target: 13,
        measure: 'nhà',
        achieved: 9,
        status: 'in_progress',
      }),
      task('Giải phóng mặt bằng dự án đường vành đai qua địa bàn xã', 'Lê Văn Cường', {
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        progress: 60,
        status: 'in_progress',
        expect: ['owner-inactive'],
      }),
      // assigned after the as-of date: not yet registered, left out
      task('Chuẩn bị Đại hội Đảng bộ xã nhiệm kỳ 2025-2030', 'Nguyễn Văn An', {
        assigned: '2024-10-02',
        deadline: '2025-03-31',
        progress: 0,
        status: 'not_started',
      }),
      task('Kiện toàn Ban Chỉ đạo xóa nhà tạm, nhà dột nát của xã', 'Phùng Văn Đảng', {
        assigned: '2024-01-15',
        deadline: '2024-02-29',
        progress: 100,
        status: 'done',
        completed: '2024-02-20',
      }),
      task('Bê tông hóa đường trục thôn Thanh Giang', 'Nguyễn Văn An', {
        assigned: '2024-03-01',
        deadline: '2024-06-30',
        target: 2.5,
        measure: 'km',
        achieved: 2.5,
        progress: 100,
        status: 'done',
        completed: '2024-08-15',
      }),
      task('Vận động Nhân dân hiến đất mở rộng đường liên thôn', 'Nguyễn Văn An', {
        assigned: '2024-03-01',
        deadline: '2024-10-31',
        progress: 20,
        status: 'cancelled',
        statusText: 'Dừng thực hiện',
      }),
      task('Thành lập Hợp tác xã nông nghiệp dịch vụ Yên Sơn', 'Phùng Văn Đảng', {
        assigned: '2024-06-01',
        deadline: p('Quý IV/2024'),
        progress: 0,
        status: 'not_started',
      }),
      task('Xử lý rác thải sinh hoạt tại các thôn', 'Nguyễn Văn An', {
        assigned: '2024-02-01',
        deadline: '2024-09-15',
        progress: 50,
        status: 'in_progress',
      }),
      task('Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình', 'Nguyễn Văn An', {
        assigned: '2024-05-10',
        deadline: '2024-04-30',
        progress: 30,
        status: 'in_progress',
        expect: ['deadline-before-assigned'],
      }),
    ];
    await add(
      {
        file: 'registers/yen-son.xlsx',
        unit: '07651',
        resolvedBy: 'filename',
        status: 'counted',
        shape:
          'exceljs; 1904 date system; no unit in the title block (place-date line "Yên Sơn, ngày …" names nothing); 1 2 3 row; target/achieved; period deadlines',
      },
      {
        date1904: true,
        columns: [
          { key: 'no', header: 'TT' },
          { key: 'title', header: 'Tên việc' },
          { key: 'owner', header: 'Người phụ trách' },
          { key: 'assigned', header: 'Thời gian bắt đầu' },
          { key: 'deadline', header: 'Thời hạn' },
          { key: 'target', header: 'Chỉ tiêu' },
          { key: 'measure', header: 'ĐVT' },
          { key: 'achieved', header: 'Kết quả đạt được' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình hình thực hiện' },
          { key: 'completed', header: 'Ngày hoàn thành' },
        ],
        title: partyTitle({
          width: w,
          left: [],
          right: ['ĐẢNG CỘNG SẢN VIỆT NAM', placeDateLine('Yên Sơn', '2024-09-30')],
          title: TITLE_2024,
          sub: '(Kèm theo Kế hoạch số 45-KH/ĐU ngày 15/01/2024 của Đảng ủy xã)',
          rightAt: 6,
        }),
        numberRow: 'n',
        body,
        footer: footer({ width: w, tm: 'T/M ĐẢNG ỦY', post: 'PHÓ BÍ THƯ THƯỜNG TRỰC', signer: 'Phùng Văn Đảng', rightAt: 8 }),
      },
      { writer: 'exceljs', xlsx: { date1904: true } },
    );
  }

  // ── R3 · Xã Tân Dĩnh, found by a leading code in the file name: CSV, UTF-8 with BOM, CRLF, title lines
  //    not padded, an empty line, a header with a line break (the header record spans two lines), (1) row,
  //    a quoted title with a line break, text dates in every form, period deadlines, "45%", "45,5",
  //    statuses without diacritics, empty statuses, honorifics. Signature name under the title column.
  {
    const body = [
      task('Vận động Nhân dân hiến đất\nmở rộng đường giao thông nông thôn', 'Ông Thân Văn Phúc (Bí thư)', {
        owners: ['Thân Văn Phúc'],
        category: 'Việc khó',
        assigned: { iso: '2024-03-05', text: '05/03/2024' },
        deadline: { iso: '2024-12-15', text: 'ngày 15 tháng 12 năm 2024' },
        progress: { value: 45, text: '45%' },
        status: 'in_progress',
        statusText: 'Dang thuc hien',
      }),
      // completion on a period deadline's last day: doneOnTime
      task('Kết nạp 12 đảng viên mới', 'Bà Nguyễn Thị Quyên', {
        owners: ['Nguyễn Thị Quyên'],
        category: 'Nhiệm vụ trọng tâm',
        assigned: { iso: '2024-03-05', text: '5-3-2024' },
        deadline: p('Quý III/2024'),
        progress: 100,
        status: 'done',
        statusText: 'Hoan thanh',
        completed: { iso: '2024-09-30', text: '30/09/2024' },
      }),
      task('Giải phóng mặt bằng khu dân cư mới Tân Dĩnh', 'Dương Văn Sơn', {
        category: 'Việc khó',
        assigned: { iso: '2024-03-05', text: '2024-03-05' },
        deadline: p('Năm 2024'),
        progress: { value: 45.5, text: '45,5' },
        status: 'in_progress',
      }),
      task('Xây dựng Đề án phát triển du lịch sinh thái', '', {
        category: 'Việc đột phá',
        assigned: '2024-03-05',
        deadline: p('Giai đoạn 2021-2025'),
        progress: 20,
        status: 'in_progress',
        statusText: 'Đang triển khai',
        expect: ['owner-missing'],
      }),
      task('Cải tạo, nâng cấp trạm y tế xã', 'Thân Văn Phúc, Nguyễn Thị Quyên', {
        owners: ['Thân Văn Phúc', 'Nguyễn Thị Quyên'],
        assigned: { iso: '2024-03-15', text: '15.03.2024' },
        deadline: p('6 tháng đầu năm 2024'),
        progress: 100,
        status: 'done',
        completed: '2024-06-28',
        expect: ['owner-multiple'],
      }),
      task('Chuyển đổi cơ cấu cây trồng vùng đồi', 'Thân Văn Phúc', {
        assigned: '2024-03-05',
        deadline: '2024-12-31',
        progress: { invalid: 'khoảng 50' },
        status: 'in_progress',
        expect: ['invalid-progress'],
      }),
      task('Nâng cấp hệ thống loa truyền thanh', 'Nguyễn Thị Quyên', {
        assigned: '2024-04-01',
        deadline: '2024-09-30',
        progress: 100,
        status: 'done',
        completed: '2024-10-15',
        expect: ['completion-in-future'],
      }),
      task('Kiểm tra tài chính đảng tại các chi bộ', 'Đ/c Nguyễn Thị Quyên', {
        owners: ['Nguyễn Thị Quyên'],
        assigned: '2024-07-01',
        deadline: '2024-11-30',
      }),
      task('Tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân', 'Dương Văn Sơn', {
        assigned: '2024-08-01',
        deadline: '2024-08-31',
        progress: 100,
        completed: '2024-08-20',
      }),
    ];
    const w = 10;
    await add(
      {
        file: 'registers/lang-giang/07672_thang9.csv',
        unit: '07672',
        resolvedBy: 'filename',
        status: 'counted',
        shape:
          'CSV UTF-8 BOM, comma, CRLF; title lines not padded; an empty line; header record over two lines; (1) row; embedded line break; text dates; period deadlines; 45% and "45,5"; statuses without diacritics; empty statuses',
      },
      {
        allText: true,
        columns: [
          { key: 'no', header: 'STT' },
          { key: 'title', header: 'Nội dung nhiệm vụ' },
          { key: 'category', header: 'Nhóm việc' },
          { key: 'owner', header: 'Cán bộ\nphụ trách' },
          { key: 'assigned', header: 'Ngày đăng ký' },
          { key: 'deadline', header: 'Hạn hoàn thành' },
          { key: 'progress', header: 'Tiến độ' },
          { key: 'status', header: 'Trạng thái' },
          { key: 'completed', header: 'Ngày hoàn thành' },
          { key: 'note', header: 'Ghi chú' },
        ],
        dateStyle: 'text:dd/mm/yyyy',
        decimalComma: true,
        title: [[{ c: 0, text: 'ĐẢNG CỘNG SẢN VIỆT NAM' }], [{ c: 0, text: TITLE_2024 }], []],
        numberRow: '(n)',
        body,
        footer: [
          { cells: ['Tổng cộng: 9 việc'] },
          { cells: [] },
          { cells: [null, 'Người lập biểu', null, null, null, null, null, 'T/M ĐẢNG ỦY'] },
          { cells: [null, null, null, null, null, null, null, 'BÍ THƯ'] },
          { cells: [null, 'Nguyễn Thị Quyên', null, null, null, null, null, 'Thân Văn Phúc'] },
        ].map((f) => ({ cells: [...f.cells, ...Array(w - f.cells.length).fill(null)] })),
      },
      { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8bom', padTitle: false } },
    );
  }

  // ── R4 · Xã Mỹ Thái, found by a trailing code in the file name: CSV without BOM, semicolons, LF,
  //    decimal commas and thousands dots (705 of 1.686 households), a title line with a comma.
  //    invalid-number, invalid-status, deadline-missing, invalid-date. The signature sits in the owner column.
  {
    const w = 13;
    const body = [
      task('Xử lý dứt điểm các trường hợp vi phạm quy định về quản lý đất đai theo Chỉ thị số 19-CT/TU', 'Nguyễn Thị Hằng', {
        category: 'Việc khó',
        assigned: '2024-01-15',
        deadline: '2024-06-30',
        target: 141,
        measure: 'trường hợp',
        achieved: 141,
        progress: 100,
        status: 'done',
        completed: '2024-06-28',
      }),
      task('Vận động Nhân dân đấu nối, sử dụng nước sạch tập trung', 'Đặng Văn Khoa - Chủ tịch UBND xã', {
        owners: ['Đặng Văn Khoa'],
        category: 'Nhiệm vụ trọng tâm',
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        target: 1686,
        measure: 'hộ',
        achieved: 705,
        status: 'in_progress',
      }),
      task('Lập biên bản ngăn chặn các trường hợp thay đổi hiện trạng đất nông nghiệp', 'Trịnh Văn Lâm', {
        category: 'Việc khó',
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        target: { invalid: 'khoảng 20' },
        measure: 'trường hợp',
        progress: 65,
        status: 'in_progress',
        expect: ['invalid-number'],
      }),
      task('Chống ngập úng cục bộ khu dân cư thôn Hậu', 'Nguyễn Thị Hằng', {
        category: 'Vấn đề bức xúc, nổi cộm',
        assigned: '2024-02-01',
        deadline: '2024-10-31',
        progress: 30,
        status: { invalid: 'Đang xúc tiến' },
        expect: ['invalid-status'],
      }),
      task('Xây dựng trường mầm non đạt chuẩn quốc gia mức độ 1', 'Đặng Văn Khoa', {
        assigned: '2024-02-01',
        deadline: null,
        progress: 12.5,
        status: 'in_progress',
        expect: ['deadline-missing'],
      }),
      task('Hoàn thiện hồ sơ xã đạt chuẩn nông thôn mới kiểu mẫu', 'Trịnh Văn Lâm', {
        assigned: '2024-01-01',
        deadline: { invalid: '31/02/2024' },
        progress: 80,
        status: 'in_progress',
        expect: ['invalid-date'],
      }),
      task('Chỉnh trang nghĩa trang nhân dân', 'Nguyễn Thị Hằng', {
        assigned: '2024-01-15',
        deadline: '2024-06-30',
        progress: 40,
        status: 'paused',
      }),
      task('Tuyên truyền thực hiện Chỉ thị số 19-CT/TU tại các thôn', 'Đặng Văn Khoa', {
        assigned: '2024-01-15',
        deadline: '2024-07-31',
        progress: 100,
        status: 'done',
        completed: '2024-07-10',
      }),
    ];
    const at = (cells) => {
      const a = Array(w).fill(null);
      for (const [i, v] of cells) a[i] = v;
      return { cells: a };
    };
    await add(
      {
        file: 'registers/lang-giang/bao-cao-07660.csv',
        unit: '07660',
        resolvedBy: 'filename',
        status: 'counted',
        shape:
          'CSV UTF-8 no BOM, semicolons, LF; decimal commas and thousands dots; title line with a comma; 1 2 3 row; progress from target/achieved; signature name in the owner column',
      },
      {
        allText: true,
        decimalComma: true,
        columns: [
          { key: 'no', header: 'STT' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'category', header: 'Loại việc' },
          { key: 'owner', header: 'Người chịu trách nhiệm' },
          { key: 'assigned', header: 'Ngày giao' },
          { key: 'deadline', header: 'Thời hạn hoàn thành' },
          { key: 'target', header: 'Chỉ tiêu' },
          { key: 'measure', header: 'ĐVT' },
          { key: 'achieved', header: 'Kết quả đạt được' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
          { key: 'note', header: 'Ghi chú' },
        ],
        dateStyle: 'text:dd/mm/yyyy',
        title: [[{ c: 0, text: TITLE_2024 }], [{ c: 0, text: 'Kỳ báo cáo: Tháng 9/2024' }]],
        numberRow: 'n',
        body,
        footer: [
          at([
            [0, 'Tổng cộng'],
            [6, '1.827'],
            [8, '846'],
          ]),
          at([]),
          at([[3, 'T/M ĐẢNG ỦY']]),
          at([[3, 'BÍ THƯ']]),
          at([[3, 'Nguyễn Thị Hằng']]),
        ],
      },
      { writer: 'csv', csv: { delimiter: ';', eol: '\n', encoding: 'utf8', padTitle: true } },
    );
  }

  // ── R5 · Xã Tân Sơn (Lục Nam): two communes share the name; the parent line chooses. openpyxl,
  //    headers in NFD, serial dates in [$-42A]dd/mm/yyyy, empty statuses, an owner typed in NFD.
  //    completion-before-assigned, status-progress-mismatch.
  {
    const w = 10;
    const body = [
      task('Bồi thường, giải phóng mặt bằng dự án khu công nghiệp Nam Lục Nam', 'Trần Quang Huy', {
        category: 'Việc khó',
        assigned: '2024-01-10',
        deadline: '2024-12-31',
        progress: 55,
        status: 'in_progress',
      }),
      task('Kết nạp đảng viên mới (chỉ tiêu 8 đảng viên)', 'Hà Văn Tuấn'.normalize('NFD'), {
        owners: ['Hà Văn Tuấn'],
        assigned: '2024-01-10',
        deadline: '2024-09-30',
        progress: 100,
        completed: '2024-09-12',
      }),
      task('Bê tông hóa đường nội đồng', 'Hà Văn Tuấn', { assigned: '2024-01-10', deadline: '2024-11-30', progress: 30 }),
      task('Xây dựng nhà văn hóa thôn Đồng Mới', 'Trần Quang Huy', { assigned: '2024-07-01', deadline: '2025-06-30' }),
      task('Giải quyết tồn đọng hồ sơ cấp giấy chứng nhận quyền sử dụng đất', 'Hà Văn Tuấn', {
        assigned: '2024-02-01',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-01-10',
        expect: ['completion-before-assigned'],
      }),
      task('Hoàn thành chỉ tiêu thu ngân sách xã năm 2024', 'Trần Quang Huy', {
        assigned: '2024-01-10',
        deadline: '2024-12-31',
        progress: 80,
        status: 'done',
        completed: '2024-09-20',
        expect: ['status-progress-mismatch'],
      }),
      task('Trồng rừng sản xuất gỗ lớn', 'Hà Văn Tuấn', {
        assigned: '2024-01-10',
        deadline: '2024-05-31',
        progress: 100,
        status: 'done',
        statusText: 'Hoàn thành',
        completed: '2024-05-20',
      }),
    ];
    const nfd = (s) => s.normalize('NFD');
    await add(
      {
        file: 'registers/tan-son-ln.xlsx',
        unit: '07654',
        resolvedBy: 'title',
        status: 'counted',
        shape:
          'openpyxl; title block with the parent line (two Xã Tân Sơn); NFD headers; serial dates in [$-42A]dd/mm/yyyy; empty statuses; an NFD owner',
      },
      {
        columns: [
          { key: 'no', header: nfd('STT') },
          { key: 'title', header: nfd('Nội dung') },
          { key: 'category', header: nfd('Loại') },
          { key: 'owner', header: nfd('Người được giao') },
          { key: 'assigned', header: nfd('Ngày bắt đầu') },
          { key: 'deadline', header: nfd('Thời gian hoàn thành') },
          { key: 'progress', header: nfd('% hoàn thành') },
          { key: 'status', header: nfd('Tình trạng') },
          { key: 'completed', header: nfd('Ngày hoàn thành') },
          { key: 'note', header: nfd('Ghi chú') },
        ],
        dateStyle: 'serial:[$-42A]dd/mm/yyyy',
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ TÂN SƠN'],
          place: placeDateLine('Tân Sơn', '2024-10-02'),
          title: TITLE_2024,
          rightAt: 5,
        }),
        body,
        footer: footer({ width: w, tm: 'T/M ĐẢNG ỦY', post: 'BÍ THƯ', signer: 'Trần Quang Huy', rightAt: 7 }),
      },
      { writer: 'openpyxl', xlsx: {} },
    );
  }

  // ── R6 · Xã Tân Sơn (Lạng Giang): LibreOffice-written (exceljs → soffice), percent cells 0%, date
  //    cells, (1) row, mixed-case sections. owner-unknown: "Trần Thị Hạ" is not "Trần Thị Hà".
  {
    const w = 8;
    const body = [
      { section: 'I. Xây dựng Đảng' },
      task('Nâng cao chất lượng đội ngũ bí thư chi bộ thôn', 'Giáp Văn Phong', {
        assigned: '2024-01-20',
        deadline: '2024-12-31',
        progress: 40,
        status: 'in_progress',
      }),
      task('Củng cố chi bộ thôn Tân Lập', 'Trần Thị Hạ', {
        assigned: '2024-01-20',
        deadline: '2024-10-31',
        progress: 60,
        status: 'in_progress',
        expect: ['owner-unknown'],
      }),
      { section: 'II. Kinh tế' },
      task('Phát triển vùng trồng cây ăn quả tập trung', 'Trần Thị Hà', {
        assigned: '2024-01-20',
        deadline: '2024-08-31',
        progress: 100,
        status: 'done',
        completed: '2024-08-31',
      }),
      task('Đầu tư xây dựng chợ nông thôn', 'Giáp Văn Phong', {
        assigned: '2024-02-01',
        deadline: '2024-06-30',
        progress: 75,
        status: 'in_progress',
      }),
      task('Xử lý ô nhiễm môi trường làng nghề', 'Trần Thị Hà', {
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        status: 'cancelled',
        statusText: 'Không thực hiện',
      }),
      task('Đấu giá quyền sử dụng đất khu dân cư số 3', 'Trần Thị Hà', {
        assigned: '2024-03-01',
        deadline: '2024-09-15',
        progress: 100,
        status: 'done',
        completed: '2024-09-25',
      }),
    ];
    await add(
      {
        file: 'registers/lang-giang/tan-son-lg.xlsx',
        unit: '07666',
        resolvedBy: 'title',
        status: 'counted',
        shape: 'LibreOffice (exceljs → soffice); title block with the parent line; percent cells 0%; date cells; (1) row; sections',
      },
      {
        columns: [
          { key: 'no', header: 'Số TT' },
          { key: 'title', header: 'Việc đăng ký' },
          { key: 'owner', header: 'Người thực hiện' },
          { key: 'assigned', header: 'Ngày giao' },
          { key: 'deadline', header: 'Thời hạn hoàn thành' },
          { key: 'progress', header: 'Tỷ lệ hoàn thành', style: 'percent:0%' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
        ],
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ HUYỆN LẠNG GIANG', 'ĐẢNG ỦY XÃ TÂN SƠN'],
          place: placeDateLine('Tân Sơn', '2024-10-01'),
          title: 'DANH MỤC NHIỆM VỤ TRỌNG TÂM, VIỆC KHÓ NĂM 2024',
          leftSpan: 3,
          rightAt: 4,
        }),
        numberRow: '(n)',
        body,
        footer: footer({ width: w, tm: 'T/M ĐẢNG ỦY', post: 'BÍ THƯ', signer: 'Giáp Văn Phong', rightAt: 5 }),
      },
      { writer: 'soffice-xlsx', xlsx: {} },
    );
  }

  // ── R7 · Phường Trần Phú, by a Mã đơn vị column (which wins over a title line naming the city):
  //    LibreOffice from a CSV with every column as text. invalid-date on the assigned date (class unchanged).
  {
    const body = [
      task('Chỉnh trang đô thị tuyến phố Nguyễn Văn Cừ', 'Nguyễn Thị Yến', {
        assigned: { invalid: '15/13/2024' },
        deadline: '2024-12-31',
        progress: 40,
        status: 'in_progress',
        expect: ['invalid-date'],
      }),
      task('Xử lý lấn chiếm vỉa hè, lòng đường', 'Phạm Văn Bảo', {
        assigned: '2024-01-10',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-25',
      }),
      task('Cải tạo hệ thống thoát nước khu dân cư số 2', 'Phạm Văn Bảo', {
        assigned: '2024-03-01',
        deadline: '2024-10-31',
        progress: 70,
        status: 'in_progress',
      }),
      task('Xây dựng tổ dân phố văn minh đô thị', 'Nguyễn Thị Yến', {
        assigned: '2024-03-01',
        deadline: '2024-12-31',
        progress: 0,
        status: 'not_started',
      }),
      task('Giải quyết kiến nghị của cử tri về tiếng ồn tại khu dân cư', 'Nguyễn Thị Yến', {
        assigned: '2024-03-01',
        deadline: '2024-08-31',
        progress: 100,
        status: 'done',
        completed: '2024-09-05',
      }),
    ];
    await add(
      {
        file: 'registers/tran-phu.xlsx',
        unit: '07684',
        resolvedBy: 'column',
        status: 'counted',
        shape: 'LibreOffice (CSV → soffice, all text cells); Mã đơn vị column; title line naming the city (the column wins)',
      },
      {
        allText: true,
        unitCodeText: '07684',
        columns: [
          { key: 'unitCode', header: 'Mã đơn vị' },
          { key: 'no', header: 'STT' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'owner', header: 'Người chịu trách nhiệm' },
          { key: 'assigned', header: 'Ngày giao' },
          { key: 'deadline', header: 'Thời hạn hoàn thành' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
        ],
        dateStyle: 'text:dd/mm/yyyy',
        title: [[{ c: 0, text: 'ĐẢNG BỘ THÀNH PHỐ BẮC GIANG' }], [{ c: 0, text: 'DANH MỤC VIỆC KHÓ NĂM 2024' }]],
        body,
      },
      { writer: 'soffice-csv' },
    );
  }

  // ── R8 · Thành phố Bắc Giang: "BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG" names the city, not the province.
  //    openpyxl, Mã việc column, categories. duplicate-task (TU-05 twice; the later row is left out).
  {
    const w = 10;
    const body = [
      task('Đẩy nhanh tiến độ giải phóng mặt bằng dự án khu đô thị phía Nam', 'Lê Anh Dương', {
        id: 'TU-01',
        category: 'Việc khó',
        position: 'Bí thư Thành ủy',
        assigned: '2024-01-05',
        deadline: '2024-12-31',
        progress: 65,
        status: 'in_progress',
      }),
      task('Sắp xếp đơn vị hành chính cấp xã giai đoạn 2023-2025', 'Hà Thị Giang', {
        id: 'TU-02',
        category: 'Nhiệm vụ trọng tâm',
        position: 'Phó Bí thư Thường trực Thành ủy',
        assigned: '2024-01-05',
        deadline: '2024-10-31',
        progress: 80,
        status: 'in_progress',
      }),
      task('Nâng cao chỉ số cải cách hành chính (PAR Index) của thành phố', 'Nguyễn Trọng Hiếu', {
        id: 'TU-03',
        category: 'Việc đột phá',
        position: 'Trưởng Ban Tổ chức Thành ủy',
        assigned: '2024-01-05',
        deadline: '2024-09-30',
        progress: 100,
        status: 'done',
        completed: '2024-07-15',
      }),
      task('Xử lý rác thải, vệ sinh môi trường đô thị', 'Hà Thị Giang', {
        id: 'TU-04',
        category: 'Vấn đề bức xúc, nổi cộm',
        position: 'Phó Bí thư Thường trực Thành ủy',
        assigned: '2024-01-05',
        deadline: '2024-09-20',
        progress: 50,
        status: 'in_progress',
      }),
      task('Xây dựng Đề án phát triển đô thị thông minh', 'Nguyễn Trọng Hiếu', {
        id: 'TU-05',
        category: 'Việc đột phá',
        position: 'Trưởng Ban Tổ chức Thành ủy',
        assigned: '2024-02-01',
        deadline: '2025-12-31',
        progress: 30,
        status: 'in_progress',
      }),
      task('Kiểm tra, giám sát tổ chức đảng có dấu hiệu vi phạm', 'Lê Anh Dương', {
        id: 'TU-06',
        category: 'Nhiệm vụ trọng tâm',
        position: 'Bí thư Thành ủy',
        assigned: '2024-01-05',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-04-20',
      }),
      task('Xây dựng Đề án phát triển đô thị thông minh (bổ sung nội dung)', 'Nguyễn Trọng Hiếu', {
        id: 'TU-05',
        category: 'Việc đột phá',
        position: 'Trưởng Ban Tổ chức Thành ủy',
        assigned: '2024-03-01',
        deadline: '2025-12-31',
        progress: 10,
        status: 'in_progress',
        expect: ['duplicate-task'],
      }),
      task('Cải tạo, nâng cấp công viên Hoàng Hoa Thám', 'Lê Anh Dương', {
        id: 'TU-07',
        category: 'Nhiệm vụ trọng tâm',
        position: 'Bí thư Thành ủy',
        assigned: '2024-03-01',
        deadline: '2024-12-31',
        progress: 20,
        status: 'paused',
        statusText: 'Tạm hoãn',
      }),
    ];
    await add(
      {
        file: 'registers/tp-bac-giang.xlsx',
        unit: '219',
        resolvedBy: 'title',
        status: 'counted',
        shape: 'openpyxl; BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG under ĐẢNG BỘ TỈNH BẮC GIANG; Mã việc column; 1 2 3 row; date cells',
      },
      {
        columns: [
          { key: 'id', header: 'Mã việc' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'category', header: 'Loại việc' },
          { key: 'owner', header: 'Cán bộ được giao' },
          { key: 'position', header: 'Chức vụ' },
          { key: 'assigned', header: 'Thời gian bắt đầu' },
          { key: 'deadline', header: 'Hạn hoàn thành' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
        ],
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'BAN THƯỜNG VỤ THÀNH ỦY BẮC GIANG'],
          place: placeDateLine('Bắc Giang', '2024-10-04'),
          title: TITLE_2024,
          rightAt: 5,
        }),
        numberRow: 'n',
        body,
        footer: footer({
          width: w,
          tm: 'T/M BAN THƯỜNG VỤ',
          post: 'BÍ THƯ',
          signer: 'Lê Anh Dương',
          rightAt: 7,
          maker: 'Nguyễn Trọng Hiếu',
        }),
      },
      { writer: 'openpyxl', xlsx: {} },
    );
  }

  // ── R9 · Thị trấn Vôi, by "Đơn vị: Thị trấn Vôi": Excel's "Unicode Text" (UTF-16LE with BOM, tabs, CRLF),
  //    dd.mm.yyyy and T10/2024, 09/2024 deadlines, status aliases. status-progress-mismatch.
  {
    const body = [
      task('Hoàn thiện hạ tầng khu dân cư Vôi mở rộng', 'Hoàng Văn Nam', {
        assigned: { iso: '2024-01-10', text: '10.01.2024' },
        deadline: p('T10/2024'),
        progress: 75,
        status: 'in_progress',
      }),
      task('Vận động Nhân dân hiến đất làm đường tổ dân phố 5', 'Lê Thị Oanh', {
        assigned: { iso: '2024-01-10', text: '10.01.2024' },
        deadline: p('09/2024'),
        progress: 100,
        status: 'done',
        completed: '2024-09-27',
      }),
      task('Chỉnh trang chợ Vôi', 'Lê Thị Oanh', {
        assigned: { iso: '2024-02-01', text: '01.02.2024' },
        deadline: '2024-12-31',
        progress: 20,
        status: 'not_started',
        expect: ['status-progress-mismatch'],
      }),
      task('Xây dựng thị trấn đạt chuẩn văn minh đô thị', 'Hoàng Văn Nam', {
        assigned: { iso: '2024-02-01', text: '01.02.2024' },
        deadline: '2025-06-30',
        progress: 35,
        status: 'in_progress',
        statusText: 'Đang làm',
      }),
      task('Giải quyết dứt điểm tranh chấp đất đai tại tổ dân phố 3', 'Hoàng Văn Nam', {
        assigned: { iso: '2024-01-10', text: '10.01.2024' },
        deadline: '2024-03-31',
        progress: 100,
        status: 'done',
        statusText: 'Xong',
        completed: '2024-04-15',
      }),
    ];
    await add(
      {
        file: 'registers/dk-2024-tt.csv',
        unit: '07669',
        resolvedBy: 'title',
        status: 'counted',
        shape: 'UTF-16LE with BOM, tab-delimited, CRLF (Excel "Unicode Text"); "Đơn vị: Thị trấn Vôi"; dd.mm.yyyy; T10/2024 and 09/2024',
      },
      {
        allText: true,
        columns: PLAIN_COLUMNS,
        dateStyle: 'text:dd/mm/yyyy',
        title: [[{ c: 0, text: 'Đơn vị: Thị trấn Vôi' }], [{ c: 0, text: TITLE_2024 }]],
        body,
      },
      { writer: 'csv', csv: { delimiter: '\t', eol: '\r\n', encoding: 'utf16le', padTitle: true } },
    );
  }

  // ── R10 · Ban Tổ chức Tỉnh ủy (an agency, code 24-BTC) by its Mã đơn vị column: exceljs, Lĩnh vực,
  //    Đơn vị chủ trì / phối hợp. owner-unknown: a district cadre is not on this agency's roster.
  {
    const body = [
      task('Tham mưu sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả', 'Hoàng Thị Thu Hà', {
        category: 'Việc đột phá',
        field: 'Tổ chức bộ máy',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        supportUnits: 'Sở Nội vụ',
        assigned: '2024-01-10',
        deadline: '2024-12-31',
        progress: 60,
        status: 'in_progress',
      }),
      // completed on the deadline, which is the as-of day
      task('Hướng dẫn đại hội đảng bộ các cấp nhiệm kỳ 2025-2030', 'Ngô Đức Thịnh', {
        category: 'Nhiệm vụ trọng tâm',
        field: 'Xây dựng Đảng',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        assigned: '2024-02-01',
        deadline: '2024-09-30',
        progress: 100,
        status: 'done',
        completed: '2024-09-30',
      }),
      task('Rà soát tiêu chuẩn chính trị cán bộ diện Ban Thường vụ Tỉnh ủy quản lý', 'Vũ Thị Lan Anh', {
        category: 'Nhiệm vụ trọng tâm',
        field: 'Công tác cán bộ',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        supportUnits: 'Ủy ban Kiểm tra Tỉnh ủy',
        assigned: '2024-03-01',
        deadline: '2024-08-31',
        progress: 85,
        status: 'in_progress',
      }),
      task('Chuyển đổi số công tác quản lý đảng viên', 'Lương Thị Thảo', {
        category: 'Việc đột phá',
        field: 'Xây dựng Đảng',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        assigned: '2024-01-10',
        deadline: '2024-12-31',
        progress: 40,
        status: 'in_progress',
        expect: ['owner-unknown'],
      }),
      task('Giải quyết chế độ, chính sách cho cán bộ dôi dư sau sắp xếp', 'Ngô Đức Thịnh', {
        category: 'Vấn đề bức xúc, nổi cộm',
        field: 'Công tác cán bộ',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        supportUnits: 'Sở Nội vụ, Sở Tài chính',
        assigned: '2024-04-01',
        deadline: '2024-12-31',
        progress: 10,
        status: 'paused',
      }),
      task('Tổng kết 10 năm thực hiện Quy định về luân chuyển cán bộ', 'Vũ Thị Lan Anh', {
        category: 'Nhiệm vụ trọng tâm',
        field: 'Công tác cán bộ',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        assigned: '2024-01-10',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-28',
      }),
      task('Tổ chức hội thảo khoa học về công tác cán bộ', 'Hoàng Thị Thu Hà', {
        category: 'Nhiệm vụ trọng tâm',
        field: 'Công tác cán bộ',
        leadUnit: 'Ban Tổ chức Tỉnh ủy',
        assigned: '2024-01-10',
        deadline: '2024-11-30',
        status: 'cancelled',
      }),
    ];
    const w = 14;
    await add(
      {
        file: 'registers/ban-to-chuc.xlsx',
        unit: '24-BTC',
        resolvedBy: 'column',
        status: 'counted',
        shape:
          'exceljs; agency; Mã đơn vị column; Lĩnh vực, Đơn vị chủ trì, Đơn vị phối hợp; title block naming the province (the column wins)',
      },
      {
        unitCodeText: '24-BTC',
        columns: [
          { key: 'no', header: 'STT' },
          { key: 'unitCode', header: 'Mã đơn vị' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'category', header: 'Loại việc' },
          { key: 'field', header: 'Lĩnh vực' },
          { key: 'owner', header: 'Người chịu trách nhiệm' },
          { key: 'leadUnit', header: 'Đơn vị chủ trì' },
          { key: 'supportUnits', header: 'Đơn vị phối hợp' },
          { key: 'assigned', header: 'Ngày giao' },
          { key: 'deadline', header: 'Thời hạn hoàn thành' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
          { key: 'note', header: 'Ghi chú' },
        ],
        title: partyTitle({
          width: w,
          left: ['TỈNH ỦY BẮC GIANG', 'BAN TỔ CHỨC'],
          place: placeDateLine('Bắc Giang', '2024-10-03'),
          title: TITLE_2024,
          rightAt: 9,
          leftSpan: 3,
        }),
        numberRow: '(n)',
        body,
        footer: footer({ width: w, tm: 'TRƯỞNG BAN', signer: 'Hoàng Thị Thu Hà', rightAt: 10 }),
      },
      { writer: 'exceljs', xlsx: {} },
    );
  }

  // ── R11 · Xã Hương Lâm: the deadline column is missing → header-missing at the header row; no tasks read.
  {
    const w = 6;
    const body = [
      task('Xây dựng nhà văn hóa thôn Trung Hưng', 'Ngô Văn Tài', { progress: 60, status: 'in_progress' }),
      task('Kết nạp đảng viên mới', 'Ngô Văn Tài', { progress: 100, status: 'done' }),
      task('Vận động hiến đất làm đường liên xã', 'Ngô Văn Tài', { progress: 20, status: 'in_progress' }),
    ];
    await add(
      {
        file: 'registers/huong-lam.xlsx',
        unit: '07675',
        resolvedBy: 'title',
        status: 'header-missing',
        shape: 'exceljs; no Thời hạn hoàn thành column',
        fileDiagnostics: [{ rule: 'header-missing', row: 'header' }],
      },
      {
        columns: [
          { key: 'no', header: 'STT' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'owner', header: 'Người chịu trách nhiệm' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'note', header: 'Ghi chú' },
        ],
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ HUYỆN HIỆP HÒA', 'ĐẢNG ỦY XÃ HƯƠNG LÂM'],
          place: placeDateLine('Hương Lâm', '2024-10-01'),
          title: TITLE_2024,
          leftSpan: 2,
          rightAt: 3,
        }),
        body,
      },
      { writer: 'exceljs', xlsx: {} },
    );
  }

  // ── R12 · Xã Đoan Bái: typed in TCVN3 (.VnTime) under a Unicode title block. The reader converts;
  //    owners match the roster only after conversion. No diagnostic is expected.
  {
    const w = 9;
    const vn = { name: '.VnTime' };
    const h = (text) => ({ t: 's', v: toTcvn3(text), font: { bold: true, name: '.VnTime' }, align: 'center', wrap: true });
    const tv = (t) => ({
      ...t,
      title: toTcvn3(t.title),
      owner: toTcvn3(t.owner),
      statusText: toTcvn3(t.statusText ?? { in_progress: 'Đang thực hiện', done: 'Đã hoàn thành' }[t.status]),
      note: t.note ? toTcvn3(t.note) : undefined,
      owners: [t.owner],
      unicodeTitle: t.title,
      fonts: { title: vn, owner: vn, status: vn, note: vn },
    });
    const body = [
      tv(
        task('Xây dựng đường giao thông liên thôn', 'Đặng Thị Uyên', {
          assigned: '2024-01-15',
          deadline: '2024-10-31',
          progress: 60,
          status: 'in_progress',
          note: 'Đã hoàn thành nền đường',
        }),
      ),
      tv(
        task('Kết nạp đảng viên mới là đoàn viên thanh niên', 'Nguyễn Văn Vinh', {
          assigned: '2024-01-15',
          deadline: '2024-06-30',
          progress: 100,
          status: 'done',
          completed: '2024-06-20',
        }),
      ),
      tv(
        task('Vận động nhân dân chuyển đổi cây trồng', 'Nguyễn Văn Vinh', {
          assigned: '2024-02-01',
          deadline: '2024-09-15',
          progress: 70,
          status: 'in_progress',
        }),
      ),
      tv(
        task('Hoàn thành sáp nhập thôn Đồng Tâm', 'Đặng Thị Uyên', {
          assigned: '2024-01-15',
          deadline: '2024-07-31',
          progress: 100,
          status: 'done',
          completed: '2024-07-30',
        }),
      ),
    ];
    const def = {
      columns: [...PLAIN_COLUMNS, { key: 'note', header: 'Ghi chú' }].map((c) => ({ ...c, headerCell: h(c.header) })),
      title: partyTitle({
        width: w,
        left: ['ĐẢNG BỘ HUYỆN HIỆP HÒA', 'ĐẢNG ỦY XÃ ĐOAN BÁI'],
        place: placeDateLine('Đoan Bái', '2024-10-03'),
        title: TITLE_2024,
        leftSpan: 3,
        rightAt: 5,
      }),
      body,
    };
    await add(
      {
        file: 'registers/doan-bai.xlsx',
        unit: '07678',
        resolvedBy: 'title',
        status: 'counted',
        shape: 'exceljs; header and task text typed in TCVN3 (.VnTime font), title block in Unicode',
      },
      def,
      { writer: 'exceljs', xlsx: {} },
    );
  }

  // ── R13 · Xã Song Mai: a workbook cut in half → file-unreadable (the file name still gives the unit).
  const songMai = {
    columns: [
      { key: 'no', header: 'STT' },
      { key: 'title', header: 'Nội dung công việc' },
      { key: 'owner', header: 'Người chịu trách nhiệm' },
      { key: 'deadline', header: 'Thời hạn hoàn thành' },
      { key: 'status', header: 'Tình trạng' },
    ],
    title: [[{ c: 0, text: 'ĐẢNG ỦY XÃ SONG MAI' }]],
    body: [task('Xây dựng trường tiểu học Song Mai đạt chuẩn', 'Tạ Văn Đông', { deadline: '2024-12-31', status: 'in_progress' })],
  };
  {
    const rel = 'province/registers/07690_thang9.xlsx';
    await ctx.register(rel, songMai, { writer: 'exceljs', xlsx: {} });
    ctx.after(async () => {
      const full = readFileSync(ctx.abs(rel));
      writeFileSync(ctx.abs(rel), full.subarray(0, Math.floor(full.length / 2)));
    });
    registers.push({
      file: 'registers/07690_thang9.xlsx',
      unit: '07690',
      resolvedBy: 'filename',
      status: 'file-unreadable',
      writer: 'exceljs, then cut in half',
      shape: 'a workbook cut in half',
      headerRow: null,
      tasks: [],
      fileDiagnostics: [{ rule: 'file-unreadable', row: null }],
    });
  }

  // ── R14, R15 · Xã Lan Mẫu twice (a title block and a file name): unit-duplicate on both, neither counted.
  {
    const w = 8;
    const tasksA = [
      task('Xây dựng cánh đồng mẫu lớn', 'Vi Văn Thắng', {
        assigned: '2024-01-15',
        deadline: '2024-12-31',
        progress: 50,
        status: 'in_progress',
      }),
      task('Kết nạp đảng viên mới', 'Vi Văn Thắng', {
        assigned: '2024-01-15',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-15',
      }),
      task('Giải quyết đơn thư tồn đọng về đất đai', 'Lê Văn Cường', {
        assigned: '2024-07-05',
        deadline: '2024-11-30',
        progress: 30,
        status: 'in_progress',
      }),
    ];
    const tasksB = [
      task('Xây dựng cánh đồng mẫu lớn', 'Vi Văn Thắng', {
        assigned: '2024-01-15',
        deadline: '2024-12-31',
        progress: 40,
        status: 'in_progress',
      }),
      task('Kết nạp đảng viên mới', 'Vi Văn Thắng', {
        assigned: '2024-01-15',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-15',
      }),
      task('Giải quyết đơn thư tồn đọng về đất đai', 'Lê Văn Cường', {
        assigned: '2024-07-05',
        deadline: '2024-11-30',
        progress: 20,
        status: 'in_progress',
      }),
      task('Nạo vét kênh mương nội đồng', 'Lê Văn Cường', {
        assigned: '2024-07-05',
        deadline: '2024-10-31',
        progress: 60,
        status: 'in_progress',
      }),
    ];
    const dup = [{ rule: 'unit-duplicate', row: null }];
    await add(
      {
        file: 'registers/lan-mau.xlsx',
        unit: '07657',
        resolvedBy: 'title',
        status: 'unit-duplicate',
        shape: 'exceljs; title block',
        fileDiagnostics: dup,
      },
      {
        columns: PLAIN_COLUMNS,
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ HUYỆN LỤC NAM', 'ĐẢNG ỦY XÃ LAN MẪU'],
          place: placeDateLine('Lan Mẫu', '2024-10-02'),
          title: TITLE_2024,
          leftSpan: 3,
          rightAt: 4,
        }),
        body: tasksA,
      },
      { writer: 'exceljs', xlsx: {} },
    );
    await add(
      {
        file: 'registers/07657_thang8.csv',
        unit: '07657',
        resolvedBy: 'filename',
        status: 'unit-duplicate',
        shape: 'CSV UTF-8 BOM; header on line 1',
        fileDiagnostics: dup,
      },
      { columns: PLAIN_COLUMNS, allText: true, dateStyle: 'text:dd/mm/yyyy', body: tasksB },
      { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8bom' } },
    );
  }

  // ── R16 · "ĐẢNG ỦY XÃ TÂN SƠN" alone: two communes match, nothing chooses → unit-unknown. Its rows are
  //    still checked by the rules that need no unit: title-missing, deadline-missing.
  {
    const body = [
      task('Sửa chữa nhà văn hóa thôn Hạ', 'Hà Văn Tuấn', {
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        progress: 30,
        status: 'in_progress',
      }),
      task('', 'Hà Văn Tuấn', {
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        progress: 10,
        status: 'in_progress',
        expect: ['title-missing'],
      }),
      task('Nạo vét kênh tiêu úng', 'Trần Quang Huy', {
        assigned: '2024-02-01',
        deadline: null,
        progress: 40,
        status: 'in_progress',
        expect: ['deadline-missing'],
      }),
      task('Trồng cây xanh tuyến đường liên xã', 'Trần Quang Huy', {
        assigned: '2024-02-01',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-20',
      }),
    ];
    await add(
      {
        file: 'registers/tan-son.csv',
        unit: null,
        resolvedBy: 'unknown',
        status: 'unit-unknown',
        shape: 'CSV UTF-8; only "ĐẢNG ỦY XÃ TÂN SƠN" (two units of that name)',
        fileDiagnostics: [{ rule: 'unit-unknown', row: null }],
      },
      {
        allText: true,
        columns: PLAIN_COLUMNS,
        dateStyle: 'text:dd/mm/yyyy',
        title: [[{ c: 0, text: 'ĐẢNG ỦY XÃ TÂN SƠN' }], [{ c: 0, text: TITLE_2024 }]],
        body,
      },
      { writer: 'csv', csv: { delimiter: ',', eol: '\r\n', encoding: 'utf8', padTitle: true } },
    );
  }

  // ── R17 · a Mã đơn vị that is not in units.csv → unit-unknown.
  {
    const body = [
      task('Xây dựng chợ đầu mối nông sản', 'Nguyễn Văn Bình', {
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        progress: 30,
        status: 'in_progress',
      }),
      task('Kè chống sạt lở bờ sông Lục Nam', 'Nguyễn Văn Bình', {
        assigned: '2024-02-01',
        deadline: '2024-06-30',
        progress: 100,
        status: 'done',
        completed: '2024-06-25',
      }),
      task('Hỗ trợ hộ nghèo phát triển sinh kế', 'Trần Thị Cúc', {
        assigned: '2024-02-01',
        deadline: '2024-12-31',
        progress: 0,
        status: 'not_started',
      }),
    ];
    await add(
      {
        file: 'registers/bao-cao-q3.csv',
        unit: null,
        columnCode: '07999',
        resolvedBy: 'unknown-column',
        status: 'unit-unknown',
        shape: 'CSV UTF-8; Mã đơn vị 07999, not in units.csv',
        fileDiagnostics: [{ rule: 'unit-unknown', row: null }],
      },
      {
        allText: true,
        unitCodeText: '07999',
        columns: [
          { key: 'unitCode', header: 'Mã đơn vị' },
          { key: 'no', header: 'STT' },
          { key: 'title', header: 'Nội dung công việc' },
          { key: 'owner', header: 'Người chịu trách nhiệm' },
          { key: 'assigned', header: 'Ngày giao' },
          { key: 'deadline', header: 'Thời hạn hoàn thành' },
          { key: 'progress', header: 'Tiến độ (%)' },
          { key: 'status', header: 'Tình trạng' },
          { key: 'completed', header: 'Ngày hoàn thành' },
        ],
        dateStyle: 'text:dd/mm/yyyy',
        body,
      },
      { writer: 'csv', csv: { delimiter: ',', eol: '\n', encoding: 'utf8' } },
    );
  }

  // ── R18 · Phường Dĩnh Kế: openpyxl, "ĐẢNG BỘ THÀNH PHỐ BẮC GIANG" over "ĐẢNG ỦY PHƯỜNG DĨNH KẾ",
  //    percent cells in 0%, a paused task past its deadline. owner-multiple ("A và B").
  {
    const w = 9;
    const body = [
      task('Giải phóng mặt bằng dự án đường Hoàng Hoa Thám kéo dài', 'Vũ Văn Cảnh và Lý Thị Diệp', {
        owners: ['Vũ Văn Cảnh', 'Lý Thị Diệp'],
        category: 'Việc khó',
        assigned: '2024-01-15',
        deadline: '2024-12-31',
        progress: 35,
        status: 'in_progress',
        expect: ['owner-multiple'],
      }),
      task('Xây dựng mô hình phường văn minh, sạch đẹp', 'Lý Thị Diệp', {
        category: 'Nhiệm vụ trọng tâm',
        assigned: '2024-01-15',
        deadline: '2024-08-31',
        progress: 20,
        status: 'paused',
      }),
      task('Kết nạp đảng viên trong doanh nghiệp tư nhân', 'Vũ Văn Cảnh', {
        category: 'Nhiệm vụ trọng tâm',
        assigned: '2024-01-15',
        deadline: '2024-09-30',
        progress: 100,
        status: 'done',
        completed: '2024-09-10',
      }),
      task('Sắp xếp, bố trí cán bộ không chuyên trách dôi dư', 'Lý Thị Diệp', {
        category: 'Vấn đề bức xúc, nổi cộm',
        assigned: '2024-01-15',
        deadline: '2025-03-31',
        progress: 0,
        status: 'not_started',
      }),
      task('Xử lý vi phạm trật tự xây dựng trên địa bàn phường', 'Vũ Văn Cảnh', {
        category: 'Việc khó',
        assigned: '2024-01-15',
        deadline: '2024-03-31',
        progress: 100,
        status: 'done',
        completed: '2024-03-15',
      }),
    ];
    await add(
      {
        file: 'registers/dinh-ke.xlsx',
        unit: '07687',
        resolvedBy: 'title',
        status: 'counted',
        shape: 'openpyxl; ĐẢNG BỘ THÀNH PHỐ over ĐẢNG ỦY PHƯỜNG; percent cells 0%',
      },
      {
        columns: [
          { key: 'no', header: 'TT' },
          { key: 'title', header: 'Tên nhiệm vụ' },
          { key: 'category', header: 'Nhóm việc' },
          { key: 'owner', header: 'Người phụ trách' },
          { key: 'assigned', header: 'Ngày đăng ký' },
          { key: 'deadline', header: 'Thời gian hoàn thành' },
          { key: 'progress', header: 'Tiến độ (%)', style: 'percent:0%' },
          { key: 'status', header: 'Trạng thái' },
          { key: 'completed', header: 'Ngày hoàn thành' },
        ],
        title: partyTitle({
          width: w,
          left: ['ĐẢNG BỘ THÀNH PHỐ BẮC GIANG', 'ĐẢNG ỦY PHƯỜNG DĨNH KẾ'],
          place: placeDateLine('Dĩnh Kế', '2024-10-02'),
          title: TITLE_2024,
          sub: '(Ban hành kèm theo Nghị quyết số 12-NQ/ĐU ngày 10/01/2024)',
          leftSpan: 3,
          rightAt: 5,
        }),
        body,
        footer: footer({ width: w, tm: 'T/M ĐẢNG ỦY', post: 'BÍ THƯ', signer: 'Vũ Văn Cảnh', rightAt: 6 }),
      },
      { writer: 'openpyxl', xlsx: {} },
    );
  }

  // ── Files a folder walk must skip: an Excel lock file and a hidden CSV (which, if read, would make
  //    Yên Sơn a unit-duplicate).
  {
    const owner = 'Nguyễn Văn An';
    const lock = Buffer.alloc(165);
    lock.writeUInt8(owner.length, 0);
    Buffer.from(owner, 'latin1').copy(lock, 1);
    await ctx.bytes('province/registers/~$lock.xlsx', lock);
    const hidden =
      '\uFEFFĐẢNG ỦY XÃ YÊN SƠN\r\nSTT,Nội dung công việc,Người chịu trách nhiệm,Thời hạn hoàn thành,Tình trạng\r\n1,Bản nháp - không gửi,Nguyễn Văn An,31/12/2024,Đang thực hiện\r\n';
    await ctx.bytes('province/registers/.hidden.csv', Buffer.from(hidden, 'utf8'));
  }

  await writeProvinceFiles(ctx, 'province', {
    units: UNITS,
    roster: ROSTER,
    withDates: false,
    asOf: AS_OF,
    period: PERIOD,
    registers,
    note: 'Skipped by a folder walk: registers/~$lock.xlsx, registers/.hidden.csv. Not submitted: 07663, 07681 (and 24, 215, 217 have no own register).',
  });
}
