// header-missing: no header row among the first 30 rows, or a required column is missing.
// The reader finds it; this rule reports it.
import { HEADER } from '../domain/columns.js';
import type { ColumnKey } from '../types.js';
import { registerRule, reportProblems } from './rule.js';

const rule = registerRule({
  meta: {
    id: 'header-missing',
    severity: 'error',
    description: {
      vi: 'Không tìm thấy dòng tiêu đề của bảng, hoặc thiếu một cột bắt buộc',
      en: 'No header row found, or a required column is missing',
    },
    messages: {
      default: {
        vi: 'Không tìm thấy dòng tiêu đề của bảng trong 30 dòng đầu (trang tính: {{sheets}}) — thêm dòng tiêu đề có các cột "Nội dung công việc", "Người chịu trách nhiệm", "Thời hạn hoàn thành"',
        en: 'No header row within the first 30 rows (sheets: {{sheets}}) — add a header row with the columns "Nội dung công việc", "Người chịu trách nhiệm", "Thời hạn hoàn thành"',
      },
      noSheet: {
        vi: 'Không tìm thấy dòng tiêu đề của bảng trong 30 dòng đầu — thêm dòng tiêu đề có các cột "Nội dung công việc", "Người chịu trách nhiệm", "Thời hạn hoàn thành"',
        en: 'No header row within the first 30 rows — add a header row with the columns "Nội dung công việc", "Người chịu trách nhiệm", "Thời hạn hoàn thành"',
      },
      column: {
        vi: 'Thiếu cột bắt buộc "{{column}}" (tiêu đề gần giống nhất: "{{closest}}") — thêm cột hoặc sửa tiêu đề cho đúng',
        en: 'The required column "{{column}}" is missing (closest header: "{{closest}}") — add the column or correct its header',
      },
      progress: {
        vi: 'Không tìm thấy bảng cập nhật tiến độ — tệp --progress cần một dòng tiêu đề có các cột "Mã việc" (hoặc "STT"), "Ngày báo cáo" (hoặc "Kỳ báo cáo") và ít nhất một trong "Tiến độ (%)", "Kết quả đạt được", "Tình trạng", "Ngày hoàn thành", "Ghi chú"',
        en: 'No progress-update table found — a --progress file needs a header row with the columns "Mã việc" (or "STT"), "Ngày báo cáo" (or "Kỳ báo cáo") and at least one of "Tiến độ (%)", "Kết quả đạt được", "Tình trạng", "Ngày hoàn thành", "Ghi chú"',
      },
      columnNone: {
        vi: 'Thiếu cột bắt buộc "{{column}}" — thêm cột này vào bảng',
        en: 'The required column "{{column}}" is missing — add it to the table',
      },
    },
  },
  scope: 'register',
  check: reportProblems('header-missing', (p) => {
    let { messageId, data } = p;
    if (messageId === 'column' && data) {
      // A clerk knows the header, not our key: `owner` → "Người chịu trách nhiệm".
      const column = String(data.column ?? '');
      data = { ...data, column: HEADER[column as ColumnKey] ?? column };
      if (!data.closest) messageId = 'columnNone';
    } else if ((messageId ?? 'default') === 'default' && !data?.sheets) {
      messageId = 'noSheet'; // a CSV has no sheet names to list
    }
    return { messageId, data };
  }),
});

export default rule;
