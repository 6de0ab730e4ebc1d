import * as gifencModule from 'gifenc';
import { PlotInputError } from './errors.js';
import { type PngOptions, toRgba } from './png.js';

// gifenc ships CommonJS for Node (named exports only on `default`) and ESM for bundlers.
const gifenc = (
  'GIFEncoder' in gifencModule ? gifencModule : (gifencModule as { default: unknown }).default
) as typeof gifencModule.default;

/** Options of {@link toGif}: those of `toPng` plus timing and colours. */
export interface GifOptions extends PngOptions {
  /** Display time of each frame in milliseconds (default 200; GIF stores hundredths of a second). */
  delayMs?: number;
  /** Display time of the last frame (default: 5 × delayMs, so the final state stays visible). */
  lastDelayMs?: number;
  /** Loop count: 0 loops forever (default), −1 plays once, n > 0 repeats n times. */
  repeat?: number;
  /** Colours per frame palette, 2–256 (default 256). */
  maxColors?: number;
}

/**
 * An animated GIF from SVG frames of equal size: each frame is rasterised with resvg (as `toPng`),
 * quantised to its own palette (gifenc) and written with `delayMs` between frames, looping forever by
 * default. Returns the GIF bytes.
 *
 * ```ts
 * const gif = toGif(frames.map((f) => octopusPlot()(f)), { width: 640, delayMs: 250 });
 * ```
 */
export function toGif(frames: readonly string[], options: GifOptions = {}): Uint8Array {
  if (!Array.isArray(frames) || frames.length === 0) {
    throw new PlotInputError('toGif: frames must be a non-empty array of SVG strings', 'frames');
  }
  const delay = options.delayMs ?? 200;
  const lastDelay = options.lastDelayMs ?? 5 * delay;
  const maxColors = Math.round(options.maxColors ?? 256);
  if (!(delay >= 0) || !(lastDelay >= 0)) throw new PlotInputError('toGif: delays must be ≥ 0 ms', 'delayMs');
  if (!(maxColors >= 2 && maxColors <= 256)) {
    throw new PlotInputError(`toGif: maxColors must be within 2–256, got ${options.maxColors}`, 'maxColors');
  }
  const encoder = gifenc.GIFEncoder();
  let size: [number, number] | undefined;
  frames.forEach((svg, f) => {
    const { width, height, pixels } = toRgba(svg, options);
    if (!size) size = [width, height];
    else if (size[0] !== width || size[1] !== height) {
      throw new PlotInputError(
        `toGif: frame ${f} is ${width}×${height} px, frame 0 is ${size[0]}×${size[1]}; frames must have one size`,
        'frames',
      );
    }
    const palette = gifenc.quantize(pixels, maxColors);
    const index = gifenc.applyPalette(pixels, palette);
    encoder.writeFrame(index, width, height, {
      palette,
      delay: f === frames.length - 1 ? lastDelay : delay,
      repeat: options.repeat ?? 0,
    });
  });
  encoder.finish();
  return Uint8Array.from(encoder.bytes());
}
