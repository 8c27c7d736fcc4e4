// Types of scripts/exe-check.js for the test that imports it (the script itself is plain ESM).
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}
export type Runner = (args: string[], opts: { cwd: string; env: Record<string, string> }) => Ran;
export interface Case {
  name: string;
  fixture?: string;
  args: string[];
  env?: Record<string, string>;
  outputs?: string;
  linuxOnly?: boolean;
  needs?: 'soffice';
}
export const ROOT: string;
export const ENV: Record<string, string>;
export const CASES: Case[];
export function cli(args: string[], opts: { cwd: string; env: Record<string, string> }): Ran;
export function hasSoffice(): boolean;
export function compareCase(
  c: Case,
  runExe: Runner,
  opts: { scratch: string; normalise?: (s: string) => string; env?: Record<string, string> },
): Promise<string[]>;
export function checkMonthly(
  run: (folder: string) => Ran,
  opts: { scratch: string; units?: boolean },
): Promise<{ problems: string[]; folder: string; results: string; stdout: string }>;
export function checkEmptyFolder(run: (folder: string) => Ran, opts: { scratch: string }): string[];
export function scratchDir(name: string): string;
