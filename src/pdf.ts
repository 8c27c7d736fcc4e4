// `rollup --pdf` (SPEC §6): beside each summary workbook, `<code>-<slug>.pdf` of the pages that get
// signed — `Tổng hợp` with its chart, `Theo lĩnh vực`, `Quá hạn` — printed by LibreOffice.
//
// Which sheets: LibreOffice's command line cannot choose sheets to export (calc_pdf_Export takes a
// range of pages, and which pages hold which sheet is known only once it has laid them out), so each
// workbook is written a second time into a temporary folder holding just those sheets (PDF_SHEETS),
// by the same code as the workbook itself, and that copy is converted. Hiding the other sheets of a
// copy would do the same but print a copy that is not the workbook either; writing three small sheets
// again is cheap.
//
// How many at once: each LibreOffice takes one core and much memory while it lays out a workbook,
// and is slow to start; the conversions run after every workbook is written, one LibreOffice
// per file, as many at a time as the machine has cores (at most MAX_AT_ONCE), each with a user profile
// of its own (two LibreOffices sharing one would hand their work to each other), reused file after file.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RollupResult } from './aggregate/index.js';
import { UsageError } from './errors.js';
import { findSoffice, runSoffice } from './read/convert.js';
import type { Lang } from './types.js';
import { atomically } from './write/atomic.js';
import { PDF_SHEETS, writeSummaryWorkbooks, type SummaryOptions, type WrittenWorkbook } from './write/summary.js';

/** Enough to keep a province's dozen PDFs quick without filling a clerk's memory with LibreOffices. */
const MAX_AT_ONCE = 4;

export interface PdfProgress {
  done: number;
  total: number;
  /** the PDF written, or null when LibreOffice made none of `workbook` */
  pdf: string | null;
  workbook: string;
}

export interface PdfOptions {
  soffice: string;
  /** conversions at a time; default the machine's cores, at most MAX_AT_ONCE */
  atOnce?: number;
  /** after each conversion, in the order they finish */
  onProgress?: (p: PdfProgress) => void;
  /** one conversion's limit, after which LibreOffice and its children are stopped */
  timeoutMs?: number;
}

export interface PdfResult {
  /** the PDFs written, in the workbooks' order */
  written: { unit: string; path: string }[];
  /** workbooks LibreOffice made no PDF of */
  failed: string[];
}

/** LibreOffice for `--pdf`, or a usage error saying how to install it: called before anything is read. */
export function sofficeForPdf(lang: Lang, env: NodeJS.ProcessEnv = process.env): string {
  const soffice = findSoffice(env);
  if (soffice) return soffice;
  throw new UsageError(
    '--pdf cần LibreOffice (soffice) nhưng không tìm thấy trên máy — cài LibreOffice (Windows: tải tại https://www.libreoffice.org/download/; ' +
      'Ubuntu, Debian: sudo apt install libreoffice-calc) rồi chạy lại, hoặc bỏ --pdf',
    '--pdf needs LibreOffice (soffice), which is not installed — install it (Windows: https://www.libreoffice.org/download/; ' +
      'Ubuntu, Debian: sudo apt install libreoffice-calc) and run again, or leave out --pdf',
  );
}

/** `DIR/24-bac-giang.xlsx` → `DIR/24-bac-giang.pdf` */
export const pdfPathOf = (workbook: string): string => join(dirname(workbook), `${basename(workbook, extname(workbook))}.pdf`);

/**
 * Writes the PDF of each of `workbooks` beside it: a copy holding the signed pages only, written to a
 * temporary folder, converted there, and moved beside the workbook under a temporary name then renamed.
 */
export async function writePdfs(
  result: RollupResult,
  summary: SummaryOptions,
  workbooks: WrittenWorkbook[],
  opts: PdfOptions,
): Promise<PdfResult> {
  if (workbooks.length === 0) return { written: [], failed: [] };
  const root = mkdtempSync(join(tmpdir(), 'tiendo-pdf-'));
  try {
    const copies = await writeSummaryWorkbooks(result, { ...summary, outDir: join(root, 'copies'), sheets: PDF_SHEETS, inputs: [] });
    const copyOf = new Map(copies.map((c) => [c.unit, c.path]));
    const atOnce = Math.max(1, Math.min(opts.atOnce ?? Math.min(availableParallelism(), MAX_AT_ONCE), workbooks.length));
    const pdfs: (string | null)[] = workbooks.map(() => null);
    // One queue for all the workers: each takes the next workbook when its LibreOffice is free.
    const queue = workbooks.entries();
    let done = 0;
    const worker = async (w: number): Promise<void> => {
      const profile = pathToFileURL(join(root, `profile-${w}`)).href;
      const outDir = join(root, `pdf-${w}`);
      mkdirSync(outDir);
      for (const [i, wb] of queue) {
        const made = await convert(opts.soffice, profile, copyOf.get(wb.unit)!, outDir, opts.timeoutMs ?? 120_000);
        if (made) {
          const target = pdfPathOf(wb.path);
          await atomically(target, (tmp) => Promise.resolve(copyFileSync(made, tmp)));
          rmSync(made, { force: true });
          pdfs[i] = target;
        }
        opts.onProgress?.({ done: ++done, total: workbooks.length, pdf: pdfs[i] ?? null, workbook: wb.path });
      }
    };
    await Promise.all(Array.from({ length: atOnce }, (_, w) => worker(w)));
    return {
      written: workbooks.flatMap((wb, i) => {
        const path = pdfs[i];
        return path ? [{ unit: wb.unit, path }] : [];
      }),
      failed: workbooks.filter((_, i) => !pdfs[i]).map((wb) => wb.path),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * One workbook to PDF in `outDir`: its path, or null. A profile's first start may end LibreOffice
 * once it has set itself up, before converting anything: then once more.
 */
async function convert(soffice: string, profile: string, file: string, outDir: string, timeoutMs: number): Promise<string | null> {
  const out = join(outDir, `${basename(file, extname(file))}.pdf`);
  for (let attempt = 0; attempt < 2; attempt++) {
    await runSoffice(
      soffice,
      [
        '--headless',
        '--invisible',
        '--norestore',
        '--nolockcheck',
        '--nodefault',
        '--nofirststartwizard',
        `-env:UserInstallation=${profile}`,
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        file,
      ],
      timeoutMs,
    );
    if (existsSync(out)) return out;
  }
  return null;
}
