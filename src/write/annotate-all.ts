// `--annotate DIR`: one annotated copy per input, each with the diagnostics of its own file.
import { basename, extname } from 'node:path';
import { stripCheckedSuffix } from '../domain/marks.js';
import type { Diagnostic, Lang, Register } from '../types.js';
import { writeAnnotated, type AnnotateInput } from './annotate.js';
import { folderCheckedOnce, inputGuard } from './atomic.js';

/** What the copies are made from: a run's registers, its --progress files and their diagnostics. */
export interface Annotatable {
  registers: Register[];
  progressFiles: Register[];
  diagnostics: Diagnostic[];
  lang: Lang;
  /** reads a register's cells again when they were let go after reading (AnnotateInput.cellsAgain) */
  cellsAgain?: AnnotateInput['cellsAgain'];
}

export async function annotateAll(run: Annotatable, outDir: string): Promise<string[]> {
  const inputs = [...run.registers, ...run.progressFiles].map((r) => r.path);
  const notInput = inputGuard(inputs);
  const folder = folderCheckedOnce();
  const used = new Map<string, number>();
  const written: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of run.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  // `--progress` files get their copy too: diagnostics about an updated value point into them.
  for (const register of [...run.registers, ...run.progressFiles]) {
    // Two inputs with one base name (communes' folders) get -2, -3 … rather than overwrite each other.
    // A copy sent back keeps its name: `x.checked.xlsx` is annotated again as `x.checked.xlsx`.
    const stem = stripCheckedSuffix(basename(register.path, extname(register.path)));
    const n = (used.get(stem.toLowerCase()) ?? 0) + 1;
    used.set(stem.toLowerCase(), n);
    const name = n === 1 ? stem : `${stem}-${n}`;
    const diagnostics = byFile.get(register.displayPath) ?? [];
    written.push(
      await writeAnnotated({ register, diagnostics, outDir, lang: run.lang, inputs, notInput, name, cellsAgain: run.cellsAgain, folder }),
    );
  }
  return written;
}
