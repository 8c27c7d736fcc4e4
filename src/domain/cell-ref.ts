// Cell references as spreadsheets write them: column letters (`A`, `AB`, `XFD`) and addresses (`AB12`).

/** Column letters → 1-based number (`A` 1, `Z` 26, `AA` 27); letters of either case. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
}

/** 1-based column number → its letters. */
export function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `AB12` or `$AB$12` → [row, column]; null when it is no cell address (at most three letters). */
export function cellAddress(ref: string): [number, number] | null {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  const start = i;
  let col = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  const letters = i - start;
  if (letters < 1 || letters > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  const digits = i;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return i > digits ? [row, col] : null;
}
