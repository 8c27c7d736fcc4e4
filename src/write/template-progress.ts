// The two sheets of a register template after `Danh mục` (./template.ts): `Tiến độ`, where a unit
// reports progress month by month, and `Hướng dẫn`, how to fill in both.
import type ExcelJS from 'exceljs';
import { COLUMNS } from '../domain/columns.js';
import {
  DATE_FORMAT,
  FONT,
  HEADER_STYLE,
  PROGRESS_HEADERS,
  TEMPLATE_BODY_ROWS,
  TEMPLATE_COLUMNS,
  TEMPLATE_FIRST_BODY_ROW,
  TEMPLATE_PROGRESS_HEADER_ROW,
  TEMPLATE_PROGRESS_ROWS,
  TEMPLATE_PROGRESS_RULED_ROWS,
  TEMPLATE_PROGRESS_SHEET,
  TEMPLATE_SHEET,
  THIN,
  UNLOCKED,
  freeze,
  letter,
  templateColumnLetter,
  validate,
  type ListRanges,
} from './template-layout.js';
// ───────────────────────────── Tiến độ ─────────────────────────────

export function buildProgress(ws: ExcelJS.Worksheet, ranges: ListRanges): void {
  const widths = [12, 14, 11, 14, 18, 14, 30];
  widths.forEach((w, i) => {
    const c = ws.getColumn(i + 1);
    c.width = w;
    c.font = { name: FONT, size: 12 };
    c.alignment = { vertical: 'top', wrapText: i === 6 };
    c.protection = UNLOCKED;
    if (i === 1 || i === 5) c.numFmt = DATE_FORMAT;
  });
  const header = ws.getRow(TEMPLATE_PROGRESS_HEADER_ROW);
  PROGRESS_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.style = { ...HEADER_STYLE };
  });
  header.height = 32;

  const main = `'${TEMPLATE_SHEET.replace(/'/g, "''")}'`;
  const idCol = templateColumnLetter('id');
  const ids = `${main}!$${idCol}$${TEMPLATE_FIRST_BODY_ROW}:$${idCol}$${TEMPLATE_FIRST_BODY_ROW + TEMPLATE_BODY_ROWS - 1}`;
  const checks: (ExcelJS.DataValidation | undefined)[] = [
    {
      type: 'list',
      allowBlank: true,
      formulae: [ids],
      showInputMessage: true,
      promptTitle: 'Mã việc',
      prompt: 'Mã việc như ở trang Danh mục.',
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Mã việc',
      error: 'Mã này chưa có ở trang Danh mục. Vẫn ghi?',
    },
    {
      // A day or a month (`Tháng 3/2024`, meaning its last day): a prompt, no check.
      type: 'any' as ExcelJS.DataValidation['type'],
      formulae: [],
      showInputMessage: true,
      promptTitle: 'Ngày báo cáo',
      prompt: 'Ngày báo cáo (31/03/2024) hoặc kỳ báo cáo (Tháng 3/2024).',
    },
    {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Tiến độ (%)',
      error: 'Tiến độ là một số từ 0 đến 100.',
    },
    {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Kết quả đạt được',
      error: 'Ghi một số, ví dụ 35 hoặc 41,8.',
    },
    {
      type: 'list',
      allowBlank: true,
      formulae: [ranges.status],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Tình trạng',
      error: 'Chọn một giá trị trong danh sách.',
    },
    {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Ngày hoàn thành',
      error: 'Ghi ngày/tháng/năm, ví dụ 15/03/2024.',
    },
    undefined,
  ];
  const first = TEMPLATE_PROGRESS_HEADER_ROW + 1;
  for (let r = first; r < first + TEMPLATE_PROGRESS_RULED_ROWS; r++) {
    checks.forEach((_, i) => {
      ws.getCell(r, i + 1).style = {
        font: { name: FONT, size: 12 },
        border: THIN,
        alignment: { vertical: 'top', wrapText: i === 6 },
        protection: UNLOCKED,
        ...(i === 1 || i === 5 ? { numFmt: DATE_FORMAT } : {}),
      };
    });
  }
  checks.forEach((dv, i) => {
    if (dv) validate(ws, `${letter(i + 1)}${first}:${letter(i + 1)}${first + TEMPLATE_PROGRESS_ROWS - 1}`, dv);
  });
  freeze(ws, TEMPLATE_PROGRESS_HEADER_ROW);
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
  };
}

// ───────────────────────────── Hướng dẫn ─────────────────────────────

const PROGRESS_HELP: Record<(typeof PROGRESS_HEADERS)[number], string> = {
  'Mã việc': 'Mã việc như ở trang Danh mục (hoặc STT của việc).',
  'Ngày báo cáo': 'Ngày báo cáo (31/03/2024) hoặc kỳ báo cáo (Tháng 3/2024, hiểu là ngày cuối tháng).',
  'Tiến độ (%)': 'Tiến độ đến ngày báo cáo, từ 0 đến 100 (%).',
  'Kết quả đạt được': 'Số lượng đã đạt được đến ngày báo cáo.',
  'Tình trạng': 'Chưa triển khai, Đang thực hiện, Đã hoàn thành, Tạm dừng hoặc Đã hủy.',
  'Ngày hoàn thành': 'Ngày hoàn thành thực tế, khi đã hoàn thành.',
  'Ghi chú': 'Kết quả thực hiện bằng lời, khó khăn, kiến nghị.',
};

// `Hướng dẫn`: 96 units fit A4 portrait nearly at 100 % (12 pt), where 134 printed at about 8 pt. Each row
// is as tall as its wrapped text: LibreOffice fits only rows with a line break, and printed the rest over the next.
const GUIDE_WIDTHS = [7, 21, 9, 59];
/** Characters a line of 12 pt Times New Roman holds in `width` units, counted on the generous side. */
const perLine = (width: number): number => Math.max(1, Math.floor((width - 1.5) / 1.0));
const guideLines = (text: string, width: number): number => Math.max(1, Math.ceil(text.length / (perLine(width) * 0.9)));

export function buildGuide(ws: ExcelJS.Worksheet): void {
  GUIDE_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const all = GUIDE_WIDTHS.reduce((a, b) => a + b, 0);
  const font = { name: FONT, size: 12 };
  const line = (text: string, f: Partial<ExcelJS.Font> = font) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).style = { font: f, alignment: { wrapText: true, vertical: 'top' } };
    // a larger font holds fewer characters a line, bold capitals fewer still
    const k = ((f.size ?? 12) / 12) * (f.bold ? 1.4 : 1);
    row.height = guideLines(text, all / k) * 16 * ((f.size ?? 12) / 12) + 2;
  };
  const table = (title: string, rows: [string, string, string, string][]) => {
    ws.addRow([]);
    line(title, { ...font, bold: true });
    const h = ws.addRow(['Cột', 'Tên cột', 'Bắt buộc', 'Cách ghi']);
    h.eachCell((c) => (c.style = { font: { ...font, bold: true }, border: THIN, alignment: { horizontal: 'center' } }));
    for (const r of rows) {
      const row = ws.addRow(r);
      row.eachCell({ includeEmpty: true }, (c, i) => {
        c.style = {
          font,
          border: THIN,
          alignment: { wrapText: true, vertical: 'top', horizontal: i === 1 || i === 3 ? 'center' : 'left' },
        };
      });
      row.height = Math.max(...r.map((text, i) => guideLines(text, GUIDE_WIDTHS[i] ?? 0))) * 16 + 2;
    }
  };

  line('HƯỚNG DẪN GHI DANH MỤC VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM, VIỆC ĐỘT PHÁ', { ...font, size: 14, bold: true });
  line(
    `1. Trang "${TEMPLATE_SHEET}": ghi mỗi việc trên một dòng, bắt đầu từ dòng ${TEMPLATE_FIRST_BODY_ROW}. Không sửa tên đơn vị, dòng tiêu đề cột và dòng số cột (đã khóa để tránh sửa nhầm; nếu cần, bỏ khóa bằng Review/Xem lại → Unprotect Sheet/Bỏ bảo vệ trang tính, không có mật khẩu).`,
  );
  line('2. Mỗi việc ghi rõ người, rõ việc, rõ trách nhiệm, rõ tiến độ: một người chịu trách nhiệm chính và một thời hạn hoàn thành.');
  line(
    '3. Ngày ghi theo ngày/tháng/năm, ví dụ 15/03/2024. Thời hạn có thể là một kỳ: Tháng 9/2024, Quý III/2024, 6 tháng đầu năm 2024, Năm 2024.',
  );
  line(
    '4. Có thể thêm dòng mục (ví dụ "I. LĨNH VỰC XÂY DỰNG ĐẢNG") phía trên các việc của một lĩnh vực; khi đó cột Lĩnh vực có thể để trống.',
  );
  line(
    `5. Hằng tháng cập nhật tiến độ ở trang "${TEMPLATE_PROGRESS_SHEET}": mỗi lần báo cáo một việc là một dòng, ghi Mã việc và ngày báo cáo.`,
  );
  line('6. Không đổi tên các trang, không đổi tên và thứ tự các cột.');

  table(
    `Các cột của trang "${TEMPLATE_SHEET}"`,
    TEMPLATE_COLUMNS.map((k, i) => {
      const spec = COLUMNS.find((c) => c.key === k)!;
      return [`(${i + 1})`, spec.headers[0], spec.required ? 'Có' : '', spec.help];
    }),
  );
  table(
    `Các cột của trang "${TEMPLATE_PROGRESS_SHEET}"`,
    PROGRESS_HEADERS.map((h, i) => [`(${i + 1})`, h, i < 2 ? 'Có' : '', PROGRESS_HELP[h]]),
  );
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}
