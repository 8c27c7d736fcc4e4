import { describe, it, expect } from 'vitest';
import { clean, distance, fold, foldSlowly, nameKey, ownerNames, personName, slug } from '../../src/normalise/text.js';

const nfd = (s: string) => s.normalize('NFD');

describe('clean', () => {
  it.each([
    ['  Nguyễn   Văn An  ', 'Nguyễn Văn An'],
    ['Nội dung\ncông việc', 'Nội dung công việc'],
    ['Nội dung\r\n\tcông việc', 'Nội dung công việc'],
    ['1\u00a0686', '1 686'],
    ['Lục\u200bNam', 'LụcNam'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('turns NFD into NFC', () => {
    const out = clean(nfd('Nguyễn Thị Hạ'));
    expect(out).toBe('Nguyễn Thị Hạ'.normalize('NFC'));
    expect(out.length).toBe('Nguyễn Thị Hạ'.normalize('NFC').length);
  });
});

describe('fold', () => {
  it.each([
    ['Người chịu\ntrách nhiệm', 'nguoi chiu trach nhiem'],
    ['ĐẢNG ỦY XÃ YÊN SƠN', 'dang uy xa yen son'],
    ['Tiến độ (%)', 'tien do'],
    ['Số  TT.', 'so tt'],
    ['Hủy', 'huy'],
    ['Huỷ', 'huy'],
    ['Đ/c', 'd c'],
    ['Thời hạn hoàn thành', 'thoi han hoan thanh'],
    ['  ', ''],
  ])('%j → %j', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('folds NFD like NFC', () => {
    expect(fold(nfd('Người chịu trách nhiệm'))).toBe('nguoi chiu trach nhiem');
    expect(fold(nfd('ĐƠN VỊ CHỦ TRÌ'))).toBe('don vi chu tri');
  });
});

/** `count` texts of up to `longest` characters drawn from `alphabet`, the same on every run. */
function randomTexts(alphabet: string, longest: number, count: number, seed: number): string[] {
  const chars = [...alphabet];
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  return Array.from({ length: count }, () => {
    let s = '';
    for (let j = next(longest + 1); j > 0; j--) s += chars[next(chars.length)];
    return s;
  });
}

describe('clean on already clean text', () => {
  it('gives what the full clean-up gives, whatever the whitespace', () => {
    const full = (s: string): string =>
      s
        .normalize('NFC')
        .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    for (const s of randomTexts('ab đ  \t\n\r\u00a0\u2003\u200b\ufeff\u3000\u0301.x', 12, 20_000, 11)) {
      expect(clean(s), JSON.stringify(s)).toBe(full(s));
    }
  });
});

describe('fold by table', () => {
  it('gives what the definition (foldSlowly) gives for every character, alone and among others', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, `x${ch}x${ch}`, ` ${ch} `, `Đ${ch}ơ`]) if (fold(s) !== foldSlowly(s)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('gives what the definition gives for mixed Vietnamese, marks, separators and other scripts', () => {
    const alphabet =
      'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ09 ,.;:-–—/()\n\t\u00a0\u200b\u0301\u0323*%²ÆßİΣ中';
    for (const s of randomTexts(alphabet, 24, 20_000, 7)) expect(fold(s), JSON.stringify(s)).toBe(foldSlowly(s));
  });
});

describe('personName', () => {
  it.each([
    ['  Đồng chí  Nguyễn Văn An - Chủ tịch UBND xã ', 'Nguyễn Văn An'],
    ['Đ/c Nguyễn Văn An (Bí thư)', 'Nguyễn Văn An'],
    ['đ/c Nguyễn Văn An', 'Nguyễn Văn An'],
    ['Đ/c: Nguyễn Văn An', 'Nguyễn Văn An'],
    ['ĐỒNG CHÍ NGUYỄN VĂN AN', 'NGUYỄN VĂN AN'],
    ['Ông Trần Văn Bình', 'Trần Văn Bình'],
    ['Bà Lê Thị Cúc', 'Lê Thị Cúc'],
    ['Anh Phạm Văn Dũng', 'Phạm Văn Dũng'],
    ['Chị Hoàng Thị Em', 'Hoàng Thị Em'],
    ['Nguyễn Văn An-Phó Chủ tịch', 'Nguyễn Văn An'],
    ['Nguyễn Văn An – Bí thư', 'Nguyễn Văn An'],
    ['Nguyễn Văn An, Chủ tịch UBND xã', 'Nguyễn Văn An'],
    ['- Nguyễn Văn An', 'Nguyễn Văn An'],
    ['1. Nguyễn Văn An', 'Nguyễn Văn An'],
    ['Nguyễn Văn An.', 'Nguyễn Văn An'],
    // a name that is a honorific word alone is kept
    ['Anh', 'Anh'],
    ['Ông', 'Ông'],
    // a honorific word inside a name is not one
    ['Nguyễn Anh Tuấn', 'Nguyễn Anh Tuấn'],
    ['Anhxtanh Văn B', 'Anhxtanh Văn B'],
    ['(chưa phân công)', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(personName(input)).toBe(expected);
  });

  it('accepts NFD input and returns NFC', () => {
    expect(personName(nfd('Đồng chí Nguyễn Thị Hạ - Chủ tịch'))).toBe('Nguyễn Thị Hạ'.normalize('NFC'));
    expect(personName(nfd('ĐỒNG CHÍ Trần Thị Bình'))).toBe('Trần Thị Bình');
  });
});

describe('nameKey', () => {
  const an = nameKey('nguyễn văn an');

  it('counts the tone of every oa, oe and uy syllable the same on either vowel, whatever the initial', () => {
    const tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const differ: string[] = [];
    for (const initial of ['', 'h', 'th', 'ng', 'kh', 'x', 'l', 'tr', 'ch']) {
      for (const [v1, v2] of [
        ['o', 'a'],
        ['o', 'e'],
        ['u', 'y'],
      ]) {
        for (const tone of tones) {
          for (const cap of [false, true]) {
            const first = `${initial}${v1}${tone}${v2}`.normalize('NFC');
            const second = `${initial}${v1}${v2}${tone}`.normalize('NFC');
            const a = nameKey(`Nguyễn Văn ${cap ? first.toUpperCase() : first}`);
            const b = nameKey(`Nguyễn Văn ${cap ? second.toUpperCase() : second}`);
            if (a !== b) differ.push(`${first}/${second}`);
          }
        }
      }
    }
    expect(differ).toEqual([]);
    // in quy the u belongs to the consonant: the tone stays on y
    expect(nameKey('Trần Thị Quý')).not.toBe(nameKey('Trần Thị Qúy'));
  });

  it('is the lower-case NFC name', () => {
    expect(an).toBe('nguyễn văn an');
  });

  it.each([
    '  Đồng chí  Nguyễn Văn An - Chủ tịch UBND xã ',
    'Đ/c Nguyễn Văn An (Bí thư)',
    'NGUYỄN VĂN AN',
    'Nguyễn  Văn\nAn',
    'Ông Nguyễn Văn An',
    'anh Nguyễn Văn An',
    nfd('Đồng chí Nguyễn Văn An'),
    nfd('NGUYỄN VĂN AN (Bí thư)'),
    'Nguyễn Văn An, PCT UBND xã',
  ])('%j matches nguyễn văn an', (input) => {
    expect(nameKey(input)).toBe(an);
  });

  it('keeps diacritics significant', () => {
    expect(nameKey('Trần Thị Hà')).not.toBe(nameKey('Trần Thị Hạ'));
    expect(nameKey('Trần Thị Hà')).not.toBe(nameKey('Tran Thi Ha'));
    expect(nameKey('Nguyễn Văn An')).not.toBe(nameKey('Nguyễn Văn Ân'));
  });

  it('keeps a person called Anh', () => {
    expect(nameKey('Anh')).toBe('anh');
    expect(nameKey('Chị')).toBe('chị');
  });

  it('matches NFD with NFC', () => {
    expect(nameKey(nfd('Trần Thị Hạ'))).toBe(nameKey('Trần Thị Hạ'));
    expect(nameKey(nfd('Trần Thị Hạ'))).toBe('trần thị hạ'.normalize('NFC'));
  });

  it('counts the tone of oa/oe/uy on either vowel as one spelling', () => {
    expect(nameKey('Nguyễn Thị Thủy')).toBe(nameKey('Nguyễn Thị Thuỷ'));
    expect(nameKey('Lê Văn Hòa')).toBe(nameKey('Lê Văn Hoà'));
    expect(nameKey('Trần Văn Khỏe')).toBe(nameKey('Trần Văn Khoẻ'));
    expect(nameKey(nfd('Nguyễn Thị Thuý'))).toBe(nameKey('Nguyễn Thị Thúy'));
    // but not across different tones or syllables
    expect(nameKey('Nguyễn Thị Thủy')).not.toBe(nameKey('Nguyễn Thị Thúy'));
    expect(nameKey('Lê Văn Quý')).toBe('lê văn quý');
    expect(nameKey('Lê Văn Của')).toBe('lê văn của');
  });
});

describe('ownerNames', () => {
  it.each<[string, string[]]>([
    ['Nguyễn Văn An', ['Nguyễn Văn An']],
    ['Nguyễn Văn An, Trần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Nguyễn Văn An và Trần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Nguyễn Văn An VÀ Trần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Nguyễn Văn An; Trần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Nguyễn Văn An\nTrần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['- Nguyễn Văn An\r\n- Trần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Nguyễn Văn An + Trần Thị Bình', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Đ/c Nguyễn Văn An - Phó Chủ tịch', ['Nguyễn Văn An']],
    ['Đ/c Nguyễn Văn An, Đ/c Trần Thị Bình (Bí thư)', ['Nguyễn Văn An', 'Trần Thị Bình']],
    ['Nguyễn Văn An, Chủ tịch UBND xã', ['Nguyễn Văn An']],
    ['Nguyễn Văn An\nBí thư Đảng ủy', ['Nguyễn Văn An']],
    // Trương is a surname, trưởng a post: diacritics decide
    ['Nguyễn Văn An, Trương Văn Bình', ['Nguyễn Văn An', 'Trương Văn Bình']],
    ['Nguyễn Văn An,', ['Nguyễn Văn An']],
    ['Hoàng Văn Vân', ['Hoàng Văn Vân']],
    ['', []],
    ['  ;  ', []],
  ])('%j → %j', (input, expected) => {
    expect(ownerNames(input)).toEqual(expected);
  });

  it('splits NFD input', () => {
    expect(ownerNames(nfd('Nguyễn Văn An và Trần Thị Bình'))).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
  });
});

describe('distance', () => {
  it.each([
    ['Hoàn thành', 'hoan thanh', 0],
    ['Đang thực hiện', 'Dang thuc hien', 0],
    ['Hoàn thàn', 'Hoàn thành', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['Xong', 'Xong!', 0],
  ])('%j ↔ %j = %d', (a, b, d) => {
    expect(distance(a, b)).toBe(d);
    expect(distance(b, a)).toBe(d);
  });
});

describe('slug', () => {
  it.each([
    ['Lục Nam', 'luc-nam'],
    ['Thành phố Bắc Giang', 'thanh-pho-bac-giang'],
    ['Bắc Giang', 'bac-giang'],
    ['Đồng Đăng', 'dong-dang'],
    ['  Yên  Sơn ', 'yen-son'],
    ['Thị trấn Đồi Ngô', 'thi-tran-doi-ngo'],
    ['Khu 3 (mới)', 'khu-3-moi'],
    ['Hưởng Ứng', 'huong-ung'],
  ])('%j → %j', (input, expected) => {
    expect(slug(input)).toBe(expected);
  });

  it('slugs NFD like NFC', () => {
    expect(slug(nfd('Lục Nam'))).toBe('luc-nam');
  });
});
