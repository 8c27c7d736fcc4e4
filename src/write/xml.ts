// What every part of an .xlsx package needs of XML: text escaped, and a column's letters.
import { columnLetters } from '../domain/cell-ref.js';

// Characters XML 1.0 cannot carry (pasted from old software).
// eslint-disable-next-line no-control-regex -- the characters XML cannot carry are control characters
const XML_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex -- as XML_BAD, and the four that are escaped
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(XML_BAD, '').replace(/[&<>"]/g, (c) => ESC[c] ?? c);
}

const LETTERS: string[] = [];
/** A column's letters, remembered: the writer asks for the same few columns row after row. */
export function columnLetter(n: number): string {
  return LETTERS[n] ?? (LETTERS[n] = columnLetters(n));
}
