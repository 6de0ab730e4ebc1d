import { describe, expect, it } from 'vitest';
import * as browser from '../src/browser.js';
import * as main from '../src/index.js';

describe('entry points', () => {
  it('the browser entry is the main entry without the resvg rasterisers (PNG, RGBA, GIF)', () => {
    const expected = Object.keys(main)
      .filter((k) => !['toPng', 'toRgba', 'toGif'].includes(k))
      .sort();
    expect(Object.keys(browser).sort()).toEqual(expected);
  });

  it('embedded heat-map PNGs are zlib streams that decode to the pixels (no node:zlib needed)', async () => {
    const { inflateSync } = await import('node:zlib');
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const png = main.encodePng(3, 2, rgba);
    // IDAT starts after the 8-byte signature and the 25-byte IHDR chunk.
    const len = new DataView(png.buffer, png.byteOffset).getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + len));
    expect(raw.length).toBe((3 * 4 + 1) * 2);
    expect([...raw.subarray(1, 13)]).toEqual([...rgba.subarray(0, 12)]);
    expect([...raw.subarray(14, 26)]).toEqual([...rgba.subarray(12, 24)]);
  });
});
