import { describe, expect, it } from 'vitest';
import { TCVN3_TABLE, isUnicodeVietnamese, legacyFontKind, looksLikeTcvn3, tcvn3ToUnicode } from '../../src/read/legacy.js';

const SHY = '\u00ad'; // byte 0xAD = ư, invisible as Latin-1 (soft hyphen)

/**
 * Unicode → TCVN3 as Excel hands it over (each byte as its Latin-1 character),
 * built from the same table. With `upper` (an `H` font) a capital with a tone
 * mark is written with the code of its lower-case letter, as typists did.
 */
function encode(text: string, upper = false): string {
  const toByte = new Map(TCVN3_TABLE.map(([ch, letter]) => [letter, ch]));
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const direct = toByte.get(ch);
    if (direct !== undefined) out += direct;
    else if (upper && toByte.has(ch.toLowerCase())) out += toByte.get(ch.toLowerCase());
    else if (ch > '\u007f') throw new Error(`no TCVN3 code for ${ch}`);
    else out += ch;
  }
  return out;
}

describe('legacyFontKind', () => {
  it.each([
    ['.VnTime', 'tcvn3'],
    ['.VnArial', 'tcvn3'],
    ['.VnCentury Schoolbook', 'tcvn3'],
    ['.vntime', 'tcvn3'],
    [' .VnTime ', 'tcvn3'],
    ['.VnTimeH', 'tcvn3-upper'],
    ['.VnArialH', 'tcvn3-upper'],
    ['.VnCentury SchoolbookH', 'tcvn3-upper'],
    ['.VNTIMEH', 'tcvn3-upper'],
    ['VNI-Times', 'vni'],
    ['VNI-Helve', 'vni'],
    ['vni-times', 'vni'],
    ['VNI Times', 'vni'],
  ] as const)('%j → %s', (name, kind) => {
    expect(legacyFontKind(name)).toBe(kind);
  });

  it.each([['Times New Roman'], ['Arial'], ['Calibri'], ['VnTime'], ['.Vn'], ['VNI'], ['Vnindex'], ['']])('%j → null', (name) => {
    expect(legacyFontKind(name)).toBeNull();
  });

  it('undefined → null', () => {
    expect(legacyFontKind(undefined)).toBeNull();
  });
});

describe('TCVN3 table', () => {
  it('has the 74 letters of VN3, one code each, as NFC single characters', () => {
    expect(TCVN3_TABLE).toHaveLength(74);
    expect(new Set(TCVN3_TABLE.map(([ch]) => ch)).size).toBe(74);
    expect(new Set(TCVN3_TABLE.map(([, letter]) => letter)).size).toBe(74);
    for (const [ch, letter] of TCVN3_TABLE) {
      expect(ch.charCodeAt(0)).toBeGreaterThanOrEqual(0xa1);
      expect(ch.charCodeAt(0)).toBeLessThanOrEqual(0xfe);
      expect([...letter]).toHaveLength(1);
      expect(letter.normalize('NFC')).toBe(letter);
    }
  });

  it('agrees with an independent transcription of the TCVN3 (ABC) table', () => {
    // The pairs as listed by common converters (e.g. Eruylz/XuatThuy
    // Utils/Unicode2TCVN3.cs), in their order.
    const unicode = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ';
    const tcvn3 = `µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô${SHY}õøö÷ùúýûüþ¡¢§£¤¥¦`;
    expect([...unicode]).toHaveLength(74);
    expect([...tcvn3]).toHaveLength(74);
    const table = new Map(TCVN3_TABLE);
    [...tcvn3].forEach((ch, i) => expect(table.get(ch), ch).toBe([...unicode][i]));
  });

  it('round-trips every letter, alone and in upper case', () => {
    for (const [, letter] of TCVN3_TABLE) {
      expect(tcvn3ToUnicode(encode(letter))).toBe(letter);
      expect(tcvn3ToUnicode(encode(letter.toUpperCase(), true), true)).toBe(letter.toUpperCase());
    }
  });
});

describe('tcvn3ToUnicode', () => {
  it.each([
    ['NguyÔn V¨n An', 'Nguyễn Văn An'],
    ['TrÇn ThÞ Hµ', 'Trần Thị Hà'],
    ['§¶ng ñy x· Yªn S¬n', 'Đảng ủy xã Yên Sơn'],
    ['Hoµn thµnh', 'Hoàn thành'],
    [`Ch${SHY}a triÓn khai`, 'Chưa triển khai'],
    ['Quý III/2024', 'Quý III/2024'],
    ['TØnh ñy', 'Tỉnh ủy'],
    ['®¶ng bé huyÖn lôc nam', 'đảng bộ huyện lục nam'],
  ])('known word %j → %j', (tcvn3, unicode) => {
    expect(tcvn3ToUnicode(tcvn3)).toBe(unicode);
  });

  it.each(['Nguyễn Văn An', 'Trần Thị Hà', 'Đảng ủy xã Yên Sơn', 'Hoàn thành', 'Chưa triển khai', 'Quý III/2024'])(
    'round-trips %j through the encoder',
    (word) => {
      expect(tcvn3ToUnicode(encode(word))).toBe(word);
    },
  );

  it('maps the capital (H) fonts to upper case, ASCII letters included', () => {
    // as typed with .VnTimeH: capitals with tones use the lower-case codes
    expect(tcvn3ToUnicode('§¶NG Bé HUYÖN LôC NAM', true)).toBe('ĐẢNG BỘ HUYỆN LỤC NAM');
    // typed without Shift: the font still draws capitals
    expect(tcvn3ToUnicode('®¶ng bé huyÖn lôc nam', true)).toBe('ĐẢNG BỘ HUYỆN LỤC NAM');
    expect(tcvn3ToUnicode(encode('ĐẢNG BỘ HUYỆN LỤC NAM', true), true)).toBe('ĐẢNG BỘ HUYỆN LỤC NAM');
    expect(tcvn3ToUnicode('quý iii/2024', true)).toBe('QUÝ III/2024');
  });

  it('passes ASCII through unchanged', () => {
    const ascii = 'Quy III/2024 - 100% (ghi chu: "xong"), a+b=c; ~`!@#$^&*_{}|<>?';
    expect(tcvn3ToUnicode(ascii)).toBe(ascii);
    expect(tcvn3ToUnicode('')).toBe('');
  });

  it('keeps Windows-1252 symbols and Latin-1 non-letters unchanged', () => {
    expect(tcvn3ToUnicode('“B¸o c¸o” – ®ît 1… €')).toBe('“Báo cáo” – đợt 1… €');
    expect(tcvn3ToUnicode('25°C ± 2')).toBe('25°C ± 2');
    // ½ is byte 0xBD, the letter ẵ in a .Vn font
    expect(tcvn3ToUnicode('½')).toBe('ẵ');
    expect(tcvn3ToUnicode('a\u00a0b')).toBe('a\u00a0b');
  });

  it('passes already-Unicode Vietnamese through unchanged, in NFC', () => {
    for (const text of ['Nguyễn Văn An', 'Đảng ủy xã Yên Sơn', 'Chưa triển khai', 'Đã hoàn thành 100%', 'ĐẢNG BỘ HUYỆN LỤC NAM']) {
      expect(tcvn3ToUnicode(text)).toBe(text);
      expect(tcvn3ToUnicode(text, true)).toBe(text);
      expect(tcvn3ToUnicode(text.normalize('NFD'))).toBe(text);
    }
    // a Latin-1 letter next to a Unicode-only letter is not reinterpreted
    expect(tcvn3ToUnicode('Có kế hoạch')).toBe('Có kế hoạch');
  });

  it('converts a TCVN3 cell that also holds an inserted symbol', () => {
    expect(tcvn3ToUnicode('TiÕn ®é → 100%')).toBe('Tiến độ → 100%');
  });

  it('returns NFC', () => {
    const out = tcvn3ToUnicode('NguyÔn V¨n An');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('isUnicodeVietnamese / looksLikeTcvn3', () => {
  it('tells Unicode Vietnamese from TCVN3 text', () => {
    expect(isUnicodeVietnamese('Nguyễn Văn An')).toBe(true);
    expect(isUnicodeVietnamese('đ')).toBe(true);
    expect(isUnicodeVietnamese('Nguye\u0302\u0303n')).toBe(true);
    expect(isUnicodeVietnamese('NguyÔn V¨n An')).toBe(false);
    expect(isUnicodeVietnamese('“quoted” – …')).toBe(false);
  });

  it('looksLikeTcvn3 needs a VN3 letter and no Unicode Vietnamese', () => {
    expect(looksLikeTcvn3('NguyÔn V¨n An')).toBe(true);
    expect(looksLikeTcvn3(`Ch${SHY}a triÓn khai`)).toBe(true);
    expect(looksLikeTcvn3('Nguyen Van An')).toBe(false);
    expect(looksLikeTcvn3('Nguyễn Văn An')).toBe(false);
    expect(looksLikeTcvn3('')).toBe(false);
  });
});
