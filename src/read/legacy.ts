// Legacy Vietnamese font encodings (SPEC §2.3, last bullet).
//
// Registers typed before Unicode used 8-bit "font encodings": the bytes are
// ordinary Windows-1252 text and only the font draws them as Vietnamese.
//  - TCVN3 / ABC (fonts `.VnTime`, `.VnArial`, … and their capital twins
//    `.VnTimeH`, `.VnArialH`, …): converted to Unicode here.
//  - VNI-Windows (fonts `VNI-Times`, `VNI-Helve`, …): only detected; the
//    reader warns `legacy-encoding` and asks the unit to convert the file.
//
// Excel hands such a cell over as the Windows-1252 / Latin-1 character of each
// byte, e.g. "NguyÔn V¨n An" (0xD4 = ễ, 0xA8 = ă) for "Nguyễn Văn An".
//
// Source of the table
// -------------------
// TCVN3 as used by the ABC fonts is the 8-bit subset "VN3" of TCVN 5712:1993.
// The byte → Unicode values below are those of GNU libiconv, `lib/tcvn.h`
// (`tcvn_2uni_2`, rows 0xA0–0xFF; read from the mirror koron/libiconv,
// path lib/tcvn.h), restricted to the 74 letters of VN3: the 7 capitals
// Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7, the 7 lower-case ă â ê ô ơ ư đ at 0xA8–0xAE and
// the 60 lower-case toned vowels in 0xB5–0xFE. It was cross-checked letter by
// letter against UniKey's converter table (fcitx/fcitx5-unikey,
// unikey/data.cpp, charset "TCVN3") and against two independent
// transcriptions (duydev/vietnamese-conversion src/charsets.ts;
// Eruylz/XuatThuy Utils/Unicode2TCVN3.cs); all agree.
//
// Left out on purpose (they pass through unchanged):
//  - 0x80–0x9F: not used by VN3; UniKey keeps them as the Windows-1252
//    symbols (“ ” ‘ ’ – — … € …), which is what they are in these files.
//  - 0xB0–0xB4: stand-alone tone marks in full TCVN 5712 (VN1), not letters
//    of VN3; in Latin-1 they are ° ± ² ³ ´, which do occur in real text.
//  - 0xAF, 0xBA, 0xBF–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF: capitals with
//    tone marks in VN1 only. VN3 has no toned capitals — they are written with
//    the lower-case codes in an `H` font (see `upper` below).

/** Which legacy encoding a font name implies. */
export type LegacyFontKind = 'tcvn3' | 'tcvn3-upper' | 'vni';

/**
 * The legacy encoding implied by a cell's font name, case-insensitive, spaces
 * around the name ignored:
 *  - `.Vn…` (TCVN3 / ABC) → `'tcvn3'`, or `'tcvn3-upper'` when the name ends
 *    with `H` (`.VnTimeH`, `.VnArialH`, `.VnCentury SchoolbookH`: the capital
 *    fonts, whose lower-case slots are drawn as capitals);
 *  - `VNI-…` / `VNI …` / `VNI_…` → `'vni'`;
 *  - anything else (Unicode fonts such as `Times New Roman`, no font) → `null`.
 */
export function legacyFontKind(fontName: string | undefined): LegacyFontKind | null {
  if (fontName === undefined) return null;
  // Asked for every cell of a workbook, of the same few fonts.
  let kind = KINDS.get(fontName);
  if (kind === undefined) {
    kind = kindOfFont(fontName);
    if (KINDS.size < 1000) KINDS.set(fontName, kind);
  }
  return kind;
}

const KINDS = new Map<string, LegacyFontKind | null>();

function kindOfFont(fontName: string): LegacyFontKind | null {
  const name = fontName.trim().toLowerCase();
  if (name.startsWith('.vn') && name.length > 3) return name.endsWith('h') ? 'tcvn3-upper' : 'tcvn3';
  if (/^vni[-_ ]\S/.test(name)) return 'vni';
  return null;
}

/** TCVN3 (VN3) byte → Unicode letter; see the header comment for the source. */
const TCVN3_LETTERS: ReadonlyArray<readonly [number, string]> = [
  // capitals without tone (the only capitals VN3 has besides ASCII A–Z)
  [0xa1, 'Ă'],
  [0xa2, 'Â'],
  [0xa3, 'Ê'],
  [0xa4, 'Ô'],
  [0xa5, 'Ơ'],
  [0xa6, 'Ư'],
  [0xa7, 'Đ'],
  // lower case without tone
  [0xa8, 'ă'],
  [0xa9, 'â'],
  [0xaa, 'ê'],
  [0xab, 'ô'],
  [0xac, 'ơ'],
  [0xad, 'ư'],
  [0xae, 'đ'],
  // a
  [0xb5, 'à'],
  [0xb6, 'ả'],
  [0xb7, 'ã'],
  [0xb8, 'á'],
  [0xb9, 'ạ'],
  // ă
  [0xbb, 'ằ'],
  [0xbc, 'ẳ'],
  [0xbd, 'ẵ'],
  [0xbe, 'ắ'],
  [0xc6, 'ặ'],
  // â
  [0xc7, 'ầ'],
  [0xc8, 'ẩ'],
  [0xc9, 'ẫ'],
  [0xca, 'ấ'],
  [0xcb, 'ậ'],
  // e
  [0xcc, 'è'],
  [0xce, 'ẻ'],
  [0xcf, 'ẽ'],
  [0xd0, 'é'],
  [0xd1, 'ẹ'],
  // ê
  [0xd2, 'ề'],
  [0xd3, 'ể'],
  [0xd4, 'ễ'],
  [0xd5, 'ế'],
  [0xd6, 'ệ'],
  // i
  [0xd7, 'ì'],
  [0xd8, 'ỉ'],
  [0xdc, 'ĩ'],
  [0xdd, 'í'],
  [0xde, 'ị'],
  // o
  [0xdf, 'ò'],
  [0xe1, 'ỏ'],
  [0xe2, 'õ'],
  [0xe3, 'ó'],
  [0xe4, 'ọ'],
  // ô
  [0xe5, 'ồ'],
  [0xe6, 'ổ'],
  [0xe7, 'ỗ'],
  [0xe8, 'ố'],
  [0xe9, 'ộ'],
  // ơ
  [0xea, 'ờ'],
  [0xeb, 'ở'],
  [0xec, 'ỡ'],
  [0xed, 'ớ'],
  [0xee, 'ợ'],
  // u
  [0xef, 'ù'],
  [0xf1, 'ủ'],
  [0xf2, 'ũ'],
  [0xf3, 'ú'],
  [0xf4, 'ụ'],
  // ư
  [0xf5, 'ừ'],
  [0xf6, 'ử'],
  [0xf7, 'ữ'],
  [0xf8, 'ứ'],
  [0xf9, 'ự'],
  // y
  [0xfa, 'ỳ'],
  [0xfb, 'ỷ'],
  [0xfc, 'ỹ'],
  [0xfd, 'ý'],
  [0xfe, 'ỵ'],
];

/** The table as [Latin-1 character as Excel gives it, Unicode letter], for tests and encoders. */
export const TCVN3_TABLE: ReadonlyArray<readonly [string, string]> = TCVN3_LETTERS.map(
  ([byte, letter]) => [String.fromCharCode(byte), letter] as const,
);

const LOWER = new Map<string, string>(TCVN3_TABLE);
const UPPER = new Map<string, string>(TCVN3_TABLE.map(([ch, letter]) => [ch, letter.toUpperCase()]));

/**
 * Vietnamese characters that a TCVN3 cell can never contain, because they lie
 * outside the Windows-1252 range the legacy keyboard drivers typed into:
 * the letters of Latin Extended-A/B and Latin Extended Additional used by
 * Vietnamese (ă Ă đ Đ ĩ Ĩ ũ Ũ ơ Ơ ư Ư, U+1EA0–U+1EF9) and the combining marks
 * of decomposed Vietnamese (U+0300–U+0323 range: ` ´ ^ ~ ˘ ̉ ̛ ̣).
 */
const UNICODE_VIETNAMESE =
  /[\u0300-\u0303\u0306\u0309\u031b\u0323\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/u;

/**
 * Whether the text is already Unicode Vietnamese, i.e. contains at least one
 * Vietnamese character above U+00FF (see {@link UNICODE_VIETNAMESE}). Such a
 * character cannot come out of a TCVN3 keyboard driver, so the cell was
 * retyped (or pasted) in Unicode and only kept its old font.
 *
 * Other characters above U+00FF are neutral on purpose: the Windows-1252
 * symbols at 0x80–0x9F (“ ” – … €) are normal in TCVN3 text, and an inserted
 * symbol (→, ≥) should not stop the rest of a TCVN3 cell from being converted.
 *
 * Limitation: Unicode text whose only accented letters are Latin-1 ones
 * (e.g. "Có", U+00F3, which is TCVN3 "ú") cannot be told apart from TCVN3 and
 * is converted as TCVN3 — which is also how Excel draws it in a `.Vn` font.
 */
export function isUnicodeVietnamese(text: string): boolean {
  return UNICODE_VIETNAMESE.test(text);
}

/**
 * Converts the text of a cell (or rich-text run) in a TCVN3 font to NFC Unicode.
 *
 * Each character in the TCVN3 letter table is replaced by its Unicode letter;
 * everything else (ASCII, digits, punctuation, Windows-1252 symbols, Latin-1
 * characters that are not VN3 letters) passes through unchanged.
 *
 * `upper` is for the capital fonts (`.VnTimeH` …, {@link legacyFontKind} →
 * `'tcvn3-upper'`): they draw every letter, ASCII a–z included, as a capital,
 * so the result has all letters in upper case ("®¶ng bé" → "ĐẢNG BỘ").
 * Note: a few third-party capital fonts keep ASCII a–z lower case; the ABC
 * `.Vn…H` fonts do not.
 *
 * Text that is already Unicode Vietnamese ({@link isUnicodeVietnamese}) is
 * returned unchanged (NFC), whether `upper` or not, so a cell retyped in
 * Unicode but still formatted with `.VnTime` is not garbled.
 */
export function tcvn3ToUnicode(text: string, upper = false): string {
  if (isUnicodeVietnamese(text)) return text.normalize('NFC');
  const table = upper ? UPPER : LOWER;
  let out = '';
  for (const ch of text) {
    const letter = table.get(ch);
    if (letter !== undefined) out += letter;
    else if (upper && ch >= 'a' && ch <= 'z') out += ch.toUpperCase();
    else out += ch;
  }
  return out.normalize('NFC');
}

/**
 * Heuristic: whether the text reads as TCVN3 bytes, i.e. it is not already
 * Unicode Vietnamese and contains at least one VN3 letter character
 * (¨ © ª « ¬ ­ ® ¡–§, µ–þ minus the unused slots). Plain ASCII gives false
 * (nothing to convert). Meant for hints such as "this file looks like it was
 * typed in TCVN3" on cells whose font is not a `.Vn` font; it cannot be
 * certain, since Latin-1 text such as "Có" also matches.
 */
export function looksLikeTcvn3(text: string): boolean {
  if (isUnicodeVietnamese(text)) return false;
  for (const ch of text) if (LOWER.has(ch)) return true;
  return false;
}
