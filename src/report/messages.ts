// The one place where a message template becomes words, in the user's language.
import type { Message, RuleMeta } from '../rules/rule.js';
import type { Lang } from '../types.js';

const NUMBER_FORMAT: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, useGrouping: false }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false }),
};

/**
 * Fills `{{name}}` placeholders; a placeholder without data is a bug in the rule that reported it.
 * Numbers are written with the decimal mark of the language (45,5 in Vietnamese), without grouping (line 1234).
 */
export function formatMessage(meta: RuleMeta, messageId: string, data: Record<string, string | number>, lang: Lang): string {
  const message: Message | undefined = meta.messages[messageId];
  if (!message) throw new Error(`rule ${meta.id}: unknown messageId "${messageId}"`);
  return message[lang].replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`rule ${meta.id}: message "${messageId}" needs data "${name}"`);
    const v = data[name];
    return typeof v === 'number' ? NUMBER_FORMAT[lang].format(v) : shorten(String(v));
  });
}

/** A cell's text quoted in a message stays readable: a 32,000-character cell is cut with an ellipsis. */
const MAX_QUOTED = 200;
function shorten(s: string): string {
  return s.length <= MAX_QUOTED ? s : `${s.slice(0, MAX_QUOTED - 1)}…`;
}

/** Words of the interface that are not rule messages. */
export const WORDS = {
  vi: {
    error: 'lỗi', warning: 'cảnh báo', errors: 'lỗi', warnings: 'cảnh báo', files: 'tệp', tasks: 'việc',
    noProblems: 'Không có lỗi', unitUnknown: 'chưa xác định đơn vị', summary: (f: number, t: number, e: number, w: number) =>
      `${e} lỗi, ${w} cảnh báo trong ${f} tệp, ${t} việc`,
    annotated: (n: number) => `Đã ghi ${n} bản sao đánh dấu lỗi (gửi lại cho đơn vị):`,
    previous: 'báo cáo kỳ trước (--compare)',
    nothingRead: (skipped: number) =>
      `Không đọc được tệp đăng ký nào${skipped ? ` (bỏ qua ${skipped} tệp tổng hợp do tiendo ghi)` : ''} — kiểm tra lại đường dẫn`,
  },
  en: {
    error: 'error', warning: 'warning', errors: 'errors', warnings: 'warnings', files: 'files', tasks: 'tasks',
    noProblems: 'No problems', unitUnknown: 'unit not determined', summary: (f: number, t: number, e: number, w: number) =>
      `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'} in ${f} file${f === 1 ? '' : 's'}, ${t} task${t === 1 ? '' : 's'}`,
    annotated: (n: number) => `Wrote ${n} annotated cop${n === 1 ? 'y' : 'ies'} (to send back to the units):`,
    previous: 'previous register (--compare)',
    nothingRead: (skipped: number) =>
      `No register was read${skipped ? ` (${skipped} summary workbook${skipped === 1 ? '' : 's'} tiendo wrote skipped)` : ''} — check the paths`,
  },
} as const;
