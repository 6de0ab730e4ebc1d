import { figureBuilder } from './builder.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, titleSpace } from './frame.js';

/** Options of {@link figureGrid}. */
export interface FigureGridOptions extends BaseOptions {
  /** Number of columns (uses 2×2 grids). */
  columns: number;
  /** Gap between figures in px. */
  gap: number;
}

/** Width and height of a figure produced by this package (read from the root `<svg>`). */
export function svgSize(svg: string): [number, number] {
  const m = /^<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new PlotInputError('figureGrid: not an <svg> with width and height attributes', 'svg');
  return [Number(m[1]), Number(m[2])];
}

/**
 * Arrange figures (SVG strings from this package) in a grid, e.g. the 2×2 `heatmaps_not_scaled`,
 * `curvature_heatmaps` and `metric_det_trace`. Each figure becomes a nested `<svg>` at its
 * cell's position (cells are as large as the largest figure); ids stay unique because every figure's ids
 * carry its own hash.
 *
 * ```ts
 * const svg = figureGrid().columns(2)([heatmapA, heatmapB, heatmapC, heatmapD]);
 * ```
 */
export function figureGrid() {
  return figureBuilder<FigureGridOptions, string[]>(
    { ...baseDefaults([0, 0]), columns: 2, gap: 10 },
    (svgs, o) => {
      if (!Array.isArray(svgs) || svgs.length === 0)
        throw new PlotInputError('figureGrid: no figures given', 'svgs');
      const sizes = svgs.map(svgSize);
      const cw = Math.max(...sizes.map((s) => s[0]));
      const ch = Math.max(...sizes.map((s) => s[1]));
      const cols = Math.max(1, Math.min(o.columns, svgs.length));
      const rows = Math.ceil(svgs.length / cols);
      const top = titleSpace(o) + (o.title ? 6 : 0);
      const width = cols * cw + (cols - 1) * o.gap;
      const height = top + rows * ch + (rows - 1) * o.gap;
      const cells = svgs.map((svg, i) => {
        const x = (i % cols) * (cw + o.gap) + (cw - sizes[i][0]) / 2;
        const y = top + Math.floor(i / cols) * (ch + o.gap);
        return svg.replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
      });
      return finishFigure({ ...o, size: [width, height] }, 'figure-grid', cells.join(''));
    },
  );
}
