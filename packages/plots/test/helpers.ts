import { inflateSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';

/** Parse SVG/XML strictly: any parser warning or error throws. */
export function parseSvg(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      errors.push(`${level}: ${msg}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  if (errors.length > 0) throw new Error(`SVG does not parse: ${errors.join('; ')}`);
  return doc;
}

type El = { getAttribute(n: string): string | null; textContent: string | null; tagName: string };

/** All elements (in document order) whose class list contains `cls`. */
export function byClass(root: { getElementsByTagName(n: string): ArrayLike<unknown> }, cls: string): El[] {
  const all = Array.from(root.getElementsByTagName('*') as ArrayLike<El>);
  return all.filter((e) => (e.getAttribute('class') ?? '').split(/\s+/).includes(cls));
}

/** Elements with a given tag name. */
export function byTag(root: { getElementsByTagName(n: string): ArrayLike<unknown> }, tag: string): El[] {
  return Array.from(root.getElementsByTagName(tag) as ArrayLike<El>);
}

/** Tick labels of the first axis of an orientation inside `root`. */
export function tickLabels(
  root: { getElementsByTagName(n: string): ArrayLike<unknown> },
  orient: 'bottom' | 'left' | 'right',
) {
  const axis = byClass(root, `axis-${orient}`)[0] as unknown as {
    getElementsByTagName(n: string): ArrayLike<unknown>;
  };
  return byClass(axis, 'tick').map((t) => (t as unknown as { textContent: string }).textContent);
}

/** Decoded 8-bit PNG (colour types 2 and 6, non-interlaced) as RGBA. */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  sig.forEach((b, i) => {
    if (png[i] !== b) throw new Error('not a PNG');
  });
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Uint8Array[] = [];
  while (off < png.length) {
    const len = dv.getUint32(off);
    const type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = dv.getUint32(off + 8);
      height = dv.getUint32(off + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (bpp === 0) throw new Error(`colour type ${colorType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * bpp);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let p = 0;
      if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const q = a + b - c;
        const pa = Math.abs(q - a);
        const pb = Math.abs(q - b);
        const pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (v + p) & 0xff;
    }
  }
  if (bpp === 4) return { width, height, rgba: out };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([out[3 * i], out[3 * i + 1], out[3 * i + 2], 255], 4 * i);
  return { width, height, rgba };
}

/** Fraction of pixels that are not (near-)white, and the variance of the grey level. */
export function inkStats(rgba: Uint8Array): { ink: number; variance: number } {
  const n = rgba.length / 4;
  let ink = 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const g = (rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3;
    if (g < 240) ink += 1;
    s += g;
    s2 += g * g;
  }
  return { ink: ink / n, variance: s2 / n - (s / n) ** 2 };
}

/** Decode the PNG inside a `data:image/png;base64,` URI. */
export function decodeDataUri(uri: string) {
  const m = /^data:image\/png;base64,(.*)$/.exec(uri);
  if (!m) throw new Error('not a PNG data URI');
  return decodePng(new Uint8Array(Buffer.from(m[1], 'base64')));
}
