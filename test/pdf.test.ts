// `rollup --pdf` without LibreOffice's seconds a file (src/pdf.ts): a stand-in `soffice` that writes
// what it is given as a "PDF" shows the conversions several at a time and no more, each LibreOffice
// with its own profile, a profile's first start (which makes no PDF) tried again, a workbook that
// makes no PDF named, the PDFs beside their workbooks, and the temporary folder gone. The real
// LibreOffice is test/e2e/rollup-pdf.test.ts.
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregate } from '../src/aggregate/index.js';
import { ownerCounts } from '../src/aggregate/owners.js';
import { parsePeriod } from '../src/classify/period.js';
import { UsageError } from '../src/errors.js';
import { pdfPathOf, sofficeForPdf, writePdfs, type PdfProgress } from '../src/pdf.js';
import { writeSummaryWorkbooks } from '../src/write/summary.js';
import { kinds, province, register } from './aggregate/make.js';
import { at } from './helpers/at.js';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-pdf-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Logs each start and end with the profile it ran with; a profile's first start makes nothing (as
// LibreOffice restarts itself after setting a profile up); `215-…` never converts.
const FAKE = `#!/bin/sh
log="${join(dir, 'log')}"
for a in "$@"; do
  case "$a" in
    -env:UserInstallation=file://*) profile="\${a#-env:UserInstallation=file://}" ;;
  esac
  last="$a"
done
while [ "$1" != "--outdir" ]; do shift; done
out="$2"
echo "start $profile" >> "$log"
sleep 0.3
if [ ! -d "$profile" ]; then mkdir -p "$profile"; echo "end $profile first" >> "$log"; exit 0; fi
case "$last" in
  */215-*) ;;
  *) name=$(basename "$last" .xlsx); cp "$last" "$out/$name.pdf" ;;
esac
echo "end $profile" >> "$log"
`;

describe.skipIf(process.platform === 'win32')(
  `writePdfs with a stand-in soffice${process.platform === 'win32' ? ' — skipped on Windows: the stand-in is a shell script' : ''}`,
  () => {
    it('converts several at a time within the limit, beside each workbook, naming the one that failed', async () => {
      const soffice = join(dir, 'soffice');
      writeFileSync(soffice, FAKE);
      chmodSync(soffice, 0o755);
      const t = province();
      const u = (code: string) => t.byCode.get(code)!;
      const period = parsePeriod('2024-Q3');
      const result = aggregate({
        tree: t,
        asOf: '2024-09-30',
        period,
        diagnostics: [],
        registers: [
          register(u('213'), 'luc-nam.xlsx', [kinds.doneOnTime(), kinds.pendingOverdue()]),
          register(u('215'), 'yen-the.xlsx', [kinds.doneLate()]),
        ],
      });
      result.owners = ownerCounts(result.tasks, null, '2024-09-30', period);
      const out = join(dir, 'out');
      const summary = { outDir: out, header: {}, asOf: '2024-09-30', period, lang: 'vi' as const, inputs: [] };
      const workbooks = await writeSummaryWorkbooks(result, summary);
      expect(workbooks.length).toBe(3);

      const progress: PdfProgress[] = [];
      const r = await writePdfs(result, summary, workbooks, { soffice, atOnce: 2, onProgress: (p) => progress.push(p) });

      expect(r.written.map((w) => w.path)).toEqual([join(out, '24-bac-giang.pdf'), join(out, '213-luc-nam.pdf')]);
      expect(r.failed).toEqual([join(out, '215-yen-the.xlsx')]);
      expect(readdirSync(out).sort()).toEqual([
        '213-luc-nam.pdf',
        '213-luc-nam.xlsx',
        '215-yen-the.xlsx',
        '24-bac-giang.pdf',
        '24-bac-giang.xlsx',
      ]);
      expect(progress.map((p) => [p.done, p.total])).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      expect(progress.find((p) => p.workbook.endsWith('215-yen-the.xlsx'))!.pdf).toBeNull();
      // what was converted is the copy holding the signed sheets, not the workbook
      expect(readFileSync(join(out, '24-bac-giang.pdf')).length).toBeLessThan(readFileSync(join(out, '24-bac-giang.xlsx')).length);

      const log = readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
      let running = 0;
      let most = 0;
      for (const line of log) {
        running += line.startsWith('start') ? 1 : -1;
        most = Math.max(most, running);
      }
      expect(most).toBe(2);
      // two profiles, each started once for nothing and then reused; 215 tried twice, as any file that makes no PDF
      const profiles = new Set(log.map((l) => at(l.split(' '), 1, 'profile in the log line')));
      expect(profiles.size).toBe(2);
      expect(log.filter((l) => l.endsWith(' first'))).toHaveLength(2);
      // the temporary folder (copies, profiles, PDFs made there) is gone
      for (const p of profiles) expect(existsSync(join(p, '..'))).toBe(false);
    });
  },
);

describe('sofficeForPdf', () => {
  it('is a usage error in either language when LibreOffice is not on the PATH', () => {
    const empty = mkdtempSync(join(dir, 'path-'));
    let error: unknown;
    try {
      sofficeForPdf('vi', { PATH: empty });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).text('vi')).toMatch(/^--pdf cần LibreOffice \(soffice\) nhưng không tìm thấy trên máy — cài LibreOffice/);
    expect((error as UsageError).text('en')).toMatch(/^--pdf needs LibreOffice \(soffice\), which is not installed/);
    writeFileSync(join(empty, 'soffice'), '');
    expect(sofficeForPdf('vi', { PATH: empty })).toBe(join(empty, 'soffice'));
  });

  it('names each PDF after its workbook', () => {
    expect(pdfPathOf('/out/24-bac-giang.xlsx')).toBe('/out/24-bac-giang.pdf');
  });
});
