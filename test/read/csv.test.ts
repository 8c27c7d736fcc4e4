import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { at, first } from '../helpers/at.js';
import { decodeText, detectDelimiter, readCsv, recordDelimiter, splitCsv } from '../../src/read/csv.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return { next, pick: <T>(a: readonly T[]): T => at(a, Math.floor(next() * a.length)) };
}

const rows = (buf: Buffer) => {
  const r = readCsv(buf);
  if (!r.ok) throw new Error('not read');
  return first(r.workbook.sheets, 'sheet').rows.map((row) => ({ n: row.number, cells: row.cells.map((c) => c?.text ?? '') }));
};

describe('decoding text files', () => {
  const text = 'Người chịu trách nhiệm,Thời hạn\nNguyễn Văn An,30/09/2024\n';
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('\uFEFF' + text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
  });
  it('reads UTF-16LE with a BOM (Excel "Unicode Text") and without one', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf16le'))).toBe(text);
  });
  it('reads UTF-16BE with a BOM', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = at(le, i + 1);
      be[i + 1] = at(le, i);
    }
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
  });
  it('reads windows-1258 (decomposed tone marks) and returns NFC', () => {
    // "Hà" in cp1258 is H, a, combining grave (0xCC)
    const out = decodeText(Buffer.from([0x48, 0x61, 0xcc, 0x0a]));
    expect(out).toBe('Hà\n');
    expect(out).toBe(out.normalize('NFC'));
  });
  it('returns NFD text as NFC', () => {
    expect(decodeText(Buffer.from('Tình trạng'.normalize('NFD'), 'utf8'))).toBe('Tình trạng'.normalize('NFC'));
  });
});

describe('detecting the delimiter', () => {
  it('finds ; in a file with decimal commas', () => {
    expect(detectDelimiter('STT;Nội dung;Tiến độ;Chỉ tiêu\n1;Việc A;41,8;1.686\n')).toBe(';');
  });
  it('finds tab and comma', () => {
    expect(detectDelimiter('STT\tNội dung\tNgười phụ trách\n')).toBe('\t');
    expect(detectDelimiter('STT,Nội dung,Người phụ trách\n')).toBe(',');
  });
  it('looks past a title block without delimiters', () => {
    expect(detectDelimiter('ĐẢNG ỦY XÃ YÊN SƠN\nDANH MỤC\nSTT;Nội dung;Người phụ trách;Thời hạn\n')).toBe(';');
  });
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('a;b;c\n"x,y,z,w,v";1;2\n')).toBe(';');
  });
  it('reads only the first thirty lines', () => {
    expect(detectDelimiter('a,b\n'.repeat(30) + 'a;b;c;d\n')).toBe(',');
    expect(detectDelimiter('a,b\n'.repeat(29) + 'a;b;c;d\n')).toBe(';');
  });
  it('is the definition (the most fields on one of the first thirty lines) on random texts', () => {
    // The definition, as first written: clear and slow (it split the whole text into lines).
    const byDefinition = (text: string) => {
      const lines = text.split(/\r?\n/).slice(0, 30);
      const count = (line: string, d: string) => {
        let n = 0;
        let quoted = false;
        for (const ch of line) {
          if (ch === '"') quoted = !quoted;
          else if (ch === d && !quoted) n++;
        }
        return n;
      };
      let best = ',';
      let bestCount = -1;
      for (const d of ['\t', ';', ',']) {
        const c = Math.max(0, ...lines.map((l) => count(l, d)));
        if (c > bestCount) [best, bestCount] = [d, c];
      }
      return best;
    };
    const r = random(11);
    for (let i = 0; i < 20000; i++) {
      const text = Array.from({ length: Math.floor(r.next() * 80) }, () =>
        r.pick(['a', 'ă', '\t', ';', ',', '"', '\n', '\r\n', '\r', ' ', '\n\n\n\n\n']),
      ).join('');
      expect(detectDelimiter(text), JSON.stringify(text)).toBe(byDefinition(text));
    }
  });
});

describe('splitting CSV without csv-parse', () => {
  const csvParse = (text: string, delimiter: string, rd: string) => {
    const out = parse(text, {
      delimiter,
      record_delimiter: rd,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: out.map((o) => o.record), ends: out.map((o) => o.info.lines) };
  };
  /** Checks one text both ways; true when the fast split took it. */
  const same = (text: string, delimiter: string): boolean => {
    const rd = recordDelimiter(text);
    if (rd === undefined) return false;
    const split = splitCsv(text, delimiter, rd);
    if (split === null) return false;
    expect(split, `${JSON.stringify(text)} split by ${JSON.stringify(delimiter)}`).toEqual(csvParse(text, delimiter, rd));
    return true;
  };

  it("gives csv-parse's records and line numbers on registers built field by field, quoted and not, some spoilt", () => {
    const r = random(7);
    let taken = 0;
    for (let i = 0; i < 20000; i++) {
      const delimiter = r.pick([',', ';', '\t']);
      const rd = r.pick(['\n', '\r\n', '\r']);
      const records = Array.from({ length: Math.floor(r.next() * 5) }, () =>
        Array.from({ length: Math.floor(r.next() * 4) }, () =>
          r.next() < 0.4
            ? `"${Array.from({ length: Math.floor(r.next() * 4) }, () => r.pick(['a', '""', delimiter, '\n', '\r\n', '\r', ' ', ','])).join('')}"`
            : Array.from({ length: Math.floor(r.next() * 4) }, () => r.pick(['a', 'ă', ' ', 'Đ'])).join(''),
        ).join(delimiter),
      );
      let text = records.join(rd) + (r.next() < 0.5 ? rd : '');
      if (r.next() < 0.2) {
        const k = Math.floor(r.next() * (text.length + 1));
        text = text.slice(0, k) + r.pick(['"', '\n', '\r', delimiter, 'x']) + text.slice(k);
      }
      if (same(text, delimiter)) taken++;
    }
    expect(taken).toBeGreaterThan(8000);
  });
  it("gives csv-parse's records and line numbers on random texts, or leaves them to csv-parse", () => {
    const r = random(1);
    let taken = 0;
    for (let i = 0; i < 50000; i++) {
      const text = Array.from({ length: Math.floor(r.next() * 20) }, () =>
        r.pick(['a', 'b', ',', ';', '"', '"', '\n', '\r\n', '\r', ' ', 'ă', '""', '\t']),
      ).join('');
      if (same(text, r.pick([',', ';', '\t']))) taken++;
    }
    expect(taken).toBeGreaterThan(3000);
  });
  it('leaves stray and unclosed quotes and mixed line endings to csv-parse', () => {
    expect(splitCsv('a,b\n1,Nhà "văn hóa",3\n', ',', '\n')).toBeNull();
    expect(splitCsv('a,b\n1,"open,3\n', ',', '\n')).toBeNull();
    expect(splitCsv('a,"b"c\n', ',', '\n')).toBeNull();
    expect(splitCsv('a,b\r\nc\nd\r\n', ',', '\r\n')).toBeNull();
  });
  it('counts every line break inside quotes, as csv-parse does', () => {
    expect(splitCsv('a\r\n"x\r\ny"\r\nb\r\n', ',', '\r\n')).toEqual({ records: [['a'], ['x\r\ny'], ['b']], ends: [1, 4, 5] });
  });
  it('stops at the cell limit', () => {
    expect(splitCsv('a,b\nc,d\n', ',', '\n', 3)).toBe('too many');
    expect(splitCsv('a,b\nc,d\n', ',', '\n', 4)).not.toBe('too many');
  });
});

describe('the line ending', () => {
  it.each([
    ['STT,Nội dung\r\n1,a\r\n', '\r\n'],
    ['STT;Nội dung\n1;a\n', '\n'],
    ['STT,Nội dung\r1,a\r', '\r'],
    ['STT,Nội dung\n1,a\r\n', '\n'],
    ['"ĐẢNG BỘ\nXÃ YÊN SƠN",\r\nSTT\r\n', undefined],
    ['one line, no ending', undefined],
  ])('of %j is %j', (text, ending) => {
    expect(recordDelimiter(text)).toBe(ending);
  });

  it('is the one csv-parse discovers, so the records are the same', () => {
    for (const text of ['a,b\r\nc,d\r\n', 'a,b\nc,"d\r\ne"\n', 'a\rb\rc', 'x;y\r\n;\r\n\r\nz;w']) {
      const own = parse(text, { record_delimiter: recordDelimiter(text), relax_column_count: true, info: true });
      expect(own, JSON.stringify(text)).toEqual(parse(text, { relax_column_count: true, info: true }));
    }
  });
});

describe('reading CSV records', () => {
  it('numbers each record by the line it starts on (header line = its line), across embedded newlines and blank lines', () => {
    const r = rows(Buffer.from('Tiêu đề\n\nSTT,Nội dung,Người\n1,"dòng một\ndòng hai",An\n\n2,Việc,Bình\r\n', 'utf8'));
    expect(r.map((x) => x.n)).toEqual([1, 3, 4, 7]);
    expect(r[2]?.cells[1]).toBe('dòng một\ndòng hai');
  });
  it('accepts ragged rows', () => {
    expect(rows(Buffer.from('a,b,c\n1,2\n3,4,5,6\n')).length).toBe(3);
  });
  it('accepts a quote inside an unquoted field', () => {
    expect(rows(Buffer.from('a,b,c\n1,Nhà "văn hóa",3\n'))[1]?.cells[1]).toBe('Nhà "văn hóa"');
  });
  it('turns an unclosed quote into a problem naming the line, not an exception', () => {
    const r = readCsv(Buffer.from('a,b,c\n1,"open,3\n4,5,6\n'));
    expect(r.ok).toBe(false);
    if (!r.ok && !r.skip) {
      expect(r.problem.rule).toBe('file-unreadable');
      expect(r.problem.messageId).toBe('csv');
    }
  });
});

describe('splitting the CSV fixtures', () => {
  it("gives csv-parse's records and line numbers on every CSV under fixtures/ it takes, and takes most of them", async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../fixtures/', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.toLowerCase().endsWith('.csv'));
    let taken = 0;
    for (const f of files) {
      const text = decodeText(readFileSync(join(root, f)));
      const delimiter = detectDelimiter(text);
      const rd = recordDelimiter(text);
      const split = rd === undefined ? null : splitCsv(text, delimiter, rd);
      if (split === null || split === 'too many') continue;
      taken++;
      const out = parse(text, {
        delimiter,
        record_delimiter: rd,
        info: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      }) as unknown as { record: string[]; info: { lines: number } }[];
      expect(split, f).toEqual({ records: out.map((o) => o.record), ends: out.map((o) => o.info.lines) });
    }
    expect(files.length).toBeGreaterThan(80);
    expect(taken).toBeGreaterThan(files.length * 0.8);
  });
});
