// Types of scripts/zip-forms.js for the tests that import it (the script itself is plain ESM).
export interface ZipFormEntry {
  name: string;
  data: Buffer;
  method?: number;
}
export function unzipEntries(buf: Buffer): ZipFormEntry[];
export function rezip(
  entries: ZipFormEntry[],
  form?: { store?: boolean; descriptors?: boolean; zip64?: boolean; directories?: boolean },
): Buffer;
export function infoZip64(entries: ZipFormEntry[], tmp: string): Buffer | null;
export function pythonZip64(entries: ZipFormEntry[], tmp: string, python?: string): Buffer | null;
