// file-unreadable: the file cannot be read at all. The reader finds why (messageId) and this rule reports it,
// for the file as a whole (a CSV parse error names its line in the message, as the reader gives it).
import { registerRule, reportProblems } from './rule.js';

const rule = registerRule({
  meta: {
    id: 'file-unreadable',
    severity: 'error',
    description: {
      vi: 'Không đọc được tệp: hỏng, có mật khẩu, rỗng, định dạng cũ (.xls, .ods) hoặc quá lớn',
      en: 'The file cannot be read: corrupt, encrypted, empty, a legacy format (.xls, .ods) or too large',
    },
    messages: {
      default: {
        vi: 'Không đọc được tệp ({{reason}}) — mở tệp, lưu lại dưới dạng .xlsx rồi gửi lại',
        en: 'The file cannot be read ({{reason}}) — open it, save it as .xlsx and send it again',
      },
      xls: {
        vi: 'Tệp Excel định dạng cũ (.xls) — mở bằng Excel, chọn Lưu thành (Save As) kiểu "Excel Workbook (.xlsx)" rồi gửi lại',
        en: 'A legacy Excel file (.xls) — open it in Excel, Save As "Excel Workbook (.xlsx)" and send it again',
      },
      ods: {
        vi: 'Tệp LibreOffice (.ods) — chọn Lưu thành (Save As) kiểu "Excel 2007-365 (.xlsx)" rồi gửi lại',
        en: 'A LibreOffice file (.ods) — Save As "Excel 2007-365 (.xlsx)" and send it again',
      },
      encrypted: {
        vi: 'Tệp được đặt mật khẩu — gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi gửi lại',
        en: 'The file is password-protected — remove the password (File > Info > Protect Workbook) and send it again',
      },
      empty: {
        vi: 'Tệp rỗng, không có dữ liệu — gửi lại tệp có bảng đăng ký việc',
        en: 'The file is empty — send the file with the task register in it',
      },
      tooLarge: {
        vi: 'Tệp quá lớn ({{size}}, tối đa {{limit}}) — xóa các trang tính, hình ảnh không cần thiết rồi gửi lại',
        en: 'The file is too large ({{size}}, at most {{limit}}) — remove unneeded sheets and pictures and send it again',
      },
      corrupt: {
        vi: 'Tệp bị hỏng, không mở được ({{reason}}) — mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại',
        en: 'The file is corrupt and cannot be opened ({{reason}}) — open it in Excel, save it as .xlsx and send it again',
      },
      csv: {
        vi: 'Tệp CSV bị lỗi ở dòng {{line}}: {{reason}} — kiểm tra dấu ngoặc kép và dấu phân cách trên dòng đó',
        en: 'The CSV file has an error on line {{line}}: {{reason}} — check the quotes and delimiters on that line',
      },
    },
  },
  scope: 'register',
  check: reportProblems('file-unreadable'),
});

export default rule;
