import * as d3 from 'd3';
import type { BaseOptions } from './frame.js';
import { titleSpace } from './frame.js';
import type { Box, PanelAxis } from './panel.js';
import { piFormat, TORUS_TICKS } from './scales.js';

/** Axis range of latent plots; the default is the torus chart [−π, π]. */
export const TORUS_EXTENT: [number, number] = [-Math.PI, Math.PI];

/** Square plot area and axes for a latent-space figure (equal aspect ratio). */
export interface LatentLayout {
  box: Box;
  x: PanelAxis;
  y: PanelAxis;
}

/**
 * Equal-aspect layout: the largest square that fits in the figure after margins (left 64, bottom 52,
 * `right` px for a colour bar or legend), horizontally centred in the remaining space.
 * On [−π, π] the ticks are −π, −π/2, 0, π/2, π.
 */
export function latentLayout(
  o: BaseOptions,
  extent: [number, number],
  right: number,
  labels: [string, string] = ['Latent dimension 1', 'Latent dimension 2'],
): LatentLayout {
  const [w, h] = o.size;
  const top = titleSpace(o) + 20;
  const left = 64;
  const bottom = 52;
  const side = Math.max(40, Math.min(w - left - right - 10, h - top - bottom));
  const x0 = left + Math.max(0, (w - left - right - 10 - side) / 2);
  const box = { x: x0, y: top, width: side, height: side };
  const isTorus = Math.abs(extent[0] + Math.PI) < 1e-9 && Math.abs(extent[1] - Math.PI) < 1e-9;
  const xs = d3
    .scaleLinear()
    .domain(extent)
    .range([box.x, box.x + side]);
  const ys = d3
    .scaleLinear()
    .domain(extent)
    .range([box.y + side, box.y]);
  const tickOpts = isTorus ? { ticks: TORUS_TICKS, tickFormat: piFormat } : {};
  return {
    box,
    x: { type: 'linear', scale: xs, label: labels[0], ...tickOpts },
    y: { type: 'linear', scale: ys, label: labels[1], ...tickOpts },
  };
}
