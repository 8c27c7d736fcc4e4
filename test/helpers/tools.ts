// The outside tools some tests read tiendo's output with; a test that needs one skips, naming it, without.
import { spawnSync } from 'node:child_process';

/** Whether `cmd arg` runs (and exits 0). */
export function has(cmd: string, arg: string): boolean {
  return spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
}

/** A python3 with openpyxl: Debian's (python3-openpyxl), else the one on the PATH; undefined without. */
export const openpyxlPython = ['/usr/bin/python3', 'python3'].find(
  (p) => spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0,
);

/** poppler's pdftotext and pdftoppm, which the PDF tests read and render with. */
export const hasPoppler = has('pdftotext', '-v') && has('pdftoppm', '-v');
