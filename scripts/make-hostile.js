#!/usr/bin/env node
// Broken and hostile registers (issue 7), written byte by byte so that each fixture is exactly the
// attack or the damage it stands for — no library would write a zip that lies about its sizes, a
// sheet with a DOCTYPE, or a formula without its cached value.
//
//   node scripts/make-hostile.js            writes fixtures/hostile/* and fixtures/hostile/expected.json
//
// The big cases (a 100,000-row sheet, zip bombs, a file over the size limit) are not committed:
// test/hostile.test.ts makes them at test time with the functions exported here. Everything is
// deterministic: fixed zip timestamps, no randomness. Nothing here imports tiendo.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { toTcvn3 } from './tcvn3.js';

export { toTcvn3 };

// ───────────────────────────── zip ─────────────────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(buf, crc = 0) {
  let c = ~crc >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2024 - 1980) << 9) | (10 << 5) | 5; // 5 October 2024

/**
 * A zip of `entries` = [{ name, data, store?, compressed?, crc?, size? }]. `compressed` gives the
 * deflated bytes directly (a bomb made elsewhere); `size` overrides the size the directories
 * declare (a lying bomb).
 */
export function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.store ? 0 : 8;
    const body = e.compressed ?? (e.store ? e.data : deflateRawSync(e.data, { level: 9 }));
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

/** `bytes` of `unit` repeated, deflated as a stream: a bomb's payload without holding it inflated. */
export async function deflateRepeated(unit, bytes) {
  const d = createDeflateRaw({ level: 9 });
  const out = [];
  d.on('data', (c) => out.push(c));
  const done = new Promise((resolve, reject) => {
    d.on('end', resolve);
    d.on('error', reject);
  });
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i++) block[i] = unit[i % unit.length];
  let crc = 0;
  for (let left = bytes; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    crc = crc32(piece, crc);
    if (!d.write(piece)) await new Promise((r) => d.once('drain', r));
  }
  d.end();
  await done;
  return { compressed: Buffer.concat(out), crc };
}

// ───────────────────────────── xlsx, by hand ─────────────────────────────

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export function colLetter(n) {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Fonts and cell styles every workbook here carries; a cell names one by key. */
const FONTS = ['Times New Roman', '.VnTime', '.VnTimeH', 'VNI-Times'];
const XFS = {
  default: { font: 0, numFmt: 0 },
  date: { font: 0, numFmt: 164 },
  percent: { font: 0, numFmt: 10 },
  tcvn3: { font: 1, numFmt: 0 },
  tcvn3Upper: { font: 2, numFmt: 0 },
  vni: { font: 3, numFmt: 0 },
};
const XF_INDEX = Object.fromEntries(Object.keys(XFS).map((k, i) => [k, i]));

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="${FONTS.length}">${FONTS.map((f) => `<font><sz val="12"/><name val="${esc(f)}"/></font>`).join('')}</fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="${Object.keys(XFS).length}">${Object.values(XFS)
  .map(
    (x) =>
      `<xf numFmtId="${x.numFmt}" fontId="${x.font}" fillId="0" borderId="0" xfId="0"${x.numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}/>`,
  )
  .join('')}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/**
 * One cell of a sheet spec: a string (shared), a number, or an object
 * { s: text } | { n: number } | { date: serial } | { f: formula, v?: cached, t?: 'str'|'e'|'b' }
 * | { e: '#N/A' } with an optional style key `x` (tcvn3, vni …).
 */
function cellXml(ref, v, strings) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') v = { s: v };
  else if (typeof v === 'number') v = { n: v };
  const style = v.x ?? (v.date !== undefined ? 'date' : 'default');
  const s = XF_INDEX[style] ? ` s="${XF_INDEX[style]}"` : '';
  if (v.s !== undefined) {
    let i = strings.index.get(v.s);
    if (i === undefined) {
      i = strings.list.length;
      strings.list.push(v.s);
      strings.index.set(v.s, i);
    }
    return `<c r="${ref}"${s} t="s"><v>${i}</v></c>`;
  }
  if (v.n !== undefined) return `<c r="${ref}"${s}><v>${v.n}</v></c>`;
  if (v.date !== undefined) return `<c r="${ref}"${s}><v>${v.date}</v></c>`;
  if (v.e !== undefined) return `<c r="${ref}"${s} t="e"><v>${esc(v.e)}</v></c>`;
  if (v.f !== undefined) {
    const t = v.t ? ` t="${v.t}"` : '';
    // A program that does not compute (openpyxl) writes the formula and an empty value.
    return `<c r="${ref}"${s}${t}><f>${esc(v.f)}</f><v>${v.v === undefined ? '' : esc(v.v)}</v></c>`;
  }
  throw new Error(`cell ${ref}: ${JSON.stringify(v)}`);
}

function sheetXml(rows, opts = {}) {
  const strings = opts.strings;
  const body = rows
    .map((row, r) => {
      if (!row) return '';
      const cells = row.map((v, c) => cellXml(`${colLetter(c + 1)}${r + 1}`, v, strings)).join('');
      return cells ? `<row r="${r + 1}">${cells}</row>` : '';
    })
    .join('');
  const merges = opts.merges?.length
    ? `<mergeCells count="${opts.merges.length}">${opts.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${opts.prolog ?? ''}
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${body}</sheetData>${merges}</worksheet>`;
}

function sharedStringsXml(list, prolog = '') {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${list.length}" uniqueCount="${list.length}">${list
    .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
    .join('')}</sst>`;
}

/**
 * An .xlsx from sheets = [{ name, rows, merges? }]. opts: { sheetProlog, stringsProlog } insert
 * text (a DOCTYPE) after the XML declaration of every sheet / of the shared strings;
 * { entries } post-processes the zip entries (a lie, a cut).
 */
export function xlsx(sheets, opts = {}) {
  const strings = { list: [], index: new Map() };
  const sheetXmls = sheets.map((sh) => sheetXml(sh.rows, { strings, merges: sh.merges, prolog: opts.sheetProlog }));
  const ct = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join(
      '',
    )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>tiendo hostile fixtures</dc:creator>${opts.keywords ? `<cp:keywords>${esc(opts.keywords)}</cp:keywords>` : ''}</cp:coreProperties>`;
  const wb = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets>${sheets
    .map((sh, i) => `<sheet name="${esc(sh.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      '',
    )}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  let entries = [
    { name: '[Content_Types].xml', data: Buffer.from(ct) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'docProps/core.xml', data: Buffer.from(core) },
    { name: 'xl/workbook.xml', data: Buffer.from(wb) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(wbRels) },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES_XML) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sharedStringsXml(strings.list, opts.stringsProlog)) },
    ...sheetXmls.map((x, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(x) })),
  ];
  if (opts.entries) entries = opts.entries(entries);
  return zip(entries);
}

// ───────────────────────────── OLE (compound file) and BIFF8, by hand ─────────────────────────────

/** A compound file (version 3, 512-byte sectors) holding `streams` = [{ name, data }], each padded to 4 KB (no mini stream). */
export function compoundFile(streams) {
  const padded = streams.map((s) =>
    Buffer.concat([s.data, Buffer.alloc(Math.max(4096, Math.ceil(s.data.length / 512) * 512) - s.data.length)]),
  );
  const dataSectors = padded.reduce((n, b) => n + b.length / 512, 0);
  const dirEntries = 1 + streams.length;
  const dirSectors = Math.ceil(dirEntries / 4);
  const fatSectors = Math.ceil((1 + dataSectors + dirSectors) / 127);
  if (fatSectors > 1) throw new Error('compoundFile: one FAT sector is enough for fixtures');
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1 + dataSectors, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(0xfffffffe, 60);
  header.writeUInt32LE(0xfffffffe, 68);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  let sector = 1;
  const starts = [];
  for (const b of padded) {
    starts.push(sector);
    const n = b.length / 512;
    for (let k = 0; k < n; k++) fat.writeUInt32LE(k === n - 1 ? 0xfffffffe : sector + k + 1, (sector + k) * 4);
    sector += n;
  }
  for (let k = 0; k < dirSectors; k++) fat.writeUInt32LE(k === dirSectors - 1 ? 0xfffffffe : sector + k + 1, (sector + k) * 4);
  const entry = (name, type, child, right, start, size) => {
    const d = Buffer.alloc(128);
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(d, 0);
    d.writeUInt16LE(n.length, 64);
    d[66] = type;
    d[67] = 1; // black
    d.writeUInt32LE(0xffffffff, 68);
    d.writeUInt32LE(right, 72);
    d.writeUInt32LE(child, 76);
    d.writeUInt32LE(start, 116);
    d.writeUInt32LE(size, 120);
    return d;
  };
  // Siblings as a chain of right children: a valid (if unbalanced) red-black tree of black nodes.
  const dir = [entry('Root Entry', 5, 1, 0xffffffff, 0xfffffffe, 0)];
  // Each stream is declared at its padded size: below 4 KB a reader would look for it in the mini stream.
  streams.forEach((s, i) =>
    dir.push(entry(s.name, 2, 0xffffffff, i + 1 < streams.length ? i + 2 : 0xffffffff, starts[i], padded[i].length)),
  );
  while (dir.length % 4) {
    const d = Buffer.alloc(128);
    d.writeUInt32LE(0xffffffff, 68);
    d.writeUInt32LE(0xffffffff, 72);
    d.writeUInt32LE(0xffffffff, 76);
    dir.push(d);
  }
  return Buffer.concat([header, fat, ...padded, ...dir]);
}

function record(type, data) {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(data.length, 2);
  return Buffer.concat([h, data]);
}

/** A legacy Excel 97–2003 workbook (BIFF8) of one sheet: text as LABEL records, numbers as NUMBER. */
export function biff8(sheetName, rows) {
  const bof = (dt) => {
    const b = Buffer.alloc(16);
    b.writeUInt16LE(0x0600, 0);
    b.writeUInt16LE(dt, 2);
    b.writeUInt16LE(0x0dbb, 4);
    b.writeUInt16LE(0x07cc, 6);
    b.writeUInt32LE(6, 12);
    return record(0x0809, b);
  };
  const eof = record(0x000a, Buffer.alloc(0));
  const cells = [];
  let width = 0;
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      width = Math.max(width, c + 1);
      const head = Buffer.alloc(6);
      head.writeUInt16LE(r, 0);
      head.writeUInt16LE(c, 2);
      if (typeof v === 'number') {
        const n = Buffer.alloc(8);
        n.writeDoubleLE(v, 0);
        cells.push(record(0x0203, Buffer.concat([head, n])));
      } else {
        const s = Buffer.alloc(3);
        s.writeUInt16LE(v.length, 0);
        s[2] = 1; // UTF-16
        cells.push(record(0x0204, Buffer.concat([head, s, Buffer.from(v, 'utf16le')])));
      }
    }),
  );
  const dim = Buffer.alloc(14);
  dim.writeUInt32LE(rows.length, 4);
  dim.writeUInt16LE(width, 10);
  const sheet = Buffer.concat([bof(0x10), record(0x0200, dim), ...cells, eof]);
  const codepage = Buffer.alloc(2);
  codepage.writeUInt16LE(1200, 0);
  const boundsheet = (pos) => {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(pos, 0);
    b[6] = sheetName.length;
    b[7] = 1;
    return record(0x0085, Buffer.concat([b, Buffer.from(sheetName, 'utf16le')]));
  };
  const globalsLength = bof(5).length + record(0x0042, codepage).length + boundsheet(0).length + eof.length;
  const globals = Buffer.concat([bof(5), record(0x0042, codepage), boundsheet(globalsLength), eof]);
  return compoundFile([{ name: 'Workbook', data: Buffer.concat([globals, sheet]) }]);
}

/** A password-protected .xlsx as Office writes it: an OLE container of EncryptionInfo and EncryptedPackage. */
export function encryptedXlsx() {
  const info = Buffer.alloc(256);
  info.writeUInt16LE(4, 0); // agile encryption, version 4.4
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  Buffer.from('<?xml version="1.0" encoding="UTF-8"?><encryption/>').copy(info, 8);
  const pkg = Buffer.alloc(4096);
  pkg.writeUInt32LE(4000, 0);
  for (let i = 8; i < pkg.length; i++) pkg[i] = (i * 131 + 7) & 0xff; // stands for ciphertext
  return compoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

// ───────────────────────────── OpenDocument, by hand ─────────────────────────────

export function ods(sheetName, rows) {
  const cell = (v) => {
    if (v === null || v === undefined || v === '') return '<table:table-cell/>';
    if (typeof v === 'number')
      return `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
    return `<table:table-cell office:value-type="string"><text:p>${esc(v)}</text:p></table:table-cell>`;
  };
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="${esc(sheetName)}">${rows
    .map((row) => `<table:table-row>${row.map(cell).join('')}</table:table-row>`)
    .join('')}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return zip([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), store: true },
    { name: 'META-INF/manifest.xml', data: Buffer.from(manifest) },
    { name: 'content.xml', data: Buffer.from(content) },
  ]);
}

// ───────────────────────────── the registers ─────────────────────────────

/** The units of the hostile folder: one commune per fixture, so that no two registers clash. */
export const UNITS = [
  ['24', 'Tỉnh Bắc Giang', 'tinh', ''],
  ['213', 'Huyện Lục Nam', 'huyen', '24'],
  ['07651', 'Xã Yên Sơn', 'xa', '213'],
  ['07652', 'Xã Lan Mẫu', 'xa', '213'],
  ['07653', 'Xã Khám Lạng', 'xa', '213'],
  ['07654', 'Xã Bắc Lũng', 'xa', '213'],
  ['07655', 'Xã Cẩm Lý', 'xa', '213'],
  ['07656', 'Xã Đan Hội', 'xa', '213'],
  ['07657', 'Xã Vũ Xá', 'xa', '213'],
  ['07658', 'Xã Huyền Sơn', 'xa', '213'],
  ['07659', 'Xã Cương Sơn', 'xa', '213'],
  ['07660', 'Xã Tiên Nha', 'xa', '213'],
  ['07661', 'Xã Nghĩa Phương', 'xa', '213'],
  ['07662', 'Xã Bảo Đài', 'xa', '213'],
  ['07663', 'Xã Bảo Sơn', 'xa', '213'],
  ['07664', 'Xã Thanh Lâm', 'xa', '213'],
  ['07665', 'Xã Chu Điện', 'xa', '213'],
  ['07666', 'Xã Phương Sơn', 'xa', '213'],
  ['07667', 'Xã Tam Dị', 'xa', '213'],
  ['07668', 'Xã Đông Phú', 'xa', '213'],
];
export const AS_OF = '2024-09-30';

export const HEADER = [
  'STT',
  'Nội dung công việc',
  'Người chịu trách nhiệm',
  'Ngày giao',
  'Thời hạn hoàn thành',
  'Tiến độ (%)',
  'Tình trạng',
  'Ngày hoàn thành',
  'Ghi chú',
];
/** Three tasks with nothing wrong as of AS_OF: in progress, not started, done on time. */
export const TASKS = [
  [1, 'Xây dựng nhà văn hóa thôn Đồng', 'Nguyễn Văn An', '15/01/2024', '31/12/2024', 50, 'Đang thực hiện', '', ''],
  [2, 'Kiện toàn chi bộ thôn Mới', 'Trần Thị Bình', '01/02/2024', 'Quý IV/2024', 0, 'Chưa triển khai', '', ''],
  [3, 'Phát triển 5 đảng viên mới', 'Lê Văn Cường', '01/03/2024', '30/06/2024', 100, 'Đã hoàn thành', '20/06/2024', ''],
];

/** A register as rows: the title block naming `unit`, the header, `tasks`. */
export function registerRows(unitName, tasks = TASKS) {
  return [
    ['ĐẢNG BỘ HUYỆN LỤC NAM', null, null, null, null, 'ĐẢNG CỘNG SẢN VIỆT NAM'],
    [`ĐẢNG ỦY ${unitName.toUpperCase()}`],
    ['DANH MỤC ĐĂNG KÝ VIỆC KHÓ, NHIỆM VỤ TRỌNG TÂM NĂM 2024'],
    [],
    HEADER,
    ...tasks,
  ];
}

/** Rows as xlsx cells: text as shared strings, numbers as numbers. */
const asCells = (rows) => rows.map((r) => r.map((v) => (v === '' ? null : v)));

function csv(rows) {
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** VNI-Windows, enough to plant `legacy-encoding`: base letters followed by mark characters. */
function toVni(s) {
  const TONE = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
  const CIRC = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' };
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (ch === 'đ') out += 'ñ';
    else if (ch === 'Đ') out += 'Ñ';
    else {
      const nfd = ch.normalize('NFD');
      const marks = nfd.slice(1);
      const tone = [...marks].find((c) => TONE[c]) ?? '';
      if (!marks) out += ch;
      else if (marks.includes('\u0302')) out += nfd[0] + CIRC[tone];
      else if (marks.includes('\u031b')) out += (nfd[0] === 'o' ? 'ô' : 'ö') + (TONE[tone] ?? '');
      else if (marks.includes('\u0306')) out += nfd[0] + 'ê' + (TONE[tone] ?? '');
      else out += nfd[0] + (TONE[tone] ?? '');
    }
  }
  return out;
}

// ───────────────────────────── the cases ─────────────────────────────

/** A valid register as .xlsx with a date-formatted assigned date and real number cells. */
function goodXlsx(unitName) {
  const rows = asCells(registerRows(unitName));
  return xlsx([{ name: 'Danh mục', rows, merges: ['A1:D1', 'A2:D2', 'A3:I3'] }]);
}

/** What each committed fixture is, and what tiendo must answer (the sidecar expected.json). */
export function cases() {
  const good = goodXlsx('Xã Yên Sơn');
  const list = [];
  const add = (name, bytes, expect) => list.push({ name, bytes, expect });

  add('good-yen-son.xlsx', good, { unit: '07651', tasks: 3, diagnostics: [] });
  add('good-lan-mau.csv', csv(registerRows('Xã Lan Mẫu')), { unit: '07652', tasks: 3, diagnostics: [] });

  // A download cut short: no central directory.
  const whole = goodXlsx('Xã Khám Lạng');
  add('truncated.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)), {
    unit: null,
    tasks: 0,
    diagnostics: [{ rule: 'file-unreadable', messageId: 'corrupt' }],
  });
  add('encrypted.xlsx', encryptedXlsx(), { unit: null, tasks: 0, diagnostics: [{ rule: 'file-unreadable', messageId: 'encrypted' }] });
  add('legacy.xls', biff8('Danh mục', registerRows('Xã Bắc Lũng')), {
    unit: null,
    tasks: 0,
    diagnostics: [{ rule: 'file-unreadable', messageId: 'xls' }],
    converted: { unit: '07654', tasks: 3, diagnostics: [] },
  });
  add('legacy.ods', ods('Danh mục', registerRows('Xã Cẩm Lý')), {
    unit: null,
    tasks: 0,
    diagnostics: [{ rule: 'file-unreadable', messageId: 'ods' }],
    converted: { unit: '07655', tasks: 3, diagnostics: [] },
  });

  // Billion laughs: ten levels of ten, a 3 GB string if anyone expanded it.
  const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`;
  const laughRows = asCells(registerRows('Xã Đan Hội'));
  laughRows[5][1] = 'Xây dựng nhà văn hóa &lol9;'; // shared string text, escaped as &amp;lol9;
  add(
    'laughs-sheet.xlsx',
    xlsx([{ name: 'Danh mục', rows: laughRows }], {
      sheetProlog: laughs,
      // the reference itself, unescaped, in a cell of the sheet
      entries: (es) =>
        es.map((e) =>
          e.name === 'xl/worksheets/sheet1.xml'
            ? {
                ...e,
                data: Buffer.from(
                  e.data
                    .toString()
                    .replace('<sheetData>', '<sheetData><row r="20"><c r="A20" t="inlineStr"><is><t>&lol9;</t></is></c></row>'),
                ),
              }
            : e,
        ),
    }),
    { unit: null, tasks: 0, diagnostics: [{ rule: 'file-unreadable', messageId: 'corrupt' }] },
  );
  add(
    'laughs-strings.xlsx',
    xlsx([{ name: 'Danh mục', rows: asCells(registerRows('Xã Vũ Xá')) }], {
      stringsProlog: laughs,
      entries: (es) =>
        es.map((e) =>
          e.name === 'xl/sharedStrings.xml'
            ? { ...e, data: Buffer.from(e.data.toString().replace('<si>', '<si><t>&lol9;</t></si><si>')) }
            : e,
        ),
    }),
    { unit: null, tasks: 0, diagnostics: [{ rule: 'file-unreadable', messageId: 'corrupt' }] },
  );

  // Formulas: a cached result is used; none cached shows the formula, which the value rules report.
  const fRows = asCells(
    registerRows('Xã Huyền Sơn', [
      [
        1,
        { f: 'CONCATENATE("Nâng cấp"," đường trục xã")', v: 'Nâng cấp đường trục xã', t: 'str' },
        'Nguyễn Văn An',
        '15/01/2024',
        { f: 'DATE(2024,12,31)', v: 45657, x: 'date' },
        { f: '25*2', v: 50 },
        'Đang thực hiện',
        '',
        '',
      ],
      [2, 'Kiện toàn chi bộ thôn Mới', 'Trần Thị Bình', '01/02/2024', { f: 'DATE(2024,12,31)', x: 'date' }, 0, 'Chưa triển khai', '', ''],
      [3, 'Phát triển 5 đảng viên mới', 'Lê Văn Cường', '01/03/2024', '31/12/2024', { f: 'F6*2' }, 'Đang thực hiện', '', ''],
      [4, { f: 'B6&" (tiếp)"' }, 'Phạm Văn Dũng', '01/03/2024', '31/12/2024', 10, 'Đang thực hiện', '', ''],
    ]),
  );
  add('formulas.xlsx', xlsx([{ name: 'Danh mục', rows: fRows }]), {
    unit: '07658',
    tasks: 4,
    diagnostics: [
      { rule: 'invalid-date', row: 7, column: 'E', text: '=DATE(2024,12,31)' },
      { rule: 'invalid-progress', row: 8, column: 'F', text: '=F6*2' },
    ],
    titles: { 9: '=B6&" (tiếp)"' },
  });

  // Error values: each in a value column is reported by that column's rule.
  const eRows = asCells(
    registerRows('Xã Cương Sơn', [
      [1, 'Xây dựng nhà văn hóa thôn Đồng', 'Nguyễn Văn An', '15/01/2024', { e: '#N/A' }, 50, 'Đang thực hiện', '', ''],
      [2, 'Kiện toàn chi bộ thôn Mới', 'Trần Thị Bình', '01/02/2024', '31/12/2024', { e: '#REF!' }, 'Đang thực hiện', '', ''],
      [3, 'Phát triển 5 đảng viên mới', 'Lê Văn Cường', { e: '#VALUE!' }, '31/12/2024', 10, 'Đang thực hiện', '', ''],
    ]),
  );
  add('errors.xlsx', xlsx([{ name: 'Danh mục', rows: eRows }]), {
    unit: '07659',
    tasks: 3,
    diagnostics: [
      { rule: 'invalid-date', row: 6, column: 'E', text: '#N/A' },
      { rule: 'invalid-progress', row: 7, column: 'F', text: '#REF!' },
      { rule: 'invalid-date', row: 8, column: 'D', text: '#VALUE!' },
    ],
  });

  // Cells at Excel's limit (32,767 characters): read whole, a long deadline reported like a short one.
  const long = `${'Xây dựng nông thôn mới kiểu mẫu. '.repeat(1000).slice(0, 31999)}.`;
  const lRows = asCells(
    registerRows('Xã Tiên Nha', [
      [1, long, 'Nguyễn Văn An', '15/01/2024', '31/12/2024', 50, 'Đang thực hiện', '', long],
      [2, 'Kiện toàn chi bộ thôn Mới', 'Trần Thị Bình', '01/02/2024', `31/12/2024 ${'x'.repeat(31989)}`, 0, 'Chưa triển khai', '', ''],
    ]),
  );
  add('long-cells.xlsx', xlsx([{ name: 'Danh mục', rows: lRows }]), {
    unit: '07660',
    tasks: 2,
    diagnostics: [{ rule: 'invalid-date', row: 7, column: 'E' }],
    titleLength: { 6: 32000 },
  });

  // Three hundred sheets, the register on the 200th: the others hold notes, not a table.
  const many = [];
  for (let i = 1; i <= 300; i++) {
    many.push(
      i === 200
        ? { name: 'Danh mục', rows: asCells(registerRows('Xã Nghĩa Phương')) }
        : { name: `Trang ${i}`, rows: [[`Ghi chú trang ${i}`], [null, i]] },
    );
  }
  add('many-sheets.xlsx', xlsx(many), { unit: '07661', tasks: 3, diagnostics: [], sheet: 'Danh mục' });

  // A quote opened and never closed: the parser would swallow the rest of the file.
  const stray = csv(registerRows('Xã Bảo Đài')).toString().replace('Kiện toàn chi bộ thôn Mới', '"Kiện toàn chi bộ thôn Mới');
  add('stray-quote.csv', Buffer.from(stray), {
    unit: null,
    tasks: 0,
    diagnostics: [{ rule: 'file-unreadable', messageId: 'csv', line: 7 }],
  });

  // TCVN3 (.VnTime / .VnTimeH): converted on reading, so the title names the unit and the text reads.
  const tRows = registerRows('Xã Bảo Sơn').map((row, r) =>
    row.map((v) => {
      if (typeof v !== 'string' || v === '') return v === '' ? null : v;
      if (r < 3) return { s: toTcvn3(v.toLowerCase()), x: 'tcvn3Upper' };
      return /^\d\d\/\d\d\/\d{4}$/.test(v) ? v : { s: toTcvn3(v), x: 'tcvn3' };
    }),
  );
  add('tcvn3.xlsx', xlsx([{ name: 'Danh mục', rows: tRows }]), {
    unit: '07663',
    tasks: 3,
    diagnostics: [],
    titles: { 6: 'Xây dựng nhà văn hóa thôn Đồng' },
  });

  // VNI-Windows: not converted; one warning per sheet asks for a conversion.
  const vRows = asCells(registerRows('Xã Thanh Lâm')).map((row, r) =>
    r >= 5 ? row.map((v, c) => (c === 1 ? { s: toVni(v), x: 'vni' } : v)) : row,
  );
  add('vni.xlsx', xlsx([{ name: 'Danh mục', rows: vRows }]), {
    unit: '07664',
    tasks: 3,
    diagnostics: [{ rule: 'legacy-encoding', row: 6, column: 'B' }],
  });
  return list;
}

// ───────────────────────────── made at test time ─────────────────────────────

/** A register whose sheet honestly inflates to `bytes` (a zip bomb by sheer size). */
export async function honestBomb(unitName, bytes) {
  const rows = asCells(registerRows(unitName));
  const { compressed, crc } = await deflateRepeated(Buffer.from('<row><c t="inlineStr"><is><t>lol</t></is></c></row>'), bytes);
  return xlsx([{ name: 'Danh mục', rows }], {
    entries: (es) =>
      es.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: Buffer.alloc(0), compressed, crc, size: bytes } : e)),
  });
}

/** A register whose sheet declares `declared` bytes and inflates to `bytes`: a bomb that lies. */
export async function lyingBomb(unitName, bytes, declared = 4096) {
  const rows = asCells(registerRows(unitName));
  const { compressed, crc } = await deflateRepeated(Buffer.from('<row><c t="inlineStr"><is><t>lol</t></is></c></row>'), bytes);
  return xlsx([{ name: 'Danh mục', rows }], {
    entries: (es) =>
      es.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: Buffer.alloc(0), compressed, crc, size: declared } : e)),
  });
}

/** A register of `n` tasks in one sheet (100,000 for the national-scale case). */
export function bigRegister(unitName, n) {
  const tasks = [];
  for (let i = 1; i <= n; i++) {
    tasks.push([
      i,
      `Nhiệm vụ số ${i}: xây dựng nông thôn mới`,
      `Cán bộ ${i % 500}`,
      { date: 45306 },
      { date: 45657 },
      i % 100,
      'Đang thực hiện',
      null,
      null,
    ]);
  }
  const rows = asCells(registerRows(unitName, [])).concat(tasks);
  return xlsx([{ name: 'Danh mục', rows }]);
}

export function unitsCsv() {
  return `code,name,level,parent\n${UNITS.map((u) => u.join(',')).join('\n')}\n`;
}

// ───────────────────────────── main ─────────────────────────────

export function writeFixtures(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const expected = {};
  for (const c of cases()) {
    writeFileSync(join(dir, c.name), c.bytes);
    expected[c.name] = c.expect;
  }
  writeFileSync(join(dir, 'units.csv'), unitsCsv());
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify({ asOf: AS_OF, files: expected }, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'hostile');
  writeFixtures(dir);
  process.stdout.write(`wrote ${dir}\n`);
}
