// The clerk's monthly job without a terminal (SPEC §8): what the Windows build does when it is
// double-clicked (no arguments) or has one folder dropped on it. Validates and rolls up the
// registers of that folder as of today, for the current month, into `<folder>/tiendo-ket-qua/`.
// Prints nothing: src/exe.ts prints monthlyText() and does the window's part (Explorer, Enter).
import { mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { summarise, validateExitCode } from './index.js';
import { RESULTS_FOLDER } from './domain/marks.js';
import { today as todayIso } from './normalise/values.js';
import { findSoffice } from './read/convert.js';
import { expandPaths, findBeside } from './read/paths.js';
import type { ValidateResult } from './report/validate.js';
import { rollup, rollupExitCode } from './rollup.js';
import { runPipeline, type Run } from './pipeline.js';
import { readCellsAgain } from './read-register.js';
import type { IsoDate } from './types.js';
import { annotateAll } from './write/annotate-all.js';

/** The commands of the command line: a folder named like one is the command, never the job. */
const COMMANDS = new Set(['validate', 'rollup', 'template', 'rules', 'help']);

/** What the executable does with its arguments: the command line, or the window's monthly job. */
export type ExeMode =
  | { kind: 'cli' }
  | { kind: 'monthly'; folder: string }
  /** files, or several folders, dropped on the .exe: the window says to drop one folder */
  | { kind: 'drop-one-folder'; paths: string[] };

/**
 * On Windows (or with TIENDO_MONTHLY=1, for tests elsewhere): no arguments — the job on the
 * executable's own folder (double-clicked); one argument naming an existing folder — the job on it
 * (a folder dropped on the .exe); arguments that all name existing files or folders, and are not
 * that — the window says to drop one folder, rather than flash a command-line error and close.
 * Anything else, and everything on other systems, is the command line, unchanged.
 */
export function exeMode(args: string[], opts: { platform: string; env: NodeJS.ProcessEnv; exeDir: string; cwd: string }): ExeMode {
  if (opts.platform !== 'win32' && opts.env.TIENDO_MONTHLY !== '1') return { kind: 'cli' };
  if (args.length === 0) return { kind: 'monthly', folder: opts.exeDir };
  if (args.some((a) => a.startsWith('-') || COMMANDS.has(a))) return { kind: 'cli' };
  const found = args.map((a) => statSync(resolve(opts.cwd, a), { throwIfNoEntry: false }));
  if (found.some((st) => !st)) return { kind: 'cli' };
  const [only] = args;
  if (args.length === 1 && only !== undefined && found[0]?.isDirectory()) return { kind: 'monthly', folder: resolve(opts.cwd, only) };
  return { kind: 'drop-one-folder', paths: args.map((a) => resolve(opts.cwd, a)) };
}

export interface MonthlyOptions {
  folder: string;
  /** default today */
  asOf?: IsoDate;
  /** called after each file is read */
  onProgress?: (done: number, total: number) => void;
}

export type MonthlyResult =
  /** no register in the folder: nothing read, nothing written, no results folder made */
  | { kind: 'empty'; folder: string; asOf: IsoDate; exitCode: 2 }
  | {
      kind: 'done';
      folder: string;
      outDir: string;
      asOf: IsoDate;
      /** `2024-09` */
      month: string;
      validation: ValidateResult;
      /** the annotated copies, as file names in outDir */
      annotated: string[];
      /** the summary workbooks, as file names in outDir; null when there is no units.csv (no rollup) */
      workbooks: string[] | null;
      notices: string[];
      exitCode: 0 | 1 | 2;
    };

/**
 * One reading of the folder: rollup() with the cells kept, then the annotated copies from the same
 * run. Without a units.csv (beside the registers or in a folder above) there is no unit tree to
 * roll up into: the registers are still checked and annotated, and the result says so.
 */
export async function monthlyJob(opts: MonthlyOptions): Promise<MonthlyResult> {
  const folder = resolve(opts.folder);
  const asOf = opts.asOf ?? todayIso();
  if (!expandPaths([folder], folder).length) return { kind: 'empty', folder, asOf, exitCode: 2 };
  const outDir = join(folder, RESULTS_FOLDER);
  mkdirSync(outDir, { recursive: true });
  const month = asOf.slice(0, 7);
  // .xls and .ods registers are converted when LibreOffice is installed (no one is there to type
  // --convert); without it each is reported as a file to save again as .xlsx.
  const convert = findSoffice() !== null;
  const base = { paths: [folder], cwd: folder, asOf, annotate: outDir, convert, onProgress: opts.onProgress };
  const hasUnits = findBeside('units.csv', [folder], folder) !== null;
  let workbooks: string[] | null = null;
  let run: Run;
  let exitCode: 0 | 1 | 2;
  if (hasUnits) {
    const r = await rollup({ ...base, period: month, out: outDir });
    run = r.run;
    workbooks = r.result.outputs.map((o) => basename(o.path));
    exitCode = rollupExitCode(r);
  } else {
    run = await runPipeline(base);
    exitCode = validateExitCode(summarise(run), run);
  }
  const annotated = (await annotateAll({ ...run, cellsAgain: readCellsAgain }, outDir)).map((p) => basename(p));
  const validation = summarise(run);
  return { kind: 'done', folder, outDir, asOf, month, validation, annotated, workbooks, notices: run.notices, exitCode };
}

const n = (x: number): string => x.toLocaleString('vi-VN');
const day = (d: IsoDate): string => d.split('-').reverse().join('/');

/** At most this many registers with errors are named; the rest are in the annotated copies. */
const NAMED_FILES = 10;

/** What the window says when files, or several folders, were dropped on it. */
export function dropOneFolderText(paths: string[]): string {
  return [
    'tiendo: hãy kéo thả MỘT thư mục chứa các tệp đăng ký vào biểu tượng tiendo (hoặc chép tiendo vào',
    'thư mục đó rồi nháy đúp). Đã thả:',
    ...paths.map((p) => `  ${p}`),
    '',
  ].join('\n');
}

/** The short Vietnamese summary the window shows. */
export function monthlyText(r: MonthlyResult): string {
  const lines: string[] = [];
  if (r.kind === 'empty') {
    lines.push(
      `tiendo: không có tệp đăng ký nào (.xlsx, .csv) trong thư mục`,
      `  ${r.folder}`,
      '',
      'Cách dùng: chép các tệp đăng ký của tháng (và danh mục đơn vị units.csv, danh sách cán bộ',
      'roster.csv) vào thư mục có tiendo rồi nháy đúp vào tiendo; hoặc kéo thư mục chứa các tệp',
      'đăng ký thả vào biểu tượng tiendo.',
    );
    return lines.join('\n') + '\n';
  }
  const [y, m] = r.month.split('-');
  const s = r.validation.summary;
  lines.push(
    `tiendo — kiểm tra và tổng hợp tháng ${Number(m)}/${y}, tính đến ngày ${day(r.asOf)}`,
    `Thư mục: ${r.folder}`,
    '',
    `Đã đọc ${n(s.files)} tệp đăng ký: ${n(s.tasks)} việc, ${n(s.errors)} lỗi, ${n(s.warnings)} cảnh báo.`,
  );
  const withErrors = r.validation.files.filter((f) => f.errors > 0);
  if (withErrors.length) {
    lines.push(`${n(withErrors.length)} tệp có lỗi cần đơn vị sửa:`);
    for (const f of withErrors.slice(0, NAMED_FILES)) {
      lines.push(`  ${f.path}${f.unit ? ` — ${f.unit.name}` : ''}: ${n(f.errors)} lỗi`);
    }
    if (withErrors.length > NAMED_FILES) lines.push(`  … và ${n(withErrors.length - NAMED_FILES)} tệp khác`);
  }
  for (const notice of r.notices) lines.push(`Lưu ý: ${notice}`);
  lines.push('', `Kết quả trong thư mục ${r.outDir}`);
  if (r.workbooks === null) {
    lines.push(
      '  Chưa có báo cáo tổng hợp: không tìm thấy danh mục đơn vị units.csv. Đặt units.csv vào',
      '  thư mục này (hoặc thư mục bên trên) rồi chạy lại để có báo cáo tổng hợp.',
    );
  } else if (r.workbooks.length) {
    lines.push(`  ${n(r.workbooks.length)} báo cáo tổng hợp: ${r.workbooks.join(', ')}`);
  } else {
    lines.push('  Không có báo cáo tổng hợp nào (không đơn vị nào có đơn vị trực thuộc).');
  }
  lines.push(`  ${n(r.annotated.length)} bản sao đánh dấu lỗi (*.checked.xlsx) — gửi lại từng đơn vị bản của mình.`);
  return lines.join('\n') + '\n';
}
