// Vietnamese text: NFC, folding for matching, names of people.

// Zero-width characters pasted from web pages and Word; they would split or glue words invisibly.
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** NFC, trimmed, inner whitespace (incl. line breaks, NBSP) collapsed to one space. */
export function clean(s: string): string {
  if (cleanAlready(s)) return s;
  const n = s.normalize('NFC');
  // most cells are clean already: single spaces between words, nothing at the ends
  if (!MESSY.test(n)) return n;
  return n.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
}

/**
 * True when clean would return `s` as it is, told by one look at each character: letters below the
 * combining marks (ASCII, Latin-1, Latin Extended, đ ư ơ ă) and the precomposed letters of Latin
 * Extended Additional (every tone mark of Vietnamese) are NFC whatever stands around them, and the
 * spaces are single and inside. False sends the text the long way, which decides.
 */
function cleanAlready(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300) {
      if (c === 32 ? prev === 32 : (c >= 9 && c <= 13) || c === 0xa0) return false;
    } else if (c < 0x1e00 || c >= 0x1f00) return false;
    prev = c;
  }
  return true;
}

/** What clean would change: a zero-width character, whitespace other than one space between words. */
const MESSY = /[\u200b-\u200d\u2060\ufeff]|[^\S ]| {2}|^ | $/;

/**
 * Fold for matching headers, units and vocabularies: NFD, drop combining marks,
 * đ/Đ → d, lower case, every non-letter-non-digit → space, collapsed, trimmed.
 * `fold('Người chịu\ntrách nhiệm')` → `nguoi chiu trach nhiem`.
 */
export function fold(s: string): string {
  // Character by character through a table of the Latin letters, marks and signs (foldSlowly's
  // answer for each); a character outside the table sends the whole text the slow way.
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c < 0x370 ? FOLD_LATIN[c] : c >= 0x1e00 && c < 0x2070 ? FOLD_VIET[c - 0x1e00] : c === 0xfeff ? '' : undefined;
    if (f === undefined) return foldSlowly(s);
    if (f === ' ') space = out !== '';
    else if (f !== '') {
      if (space) out += ' ';
      out += f;
      space = false;
    }
  }
  return out;
}

/** fold as the definition says it, for any text. */
export function foldSlowly(s: string): string {
  return (
    s
      .replace(ZERO_WIDTH, '')
      .toLowerCase()
      // lower-casing first: some capitals lower-case to a letter plus a mark
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      // đ is a letter of its own, not d with a mark, so NFD leaves it whole
      .replace(/đ/g, 'd')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** What one character folds to between two letters: '' (dropped), ' ' (a separator), text, or undefined (ask foldSlowly). */
function foldOne(c: number): string | undefined {
  const r = foldSlowly(`a${String.fromCharCode(c)}a`);
  if (r === 'aa') return '';
  if (r === 'a a') return ' ';
  if (r.length > 2 && r.startsWith('a') && r.endsWith('a') && !r.slice(1, -1).includes(' ')) return r.slice(1, -1);
  return undefined;
}

/** U+0000–U+036F: ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing modifiers, combining marks. */
const FOLD_LATIN: (string | undefined)[] = Array.from({ length: 0x370 }, (_, c) => foldOne(c));
/**
 * U+1E00–U+206F: Latin Extended Additional (the Vietnamese letters with two marks), Greek Extended
 * (left to foldSlowly: its case depends on the neighbours) and General Punctuation (dashes, curly
 * quotes, zero-width characters).
 */
const FOLD_VIET: (string | undefined)[] = Array.from({ length: 0x2070 - 0x1e00 }, (_, i) =>
  i >= 0x100 && i < 0x200 ? undefined : foldOne(0x1e00 + i),
);

// A leading honorific, as a whole word followed by the rest of a name (so a person called "Anh" survives).
const HONORIFIC = /^(?:đồng\s+chí|đ\s*[/.]?\s*c\.?|ông|bà|anh|chị)(?:\s*:\s*|\s+)(?=\S)/iu;
// A list marker before a name on its own line: "- Nguyễn Văn An", "1. Trần Thị Bình".
const BULLET = /^(?:[-–—•+*·]+\s*|\d{1,2}[.)]\s+)/u;
// A dash or an opening parenthesis introduces the position: "Nguyễn Văn An - Chủ tịch", "… (Bí thư)".
const POSITION_START = /\s*[-–—(]/u;

// Words that open a position, not a name (no Vietnamese surname is among them; diacritics matter:
// "trưởng" is a post, "Trương" a surname). Used after a comma or a line break: "Nguyễn Văn An, Chủ tịch UBND xã".
const POSITION_WORDS = [
  'chủ tịch',
  'phó',
  'bí thư',
  'trưởng',
  'giám đốc',
  'chánh',
  'ủy viên',
  'đảng ủy viên',
  'cán bộ',
  'công chức',
  'chỉ huy',
  'thường trực',
  'chuyên viên',
  'kế toán',
  'tổ trưởng',
  'thư ký',
  'trợ lý',
  'phụ trách',
  'ubnd',
  'hđnd',
  'ct',
  'pct',
  'bt',
  'pbt',
  'gđ',
  'pgđ',
];

/** True when the text is a position (`Chủ tịch UBND xã`, `PCT`) rather than a person's name. */
function isPosition(s: string): boolean {
  const k = clean(s).toLowerCase().replace(/uỷ/g, 'ủy');
  return POSITION_WORDS.some((w) => k === w || k.startsWith(`${w} `));
}

/** The display form of a person's name: honorific and trailing position removed, NFC, spaces collapsed, case kept. */
export function personName(name: string): string {
  let s = clean(name).replace(BULLET, '');
  s = s.replace(HONORIFIC, '');
  const dash = s.search(POSITION_START);
  if (dash >= 0) s = s.slice(0, dash);
  const comma = s.indexOf(',');
  if (comma >= 0 && isPosition(s.slice(comma + 1))) s = s.slice(0, comma);
  return clean(s.replace(/[\s.,;:]+$/u, ''));
}

// Tone marks in NFD; Vietnamese places them on one vowel of a syllable.
const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
// A bare o then a/e carrying a tone, or a bare u then y carrying one (NFC): the only words whose
// tone unifyTonePlacement moves (a tone already on the first vowel stays where it is).
const MAY_GLIDE = /o[àáãảạèéẽẻẹ]|u[ỳýỹỷỵ]/u;
// A syllable ending in oa, oe or uy (no final consonant): the tone may be typed on either vowel
// (hòa / hoà, Thủy / Thuỷ — old and new placement, both produced by Unikey). Not after q: in quý the u is
// part of the consonant and the tone is always on y.
const OPEN_GLIDE = new RegExp(`^([^\\p{L}]*[b-df-hj-np-tv-xzđ]*?)(o|u)(${TONE}?)(a|e|y)(${TONE}?)$`, 'u');

/** Move the tone of an oa/oe/uy syllable to its first vowel, so both placements give one key. */
function unifyTonePlacement(word: string): string {
  if (!MAY_GLIDE.test(word)) return word; // most words
  const d = word.normalize('NFD');
  const m = OPEN_GLIDE.exec(d);
  if (!m) return word;
  const [, initial = '', v1 = '', t1 = '', v2 = '', t2 = ''] = m; // every group takes part in a match
  if (initial.endsWith('q') || (t1 !== '' && t2 !== '') || (v1 === 'o' && v2 === 'y') || (v1 === 'u' && v2 !== 'y')) {
    return word;
  }
  return `${initial}${v1}${t1 || t2}${v2}`.normalize('NFC');
}

/**
 * The key two names of a person match on (SPEC §2.2): NFC, trim, collapse spaces, case-fold
 * (diacritics kept: Hà ≠ Hạ), a leading honorific (đồng chí, đ/c, ông, bà, anh, chị) stripped,
 * a trailing position stripped (`Nguyễn Văn An - Chủ tịch UBND xã`, `Nguyễn Văn An (Bí thư)`).
 * The tone of an oa/oe/uy syllable counts the same on either vowel (Thủy = Thuỷ, Hòa = Hoà).
 */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    // a province has a few thousand cadres, each named on many tasks and asked about by three rules
    if (nameKeys.size >= 50_000) nameKeys.clear();
    key = personName(name).toLowerCase().normalize('NFC').split(' ').map(unifyTonePlacement).join(' ');
    nameKeys.set(name, key);
  }
  return key;
}

const nameKeys = new Map<string, string>();

// Separators between people in one owner cell; ` - ` is not one (it introduces a position), nor the `/` of `đ/c`.
const OWNER_SEPARATOR = /[,;\r\n]+|\s+(?:và|\+|&)\s+/iu;

/**
 * The people named in an owner cell: split on `,` `;` line breaks ` và ` ` + ` (not on the `/` of `đ/c`,
 * not on ` - ` which introduces a position); each cleaned by personName; empty parts dropped.
 * A part that is a position (`Nguyễn Văn An, Chủ tịch UBND xã`) belongs to the name before it.
 */
export function ownerNames(cell: string): string[] {
  // The same owners' cell recurs task after task: read once, each task given its own copy.
  let names = OWNER_NAMES.get(cell);
  if (!names) {
    // emptied when full, as nameKeys is: the cells of the registers being read stay
    if (OWNER_NAMES.size >= 50_000) OWNER_NAMES.clear();
    names = readOwnerNames(cell);
    OWNER_NAMES.set(cell, names);
  }
  return names.slice();
}

const OWNER_NAMES = new Map<string, string[]>();

function readOwnerNames(cell: string): string[] {
  const parts = cell.normalize('NFC').split(OWNER_SEPARATOR);
  const names: string[] = [];
  parts.forEach((part, i) => {
    // a position on a line of its own, bulleted or not, belongs to the name before it
    if (i > 0 && isPosition(clean(part).replace(BULLET, ''))) return;
    const name = personName(part);
    if (name !== '') names.push(name);
  });
  return names;
}

/** Levenshtein distance on folded strings, for "did you mean". */
export function distance(a: string, b: string): number {
  const s = Array.from(fold(a));
  const t = Array.from(fold(b));
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let left = i; // row[j - 1]
    let diagonal = i - 1; // prev[j - 1]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const up = prev[j] ?? 0; // prev has t.length + 1 entries
      left = Math.min(up + 1, left + 1, diagonal + cost);
      row.push(left);
      diagonal = up;
    }
    prev = row;
  }
  return prev.at(-1) ?? 0;
}

/** Kebab-case ASCII slug: `Lục Nam` → `luc-nam`. */
export function slug(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
