// Number formats (ECMA-376 §18.8.31) read as the program that wrote them meant them: what a format
// makes of a number — a date, a percentage, a plain number — and the text a cell in it displays.
//
// A format has up to four sections (`positive;negative;zero;text`, or with conditions `[<1]…;…`).
// Quoted literals (`"%"`), backslash escapes (`\%`), the character after a skip (`_)`) or a fill
// (`* `) and bracketed tags (`[Red]`, `[Color10]`, `[$-42A]`, `[$€-407]`, `[DBNum1]`, `[<1]`) are
// not format codes: `0"%"` and `0\%` show the number itself followed by a percent sign (44.5 shown
// as 45%, not 4450%), and `"yyyy"0` is no date. `[h]`, `[mm]`, `[ss]` are elapsed time. What a
// format *is* follows its first section, as LibreOffice classifies it (checked with soffice on the
// built-in ids and on the table in test/read/numfmt.test.ts): a date when date or time codes stand
// in it, else a percentage when a `%` does, else text (`@`) or a number.

export type FormatKind = 'general' | 'number' | 'percent' | 'date' | 'text';

type Token =
  | { t: 'lit'; s: string }
  | { t: 'digit'; ch: '0' | '#' | '?' }
  | { t: 'point' }
  | { t: 'comma' }
  | { t: 'percent' }
  | { t: 'exp' }
  | { t: 'slash' }
  | { t: 'date'; s: string }
  | { t: 'general' }
  | { t: 'text' };

interface Section {
  tokens: Token[];
  kind: FormatKind;
  /** `[<1]`, `[>=100]` … */
  condition: ((n: number) => boolean) | null;
}

export interface NumberFormat {
  code: string;
  /** what the format makes of a number: from its first section */
  kind: FormatKind;
  sections: Section[];
}

/**
 * Excel's built-in formats by id, as LibreOffice reads a file that names the id with no
 * formatCode. 27–36 and 50–58 are the East Asian date and time formats (written by Excel in
 * Chinese, Japanese and Korean locales); their exact code depends on the locale, their kind does
 * not: LibreOffice shows every one of them as a date or a time, and so does tiendo.
 */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"$"#,##0_);("$"#,##0)',
  6: '"$"#,##0_);[Red]("$"#,##0)',
  7: '"$"#,##0.00_);("$"#,##0.00)',
  8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Letters that are date or time codes outside quotes (`e` = era year, `g` = era, `b` = Buddhist year). */
const DATE_LETTER = /[ymdhsgeb]/i;

/** The tokens that are one character each, whatever stands around them. */
const ONE_CHARACTER = new Map<string, Token>([
  ['0', { t: 'digit', ch: '0' }],
  ['#', { t: 'digit', ch: '#' }],
  ['?', { t: 'digit', ch: '?' }],
  ['.', { t: 'point' }],
  [',', { t: 'comma' }],
  ['%', { t: 'percent' }],
  ['/', { t: 'slash' }],
  ['@', { t: 'text' }],
]);

interface Tokens {
  tokens: Token[];
  condition: Section['condition'];
}

function lit(out: Tokens, s: string): void {
  const last = out.tokens.at(-1);
  if (last?.t === 'lit') last.s += s;
  else out.tokens.push({ t: 'lit', s });
}

function tokenize(section: string): Tokens {
  const out: Tokens = { tokens: [], condition: null };
  for (let i = 0; i < section.length; i++) {
    const one = ONE_CHARACTER.get(section.charAt(i));
    if (one) out.tokens.push({ ...one });
    else {
      const end = notCode(section, i, out);
      i = end >= 0 ? end : codeOrLetter(section, i, out);
    }
  }
  return out;
}

/**
 * What is no format code at `i` — a quoted literal, an escape, a skip, a fill, a bracketed tag —
 * taken into `out`: the index of its last character, or -1 when none stands there.
 */
function notCode(section: string, i: number, out: Tokens): number {
  switch (section.charAt(i)) {
    case '"': {
      const end = section.indexOf('"', i + 1);
      lit(out, section.slice(i + 1, end < 0 ? section.length : end));
      return end < 0 ? section.length : end;
    }
    case '\\':
      if (i + 1 >= section.length) return i;
      lit(out, section.charAt(i + 1));
      return i + 1;
    case '_':
      // a space as wide as the next character: shown as one space
      lit(out, ' ');
      return i + 1;
    case '*':
      // the next character repeated to fill the cell: nothing in a text
      return i + 1;
    case '[':
      return bracketTag(section, i, out);
    default:
      return -1;
  }
}

/** A bracketed tag: elapsed time, a condition, a currency symbol; colours, [DBNum1], [~buddhist] … show nothing. */
function bracketTag(section: string, i: number, out: Tokens): number {
  const end = section.indexOf(']', i + 1);
  const tag = section.slice(i + 1, end < 0 ? section.length : end);
  if (/^(h+|m+|s+)$/i.test(tag)) out.tokens.push({ t: 'date', s: `[${tag}]` });
  else if (/^(<>|<=|>=|<|>|=)\s*-?[\d.]+$/.test(tag)) out.condition = compare(tag);
  else if (tag.startsWith('$')) {
    const symbol = tag.slice(1).split('-')[0];
    if (symbol) lit(out, symbol);
  }
  return end < 0 ? section.length : end;
}

/** An exponent, General, AM/PM, a run of one date letter, or a literal character at `i`: the index of its last character. */
function codeOrLetter(section: string, i: number, out: Tokens): number {
  const ch = section.charAt(i);
  const next = section.charAt(i + 1);
  if ((ch === 'E' || ch === 'e') && (next === '+' || next === '-')) {
    out.tokens.push({ t: 'exp' });
    return i + 1;
  }
  if (/^general/i.test(section.slice(i))) {
    out.tokens.push({ t: 'general' });
    return i + 6;
  }
  const ampm = /^(AM\/PM|A\/P|上午\/下午)/i.exec(section.slice(i));
  if (ampm) {
    out.tokens.push({ t: 'date', s: ampm[0] });
    return i + ampm[0].length - 1;
  }
  if (DATE_LETTER.test(ch)) {
    let j = i;
    while (j + 1 < section.length && section.charAt(j + 1).toLowerCase() === ch.toLowerCase()) j++;
    out.tokens.push({ t: 'date', s: section.slice(i, j + 1) });
    return j;
  }
  lit(out, ch);
  return i;
}

function compare(tag: string): (n: number) => boolean {
  const m = /^(<>|<=|>=|<|>|=)\s*(-?[\d.]+)$/.exec(tag)!;
  const v = Number(m[2]);
  switch (m[1]) {
    case '<':
      return (n) => n < v;
    case '<=':
      return (n) => n <= v;
    case '>':
      return (n) => n > v;
    case '>=':
      return (n) => n >= v;
    case '=':
      return (n) => n === v;
    default:
      return (n) => n !== v;
  }
}

/** The sections of a code, split at `;` outside quotes, escapes and brackets. */
function splitSections(code: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === ';') {
      out.push(code.slice(start, i));
      start = i + 1;
    }
  }
  out.push(code.slice(start));
  return out;
}

function kindOf(tokens: Token[]): FormatKind {
  if (tokens.some((t) => t.t === 'date')) return 'date';
  if (tokens.some((t) => t.t === 'percent')) return 'percent';
  if (tokens.some((t) => t.t === 'digit' || t.t === 'exp')) return 'number';
  if (tokens.some((t) => t.t === 'text')) return 'text';
  return 'general';
}

const CACHE = new Map<string, NumberFormat>();

export function parseFormat(code: string): NumberFormat {
  let f = CACHE.get(code);
  if (f) return f;
  const sections = splitSections(code).map((s): Section => {
    const { tokens, condition } = tokenize(s);
    return { tokens, kind: kindOf(tokens), condition };
  });
  f = { code, kind: sections[0]?.kind ?? 'general', sections };
  if (CACHE.size < 1000) CACHE.set(code, f);
  return f;
}

/** The format a style names: its own code, else the built-in of its id; '' (General) when none. */
export function formatCode(id: number, custom: ReadonlyMap<number, string>): string {
  return custom.get(id) ?? BUILTIN_FORMATS[id] ?? '';
}

export function formatKind(code: string): FormatKind {
  return code === '' ? 'general' : parseFormat(code).kind;
}

export function isDateFormat(code: string): boolean {
  return formatKind(code) === 'date';
}

export function isPercentFormat(code: string): boolean {
  return formatKind(code) === 'percent';
}

// ───────────────────────────── the text a number displays ─────────────────────────────
// As a Vietnamese-locale spreadsheet shows it: a decimal comma and dots between thousands
// (45,5%, 1.686). Only numbers are rendered here (a date cell shows its day as dd/mm/yyyy
// elsewhere); fractions fall back to General.

/** Excel's General: at most ten significant digits, no grouping. */
function general(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  let s: string;
  if (abs >= 1e11 || abs < 1e-9)
    s = n
      .toExponential(5)
      .replace(/\.?0+e/, 'e')
      .replace('e', 'E');
  else s = String(Number(n.toPrecision(10)));
  return s.replace('.', ',');
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The section a number is shown in, and whether its own sign is dropped (the section shows it). */
const NUMBER_SECTIONS = new WeakMap<NumberFormat, Section[]>();

function sectionFor(f: NumberFormat, n: number): { section: Section; abs: boolean } | null {
  let s = NUMBER_SECTIONS.get(f);
  if (!s) NUMBER_SECTIONS.set(f, (s = f.sections.filter((x) => x.kind !== 'text' || f.sections.length === 1)));
  if (s.some((x) => x.condition)) {
    const chosen = s.find((x) => !x.condition || x.condition(n)) ?? null;
    return chosen ? { section: chosen, abs: chosen !== s[0] && n < 0 } : null;
  }
  if (s.length === 1 || n > 0 || (n === 0 && s.length < 3)) return s[0] ? { section: s[0], abs: false } : null;
  const section = n < 0 ? s[1] : s[2];
  return section ? { section, abs: n < 0 } : null;
}

/** A number section laid out once: what stands before and after the digits, and how they are shown. */
interface Layout {
  /** no digits: literals only (the "-" for zero of the accounting formats) */
  literal: string | null;
  /** General inside the section, between literals */
  general: boolean;
  /** fall back to General (dates, fractions, scientific) */
  fallback: boolean;
  prefix: string;
  suffix: string;
  middle: string;
  /** × 100 per percent sign, ÷ 1000 per trailing comma */
  scale: number;
  minInt: number;
  grouping: boolean;
  /** the decimal placeholders, in order */
  frac: string;
  point: boolean;
}

const LAYOUTS = new WeakMap<Section, Layout>();

function layout(section: Section): Layout {
  let l = LAYOUTS.get(section);
  if (l) return l;
  const tokens = section.tokens;
  const text = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .map((t) => (t.t === 'lit' ? t.s : t.t === 'percent' ? '%' : t.t === 'comma' ? ',' : t.t === 'point' ? '.' : ''))
      .join('');
  const firstDigit = tokens.findIndex((t) => t.t === 'digit' || t.t === 'general');
  let lastDigit = -1;
  tokens.forEach((t, i) => {
    if (t.t === 'digit' || t.t === 'general') lastDigit = i;
  });
  let scale = 1;
  for (const t of tokens) if (t.t === 'percent') scale *= 100;
  const base = {
    literal: null,
    general: false,
    fallback: false,
    prefix: '',
    suffix: '',
    middle: '',
    scale,
    minInt: 0,
    grouping: false,
    frac: '',
    point: false,
  };
  if (section.kind === 'date' || tokens.some((t) => t.t === 'slash' || t.t === 'exp')) l = { ...base, fallback: true };
  else if (firstDigit < 0) l = { ...base, literal: text(0, tokens.length) };
  else if (tokens.some((t) => t.t === 'general'))
    l = { ...base, general: true, prefix: text(0, firstDigit), suffix: text(lastDigit + 1, tokens.length) };
  else {
    // Commas right after the last digit (before the point or the end) divide by a thousand each.
    const body = tokens.slice(firstDigit, lastDigit + 1);
    const point = body.findIndex((t) => t.t === 'point');
    const intPart = point < 0 ? body : body.slice(0, point);
    const fracPart = point < 0 ? [] : body.slice(point + 1);
    let trailing = 0;
    for (let i = lastDigit + 1; i < tokens.length && tokens[i]?.t === 'comma'; i++) trailing++;
    for (let i = intPart.length - 1; i >= 0 && intPart[i]?.t === 'comma'; i--) trailing++;
    l = {
      ...base,
      prefix: text(0, firstDigit),
      suffix: text(lastDigit + 1, tokens.length).replace(/^,+/, ''),
      middle: body
        .filter((t) => t.t === 'lit')
        .map((t) => (t as { s: string }).s)
        .join(''),
      scale: scale / 1000 ** trailing,
      minInt: intPart.filter((t) => t.t === 'digit' && t.ch === '0').length,
      grouping: intPart.some((t, i) => t.t === 'comma' && intPart.slice(i + 1).some((x) => x.t === 'digit')),
      frac: fracPart
        .filter((t): t is Extract<Token, { t: 'digit' }> => t.t === 'digit')
        .map((t) => t.ch)
        .join(''),
      point: point >= 0,
    };
  }
  LAYOUTS.set(section, l);
  return l;
}

/** The text a number shows in a cell of this format ('' General). */
export function displayNumber(n: number, code: string): string {
  if (code === '' || !Number.isFinite(n)) return general(n);
  const chosen = sectionFor(parseFormat(code), n);
  if (!chosen) return general(n);
  const l = layout(chosen.section);
  if (l.fallback) return general(n);
  if (l.literal !== null) return l.literal;
  const value = (chosen.abs ? Math.abs(n) : n) * l.scale;
  if (l.general) return l.prefix + (value < 0 && !chosen.abs ? '-' : '') + general(Math.abs(value)) + l.suffix;
  const fixed = roundHalfAway(Math.abs(value), l.frac.length);
  const sign = value < 0 && !chosen.abs && Number(fixed) !== 0 ? '-' : '';
  return l.prefix + sign + digitsShown(fixed, l) + l.middle + l.suffix;
}

/** The digits of a rounded number (`fixed`, from toFixed) as the layout shows them: padded, grouped, decimal comma. */
function digitsShown(fixed: string, l: Layout): string {
  const [whole = '', frac = ''] = fixed.split('.');
  let int = whole === '0' && l.minInt === 0 ? '' : whole;
  int = int.padStart(l.minInt, '0');
  if (l.grouping) int = group(int);
  // optional decimals (#) drop their trailing zeros, ? keeps a space
  let cut = frac.length;
  while (cut > 0 && frac[cut - 1] === '0' && l.frac[cut - 1] !== '0') cut--;
  let shownFrac = frac.slice(0, cut);
  for (let i = cut; i < l.frac.length; i++) if (l.frac[i] === '?') shownFrac += ' ';
  return int + (l.point && (shownFrac.length || l.frac.length === 0) ? ',' + shownFrac : '');
}

/** `x.toFixed(d)` rounding half away from zero, as spreadsheets round what they show (2.5 → 3). */
function roundHalfAway(x: number, d: number): string {
  const scaled = Number((x * 10 ** d).toPrecision(15));
  return (Math.round(scaled) / 10 ** d).toFixed(d);
}
