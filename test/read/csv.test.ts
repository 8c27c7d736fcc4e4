import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { decodeText, detectDelimiter, readCsv, recordDelimiter } from '../../src/read/csv.js';

const rows = (buf: Buffer) => {
  const r = readCsv(buf);
  if (!r.ok) throw new Error('not read');
  return r.workbook.sheets[0].rows.map((row) => ({ n: row.number, cells: row.cells.map((c) => c?.text ?? '') }));
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
    for (let i = 0; i < le.length; i += 2) { be[i] = le[i + 1]; be[i + 1] = le[i]; }
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
    expect(r[2].cells[1]).toBe('dòng một\ndòng hai');
  });
  it('accepts ragged rows', () => {
    expect(rows(Buffer.from('a,b,c\n1,2\n3,4,5,6\n')).length).toBe(3);
  });
  it('accepts a quote inside an unquoted field', () => {
    expect(rows(Buffer.from('a,b,c\n1,Nhà "văn hóa",3\n'))[1].cells[1]).toBe('Nhà "văn hóa"');
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
