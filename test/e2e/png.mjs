// Just enough PNG for the end-to-end test: compares two screenshots pixel by pixel, so that a picture that did not
// visibly change (a few anti-aliased pixels differ between runs) is not rewritten.
import zlib from 'node:zlib';

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (as Chromium writes them); undefined for anything else. */
export function decodePng(buf) {
  if (!buf.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) return undefined;
  let width, height, channels, interlaced;
  const idat = [];
  for (let p = 8; p + 8 <= buf.length;) {
    const len = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const data = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      channels = data[8] === 8 ? { 2: 3, 6: 4 }[data[9]] : undefined;
      interlaced = data[12] !== 0;
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  if (!channels || interlaced) return undefined;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[row + x - channels] : 0;
      const b = y > 0 ? px[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? px[row - stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[row + x] = v & 255;
    }
  }
  return { width, height, channels, px };
}

/** How many pixels differ between two PNG files' contents (Infinity when they cannot be compared). */
export function pixelsDiffering(pngA, pngB) {
  const [a, b] = [decodePng(pngA), decodePng(pngB)];
  if (!a || !b || a.width !== b.width || a.height !== b.height) return Infinity;
  let n = 0;
  for (let i = 0, j = 0; i < a.px.length; i += a.channels, j += b.channels) {
    if (a.px[i] !== b.px[j] || a.px[i + 1] !== b.px[j + 1] || a.px[i + 2] !== b.px[j + 2]) n++;
  }
  return n;
}
