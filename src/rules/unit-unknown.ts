// unit-unknown: the register's unit cannot be determined, is ambiguous, or is not in the units register.
// Never a guess (SPEC §2.3). The resolver finds it; this rule reports it.
import { registerRule, reportProblems } from './rule.js';

const rule = registerRule({
  meta: {
    id: 'unit-unknown',
    severity: 'error',
    description: {
      vi: 'Không xác định được đơn vị của tệp, hoặc đơn vị không có trong danh mục đơn vị',
      en: "The register's unit cannot be determined, or is not in the units register",
    },
    messages: {
      default: {
        vi: 'Không xác định được đơn vị của tệp: đầu biểu ({{tried}}) và tên tệp không khớp đơn vị nào — thêm cột "Mã đơn vị", ghi tên đơn vị ở đầu biểu (ví dụ "ĐẢNG ỦY XÃ YÊN SƠN") hoặc dùng --unit MÃ',
        en: 'The register\'s unit cannot be determined: neither the title block ({{tried}}) nor the file name names a unit — add a "Mã đơn vị" column, name the unit in the title block (e.g. "ĐẢNG ỦY XÃ YÊN SƠN") or use --unit CODE',
      },
      noTitle: {
        vi: 'Không xác định được đơn vị của tệp: không có đầu biểu và tên tệp không khớp đơn vị nào — thêm cột "Mã đơn vị", ghi tên đơn vị ở đầu biểu (ví dụ "ĐẢNG ỦY XÃ YÊN SƠN") hoặc dùng --unit MÃ',
        en: 'The register\'s unit cannot be determined: there is no title block and the file name names no unit — add a "Mã đơn vị" column, name the unit in the title block (e.g. "ĐẢNG ỦY XÃ YÊN SƠN") or use --unit CODE',
      },
      notInUnits: {
        vi: 'Mã đơn vị {{code}} không có trong danh mục đơn vị tại ngày báo cáo — sửa mã đơn vị hoặc bổ sung danh mục (units.csv)',
        en: 'Unit code {{code}} is not in the units register on the as-of date — correct the code or add the unit to units.csv',
      },
      ambiguous: {
        vi: 'Tên đơn vị ở đầu biểu khớp với nhiều đơn vị ({{candidates}}) — ghi rõ cả đơn vị cấp trên, thêm cột "Mã đơn vị" hoặc dùng --unit MÃ',
        en: 'The unit named in the title block matches several units ({{candidates}}) — name the superior unit too, add a "Mã đơn vị" column or use --unit CODE',
      },
    },
  },
  scope: 'register',
  // `tried` is the title block as read; when there is none, say so rather than show empty brackets
  check: reportProblems('unit-unknown', (p) => ({
    messageId: (p.messageId ?? 'default') === 'default' && !p.data?.tried ? 'noTitle' : p.messageId,
    data: p.data,
  })),
});

export default rule;
