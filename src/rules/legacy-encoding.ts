// legacy-encoding: text typed in a VNI font, which cannot be converted to Unicode safely
// (TCVN3 fonts are converted by the reader and are not reported). The reader finds it; this rule reports it.
import { registerRule, reportProblems } from './rule.js';

const rule = registerRule({
  meta: {
    id: 'legacy-encoding',
    severity: 'warning',
    description: {
      vi: 'Văn bản gõ bằng phông VNI, không chuyển sang Unicode an toàn được',
      en: 'Text in a VNI font that cannot be converted to Unicode safely',
    },
    messages: {
      default: {
        vi: 'Văn bản dùng phông chữ cũ {{font}}, không chuyển sang Unicode an toàn được — chuyển tệp sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi gửi lại',
        en: "Text in the legacy font {{font}} cannot be converted to Unicode safely — convert the file to Unicode (e.g. with Unikey's converter) and send it again",
      },
    },
  },
  scope: 'register',
  check: reportProblems('legacy-encoding'),
});

export default rule;
