// Types of scripts/make-hostile.js for the tests that import it (the script itself is plain ESM).
export interface ZipInput {
  name: string;
  data: Buffer;
  store?: boolean;
  compressed?: Buffer;
  crc?: number;
  size?: number;
}
export function crc32(buf: Buffer, crc?: number): number;
export function zip(entries: ZipInput[]): Buffer;
export function deflateRepeated(unit: Buffer, bytes: number): Promise<{ compressed: Buffer; crc: number }>;
export type SpecCell =
  | string
  | number
  | null
  | undefined
  | { s?: string; n?: number; date?: number; f?: string; v?: string | number; t?: string; e?: string; x?: string };
export function xlsx(
  sheets: { name: string; rows: SpecCell[][]; merges?: string[] }[],
  opts?: {
    sheetProlog?: string;
    stringsProlog?: string;
    keywords?: string;
    entries?: (entries: ZipInput[]) => ZipInput[];
  },
): Buffer;
export function compoundFile(streams: { name: string; data: Buffer }[]): Buffer;
export function biff8(sheetName: string, rows: (string | number | null)[][]): Buffer;
export function encryptedXlsx(): Buffer;
export function ods(sheetName: string, rows: (string | number | null)[][]): Buffer;
export const UNITS: [string, string, string, string][];
export const AS_OF: string;
export const HEADER: string[];
export const TASKS: (string | number)[][];
export function registerRows(unitName: string, tasks?: SpecCell[][]): SpecCell[][];
export function toTcvn3(s: string): string;
export function honestBomb(unitName: string, bytes: number): Promise<Buffer>;
export function lyingBomb(unitName: string, bytes: number, declared?: number): Promise<Buffer>;
export function bigRegister(unitName: string, n: number): Buffer;
export function unitsCsv(): string;
export function writeFixtures(dir: string): void;
export function cases(): { name: string; bytes: Buffer; expect: unknown }[];
