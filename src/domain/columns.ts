// The columns of a register (SPEC §2.3): each key, its canonical header first, then its aliases.
import type { ColumnKey } from '../types.js';

export interface ColumnSpec {
  key: ColumnKey;
  /** the canonical header first, as written in templates (so never empty) */
  headers: [string, ...string[]];
  required: boolean;
  /** what the column holds, for the template's Hướng dẫn sheet */
  help: string;
}

export const COLUMNS: ColumnSpec[] = [
  { key: 'no', headers: ['STT', 'TT', 'Số TT'], required: false, help: 'Số thứ tự của việc trong bảng.' },
  {
    key: 'id',
    headers: ['Mã việc', 'Mã nhiệm vụ', 'Mã'],
    required: false,
    help: 'Mã riêng của việc, không trùng trong đơn vị; để trống thì dùng mã đơn vị và STT.',
  },
  {
    key: 'title',
    headers: ['Nội dung công việc', 'Nội dung', 'Tên việc', 'Tên nhiệm vụ', 'Nội dung nhiệm vụ', 'Việc đăng ký'],
    required: true,
    help: 'Nội dung việc đăng ký (bắt buộc).',
  },
  {
    key: 'category',
    headers: ['Loại việc', 'Loại', 'Nhóm việc'],
    required: false,
    help: 'Việc khó, Nhiệm vụ trọng tâm, Việc đột phá hoặc Vấn đề bức xúc, nổi cộm; để trống là Nhiệm vụ trọng tâm.',
  },
  {
    key: 'field',
    headers: ['Lĩnh vực'],
    required: false,
    help: 'Lĩnh vực của việc (Xây dựng Đảng, Kinh tế …); để trống thì lấy theo dòng mục phía trên.',
  },
  {
    key: 'owner',
    headers: ['Người chịu trách nhiệm', 'Người phụ trách', 'Cán bộ phụ trách', 'Người được giao', 'Cán bộ được giao', 'Người thực hiện'],
    required: true,
    help: 'Họ tên một cán bộ chịu trách nhiệm chính (rõ người) — chỉ một người.',
  },
  { key: 'position', headers: ['Chức vụ'], required: false, help: 'Chức vụ của người chịu trách nhiệm.' },
  { key: 'leadUnit', headers: ['Đơn vị chủ trì', 'Cơ quan chủ trì', 'Chủ trì'], required: false, help: 'Đơn vị chủ trì thực hiện.' },
  { key: 'supportUnits', headers: ['Đơn vị phối hợp', 'Phối hợp'], required: false, help: 'Các đơn vị phối hợp.' },
  {
    key: 'assigned',
    headers: ['Ngày giao', 'Ngày đăng ký', 'Ngày bắt đầu', 'Thời gian bắt đầu'],
    required: false,
    help: 'Ngày giao việc, dạng ngày/tháng/năm.',
  },
  {
    key: 'deadline',
    headers: ['Thời hạn hoàn thành', 'Thời hạn', 'Hạn hoàn thành', 'Thời gian hoàn thành'],
    required: true,
    help: 'Thời hạn hoàn thành (bắt buộc): một ngày (30/09/2024) hoặc một kỳ (Tháng 9/2024, Quý III/2024, Năm 2024), hiểu là ngày cuối của kỳ.',
  },
  { key: 'target', headers: ['Chỉ tiêu', 'Mục tiêu (số lượng)'], required: false, help: 'Chỉ tiêu bằng số, nếu có.' },
  { key: 'measure', headers: ['Đơn vị tính', 'ĐVT'], required: false, help: 'Đơn vị tính của chỉ tiêu (nhà, hộ, km …).' },
  {
    key: 'achieved',
    headers: ['Kết quả đạt được', 'Đã thực hiện', 'Kết quả (số lượng)'],
    required: false,
    help: 'Số lượng đã đạt được, cùng đơn vị tính với chỉ tiêu.',
  },
  {
    key: 'progress',
    headers: ['Tiến độ (%)', 'Tiến độ', '% hoàn thành', 'Tỷ lệ hoàn thành'],
    required: false,
    help: 'Tiến độ từ 0 đến 100 (%).',
  },
  {
    key: 'status',
    headers: ['Tình trạng', 'Trạng thái', 'Tình hình thực hiện'],
    required: false,
    help: 'Chưa triển khai, Đang thực hiện, Đã hoàn thành, Tạm dừng hoặc Đã hủy.',
  },
  { key: 'completed', headers: ['Ngày hoàn thành'], required: false, help: 'Ngày hoàn thành thực tế (bắt buộc khi đã hoàn thành).' },
  { key: 'unitCode', headers: ['Mã đơn vị'], required: false, help: 'Mã đơn vị theo danh mục (không bắt buộc).' },
  { key: 'note', headers: ['Ghi chú', 'Kết quả', 'Kết quả thực hiện'], required: false, help: 'Ghi chú, kết quả thực hiện bằng lời.' },
];

/** The canonical header of each key. */
export const HEADER: Record<ColumnKey, string> = Object.fromEntries(COLUMNS.map((c) => [c.key, c.headers[0]])) as Record<ColumnKey, string>;
