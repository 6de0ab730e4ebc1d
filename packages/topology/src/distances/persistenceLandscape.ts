import { CurvInputError } from '@curv/core';
import type { Diagram } from '../persistence/types.js';

/** Options of {@link persistenceLandscape}. */
export interface LandscapeOptions {
  /** Number of layers λ_1 … λ_k (default 3). */
  layers?: number;
  /** Sample points t (default 100 points evenly spaced over [min birth, max finite death]). */
  grid?: ArrayLike<number>;
}

/** Result of {@link persistenceLandscape}: `values[k][i]` = λ_{k+1}(grid[i]). */
export interface Landscape {
  grid: Float64Array;
  values: Float64Array[];
}

/**
 * Persistence landscape of a diagram sampled on a grid: λ_k(t) is the k-th largest of the tents
 * max(0, min(t − b, d − t)) over the points (b, d) (infinite deaths give the ramp t − b).
 *
 * ```ts
 * persistenceLandscape([[0, 2]], { layers: 1, grid: [0, 1, 2] }).values[0]; // Float64Array [0, 1, 0]
 * ```
 */
export function persistenceLandscape(d: Diagram, options: LandscapeOptions = {}): Landscape {
  const layers = options.layers ?? 3;
  if (!Number.isInteger(layers) || layers < 1) {
    throw new CurvInputError(`persistenceLandscape: layers = ${layers}; expected an integer ≥ 1`, 'layers');
  }
  d.forEach(([b, e], i) => {
    if (!Number.isFinite(b) || Number.isNaN(e) || e < b) {
      throw new CurvInputError(
        `persistenceLandscape: point ${i} is (${b}, ${e}); expected a finite birth ≤ death`,
        'diagram',
      );
    }
  });
  let grid: Float64Array;
  if (options.grid) grid = Float64Array.from(options.grid);
  else {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const [b, e] of d) {
      lo = Math.min(lo, b);
      hi = Math.max(hi, Number.isFinite(e) ? e : b);
    }
    if (!(hi > lo)) {
      lo = 0;
      hi = 1;
    }
    grid = Float64Array.from({ length: 100 }, (_, i) => lo + ((hi - lo) * i) / 99);
  }
  const values = Array.from({ length: layers }, () => new Float64Array(grid.length));
  const tents = new Float64Array(d.length);
  grid.forEach((t, i) => {
    d.forEach(([b, e], j) => {
      tents[j] = Math.max(0, Math.min(t - b, e - t));
    });
    const sorted = Float64Array.from(tents).sort().reverse();
    for (let k = 0; k < layers && k < sorted.length; k++) values[k][i] = sorted[k];
  });
  return { grid, values };
}
