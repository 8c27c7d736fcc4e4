// The words of the interface that are not rule messages, in the user's language (rule messages
// are worded by the engine: src/check/format.ts).

/** Words of the interface that are not rule messages. */
export const WORDS = {
  vi: {
    error: 'lỗi',
    warning: 'cảnh báo',
    errors: 'lỗi',
    warnings: 'cảnh báo',
    files: 'tệp',
    tasks: 'việc',
    noProblems: 'Không có lỗi',
    unitUnknown: 'chưa xác định đơn vị',
    summary: (f: number, t: number, e: number, w: number) => `${e} lỗi, ${w} cảnh báo trong ${f} tệp, ${t} việc`,
    annotated: (n: number) => `Đã ghi ${n} bản sao đánh dấu lỗi (gửi lại cho đơn vị):`,
    previous: 'báo cáo kỳ trước (--compare)',
    nothingRead: (skipped: number) =>
      `Không đọc được tệp đăng ký nào${skipped ? ` (bỏ qua ${skipped} tệp tổng hợp do tiendo ghi)` : ''} — kiểm tra lại đường dẫn`,
  },
  en: {
    error: 'error',
    warning: 'warning',
    errors: 'errors',
    warnings: 'warnings',
    files: 'files',
    tasks: 'tasks',
    noProblems: 'No problems',
    unitUnknown: 'unit not determined',
    summary: (f: number, t: number, e: number, w: number) =>
      `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'} in ${f} file${f === 1 ? '' : 's'}, ${t} task${t === 1 ? '' : 's'}`,
    annotated: (n: number) => `Wrote ${n} annotated cop${n === 1 ? 'y' : 'ies'} (to send back to the units):`,
    previous: 'previous register (--compare)',
    nothingRead: (skipped: number) =>
      `No register was read${skipped ? ` (${skipped} summary workbook${skipped === 1 ? '' : 's'} tiendo wrote skipped)` : ''} — check the paths`,
  },
} as const;
