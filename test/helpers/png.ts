// Reads the PNGs pdftoppm writes (8 bits a channel, grey or RGB, not interlaced) into pixels, so a
// test can look at a rendered page: enough of the PNG format for that, and no more.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGB, three bytes a pixel, row after row */
  rgb: Buffer;
}

export function readPng(path: string): Image {
  const buf = readFileSync(path);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error(`${path}: not a PNG`);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      channels = colour === 2 ? 3 : colour === 0 ? 1 : 0;
      if (depth !== 8 || !channels || interlace)
        throw new Error(`${path}: a PNG this reader does not take (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      // readUInt8 throws on a short line or image rather than reading undefined as a pixel
      const a = x >= channels ? px.readUInt8(y * stride + x - channels) : 0;
      const b = y > 0 ? px.readUInt8((y - 1) * stride + x) : 0;
      const c = x >= channels && y > 0 ? px.readUInt8((y - 1) * stride + x - channels) : 0;
      let v = line.readUInt8(x);
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + x] = v & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: px };
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = px.readUInt8(i);
  return { width, height, rgb };
}

/** How many pixels of `img` inside the box (fractions of the width and height) are within `tolerance` of colour `hex` (`RRGGBB`). */
export function countColour(img: Image, hex: string, box = { x0: 0, y0: 0, x1: 1, y1: 1 }, tolerance = 24): number {
  const [r = NaN, g = NaN, b = NaN] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = Math.floor(box.y0 * img.height); y < Math.floor(box.y1 * img.height); y++) {
    for (let x = Math.floor(box.x0 * img.width); x < Math.floor(box.x1 * img.width); x++) {
      const i = 3 * (y * img.width + x);
      if (
        Math.abs(img.rgb.readUInt8(i) - r) <= tolerance &&
        Math.abs(img.rgb.readUInt8(i + 1) - g) <= tolerance &&
        Math.abs(img.rgb.readUInt8(i + 2) - b) <= tolerance
      )
        n++;
    }
  }
  return n;
}
