import omggif from 'omggif';
import { describe, expect, it } from 'vitest';
import { PlotInputError, toGif } from '../src/index.js';

/** A w×h SVG filled with one colour. */
const solid = (color: string, w = 40, h = 30) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${color}"/></svg>`;

function decode(bytes: Uint8Array) {
  const reader = new omggif.GifReader(bytes);
  const frames = Array.from({ length: reader.numFrames() }, (_, f) => {
    const rgba = new Uint8Array(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(f, rgba);
    return { rgba, delay: reader.frameInfo(f).delay };
  });
  return { reader, frames };
}

describe('toGif', () => {
  it('writes one GIF frame per SVG, in order, with the requested size, delays and endless loop', () => {
    const colors: [string, number[]][] = [
      ['#ff0000', [255, 0, 0]],
      ['#00ff00', [0, 255, 0]],
      ['#0000ff', [0, 0, 255]],
    ];
    const gif = toGif(
      colors.map(([c]) => solid(c)),
      { width: 80, delayMs: 250, lastDelayMs: 1000 },
    );
    expect(new TextDecoder().decode(gif.subarray(0, 6))).toBe('GIF89a');
    const { reader, frames } = decode(gif);
    expect([reader.width, reader.height]).toEqual([80, 60]);
    expect(reader.loopCount()).toBe(0);
    expect(frames).toHaveLength(3);
    // GIF delays are in hundredths of a second.
    expect(frames.map((f) => f.delay)).toEqual([25, 25, 100]);
    frames.forEach((f, i) => {
      const centre = (30 * 80 + 40) * 4;
      expect(Array.from(f.rgba.subarray(centre, centre + 3))).toEqual(colors[i][1]);
    });
  });

  it('refuses frames of different sizes and an empty list', () => {
    expect(() => toGif([solid('red'), solid('red', 41, 30)])).toThrow(/frame 1 is 41×30 px/);
    expect(() => toGif([])).toThrow(PlotInputError);
    expect(() => toGif([solid('red')], { maxColors: 1 })).toThrow(/maxColors/);
  });
});
