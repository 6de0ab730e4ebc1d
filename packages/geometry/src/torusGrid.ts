import { CurvInputError } from '@curv/core';

export interface TorusGridOptions {
  /** Lower end of the period in both coordinates (default −π). */
  lo?: number;
  /** Upper end of the period (default π); hi itself is not a node (it is lo again on the torus). */
  hi?: number;
}

/**
 * The one grid convention of curv for fields on the latent torus [lo, hi)² (default [−π, π)²):
 *
 * - nodes x_i = lo + i·h, h = (hi − lo)/n, i = 0..n−1 — periodic, half-open: hi is lo again, so no node
 *   is counted twice and central differences wrap around;
 * - row-major, **x fastest**: node p = j·n + i is (x_i, y_j); row 0 is y = lo (the bottom of a figure).
 *
 * Every per-node array of length n² (metric grids, curvature grids, report heat maps, decision maps)
 * uses this order. A figure that places values at nodes spans `extent` = [x_0, x_{n−1}].
 */
export interface TorusGrid {
  readonly n: number;
  readonly lo: number;
  readonly hi: number;
  /** Spacing h = (hi − lo)/n. */
  readonly h: number;
  /** Node coordinates x_i (the same in both axes), length n. */
  readonly coords: Float32Array;
  /** All nodes as row-major [n², 2] (x fastest). */
  readonly points: Float32Array;
  /** [x_0, x_{n−1}]: the span of the nodes, for figures that centre cells on nodes. */
  readonly extent: [number, number];
  /** Flat index j·n + i of node (i, j), with i and j taken modulo n (periodic). */
  index(i: number, j: number): number;
}

/**
 * Build the n × n {@link TorusGrid}.
 *
 * ```ts
 * const grid = torusGrid(4); // coords −π, −π/2, 0, π/2
 * grid.points.subarray(2, 4); // node 1 = (−π/2, −π)
 * ```
 */
export function torusGrid(n: number, options: TorusGridOptions = {}): TorusGrid {
  if (!Number.isInteger(n) || n < 1) {
    throw new CurvInputError(`torusGrid n: expected a positive integer, got ${n}`, 'n');
  }
  const lo = options.lo ?? -Math.PI;
  const hi = options.hi ?? Math.PI;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new CurvInputError(`torusGrid: expected finite lo < hi, got lo = ${lo}, hi = ${hi}`, 'hi');
  }
  const h = (hi - lo) / n;
  const coords = new Float32Array(n);
  for (let i = 0; i < n; i++) coords[i] = lo + i * h;
  const points = new Float32Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const p = j * n + i;
      points[2 * p] = coords[i];
      points[2 * p + 1] = coords[j];
    }
  }
  const wrap = (k: number) => ((k % n) + n) % n;
  return {
    n,
    lo,
    hi,
    h,
    coords,
    points,
    extent: [lo, lo + (n - 1) * h],
    index: (i, j) => wrap(j) * n + wrap(i),
  };
}
