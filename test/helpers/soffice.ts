// LibreOffice as a reader of what tiendo writes: a workbook it refuses fails the test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';

export const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Converts each file to PDF in `outDir` and returns the PDFs' paths. A fresh profile of its own, so a
 * LibreOffice running elsewhere (another test file) does not take the job; the first start of a
 * profile may restart soffice before converting, hence a second try.
 */
export function toPdf(files: string[], outDir: string): string[] {
  return convertTo('pdf', files, outDir);
}

/** The same for any format LibreOffice writes (`xlsx`: read by LibreOffice and saved again). */
export function convertTo(format: string, files: string[], outDir: string): string[] {
  const profile = mkdtempSync(join(tmpdir(), 'tiendo-lo-profile-'));
  const outs = files.map((f) => join(outDir, `${basename(f, extname(f))}.${format}`));
  for (let attempt = 0; attempt < 2 && !outs.every((p) => existsSync(p)); attempt++) {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, ...files],
      {
        stdio: 'ignore',
        timeout: 180_000,
      },
    );
  }
  return outs;
}
