import { figureBuilder } from './builder.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, titleSpace } from './frame.js';
import type { NumericArray } from './input.js';
import { pngDataUri } from './raster.js';
import { el, text } from './svg.js';

/** Input of {@link reconstructionStrip}: rows of equally sized grey images. */
export interface ReconstructionStripData {
  /** Image width and height in pixels (MNIST: [28, 28]). */
  imageSize: [number, number];
  /** One row per entry, e.g. originals then reconstructions; each image is row-major h×w, top row first. */
  rows: { title: string; images: NumericArray[] }[];
  /** Optional caption under each column (e.g. the digit label). */
  columnLabels?: string[];
}

/** Options of {@link reconstructionStrip}. */
export interface ReconstructionStripOptions extends BaseOptions {
  /** Pixel values mapped to black…white (default [0, 1]; values are clamped). */
  valueRange: [number, number];
  /** Displayed size of one image cell in px. */
  cell: number;
  /** Invert the grey ramp (high values black, for dark digits on white). Default false: high = white, as matplotlib "gray". */
  invert: boolean;
}

/**
 * Reconstruction strip (`recon_images`): a grid of grey images, one
 * `<image class="image">` per image, a `<text class="row-title">` per row (e.g. "Original images",
 * "Reconstructed images") and optional column captions. Gray colormap as in matplotlib: low = black,
 * high = white (set `invert` for black digits on white). The figure size is derived from the grid.
 *
 * ```ts
 * const svg = reconstructionStrip()({ imageSize: [2, 2], rows: [{ title: 'Original images', images: [[0, 1, 1, 0]] }] });
 * ```
 */
export function reconstructionStrip() {
  return figureBuilder<ReconstructionStripOptions, ReconstructionStripData>(
    { ...baseDefaults([0, 0]), valueRange: [0, 1], cell: 64, invert: false },
    renderStrip,
  );
}

function renderStrip(d: ReconstructionStripData, o: Readonly<ReconstructionStripOptions>): string {
  const [iw, ih] = d.imageSize ?? [0, 0];
  if (!(iw > 0 && ih > 0))
    throw new PlotInputError('reconstructionStrip: imageSize must be [width, height] > 0', 'imageSize');
  if (!d.rows || d.rows.length === 0) throw new PlotInputError('reconstructionStrip: rows is empty', 'rows');
  const cols = Math.max(...d.rows.map((r) => r.images.length));
  if (cols === 0) throw new PlotInputError('reconstructionStrip: rows contain no images', 'rows');
  const [lo, hi] = o.valueRange;
  const span = hi - lo || 1;
  const cellH = (o.cell * ih) / iw;
  const gap = 6;
  const rowTitleH = o.fontSize * 1.6;
  const top = titleSpace(o) + 8;
  const capH = d.columnLabels ? o.fontSize * 1.5 : 0;
  const width = o.size[0] > 0 ? o.size[0] : Math.max(cols * (o.cell + gap) + 20, 260);
  const left = (width - (cols * (o.cell + gap) - gap)) / 2;
  const height = o.size[1] > 0 ? o.size[1] : top + d.rows.length * (rowTitleH + cellH + gap) + capH + 10;
  const parts: string[] = [];
  d.rows.forEach((row, r) => {
    const y = top + r * (rowTitleH + cellH + gap);
    parts.push(
      text(row.title, { class: 'row-title', x: width / 2, y: y + o.fontSize, 'text-anchor': 'middle' }),
    );
    row.images.forEach((img, c) => {
      if (img.length !== iw * ih) {
        throw new PlotInputError(
          `reconstructionStrip: rows[${r}].images[${c}] has ${img.length} pixels; expected ${iw}×${ih} = ${iw * ih}`,
          `rows[${r}].images[${c}]`,
        );
      }
      const rgba = new Uint8Array(iw * ih * 4);
      for (let p = 0; p < iw * ih; p++) {
        let t = (img[p] - lo) / span;
        t = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
        const g = Math.round(255 * (o.invert ? 1 - t : t));
        rgba[4 * p] = g;
        rgba[4 * p + 1] = g;
        rgba[4 * p + 2] = g;
        rgba[4 * p + 3] = 255;
      }
      parts.push(
        el('image', {
          class: 'image',
          x: left + c * (o.cell + gap),
          y: y + rowTitleH,
          width: o.cell,
          height: cellH,
          preserveAspectRatio: 'none',
          style: 'image-rendering:pixelated;image-rendering:optimizeSpeed',
          href: pngDataUri(iw, ih, rgba),
        }),
      );
    });
  });
  d.columnLabels?.forEach((lab, c) => {
    parts.push(
      text(lab, {
        class: 'column-label',
        x: left + c * (o.cell + gap) + o.cell / 2,
        y: height - 10,
        'text-anchor': 'middle',
        'font-size': o.fontSize * 0.9,
      }),
    );
  });
  return finishFigure({ ...o, size: [width, height] }, 'reconstruction-strip', parts.join(''));
}
