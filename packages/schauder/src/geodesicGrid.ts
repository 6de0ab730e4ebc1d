import { CurvInputError } from '@curv/core';
import { sampleAlongCurve } from './sampleAlongCurve.js';
import { type GeodesicGeometry, type SolveGeodesicsOptions, solveGeodesics } from './solveGeodesics.js';
import { checkInt } from './validate.js';

export interface GeodesicGridOptions extends SolveGeodesicsOptions {
  /** Centre of the square (default [0, 0]). */
  center?: [number, number];
  /** Side of the square (default 4: corners (±2, ±2)). */
  side?: number;
  /** Number of points sampled on the bottom/top borders = number of vertical geodesics (default 10). */
  N?: number;
  /** Number of points sampled on the left/right borders = number of horizontal geodesics (default 10). */
  K?: number;
}

/** Curves as plain rows: `[curve][s][coordinate]`. */
export type PlainCurves = number[][][];

export interface GeodesicGridResult {
  /** Border geodesics, each `[S][2]`: bottom (−,−)→(+,−), top (−,+)→(+,+), left (−,−)→(−,+), right (+,−)→(+,+). */
  borders: { bottom: number[][]; top: number[][]; left: number[][]; right: number[][] };
  /** Sampled border points: bottom/top `[N][2]`, left/right `[K][2]`. */
  points: { bottom: number[][]; top: number[][]; left: number[][]; right: number[][] };
  /** N "vertical" geodesics bottom_i → top_i and K "horizontal" geodesics left_j → right_j, each `[S][2]`. */
  vertical: PlainCurves;
  horizontal: PlainCurves;
  /** Lengths (in the solving geometry) of the borders [bottom, top, left, right], vertical and horizontal curves. */
  lengths: { borders: number[]; vertical: number[]; horizontal: number[] };
}

/**
 * The geodesic grid: geodesic borders of a square, N points sampled on the bottom
 * and top borders and K on the left and right ones, then N vertical and K horizontal geodesics between
 * them — three batched solves (borders, vertical, horizontal), returned as plain arrays for plotting.
 *
 * ```ts
 * const grid = geodesicGrid({ decoder }, { N: 5, K: 5, nMax: 4, S: 33, steps: 150 });
 * grid.vertical[0]; // [[x, y], …] 33 points
 * ```
 * Original defaults: side 4 centred at 0, N = K = 10, nMax 7, S 100, 500 Adam steps, lr 0.01.
 */
export function geodesicGrid(
  geometry: GeodesicGeometry,
  options: GeodesicGridOptions = {},
): GeodesicGridResult {
  const { center = [0, 0], side = 4, N = 10, K = 10, ...solver } = options;
  checkInt(N, 2, 'N');
  checkInt(K, 2, 'K');
  if (!(side > 0)) throw new CurvInputError(`side: expected a positive number; got ${side}`, 'side');
  const opts: SolveGeodesicsOptions = { steps: 500, ...solver };
  const h = side / 2;
  const [cx, cy] = center;
  const c00 = [cx - h, cy - h];
  const c10 = [cx + h, cy - h];
  const c01 = [cx - h, cy + h];
  const c11 = [cx + h, cy + h];
  const b = solveGeodesics(geometry, [c00, c01, c00, c10], [c10, c11, c01, c11], opts);
  const [bottom, top, left, right] = b.curvesArray();
  const points = {
    bottom: sampleAlongCurve(bottom, N),
    top: sampleAlongCurve(top, N),
    left: sampleAlongCurve(left, K),
    right: sampleAlongCurve(right, K),
  };
  const v = solveGeodesics(geometry, points.bottom, points.top, opts);
  const hz = solveGeodesics(geometry, points.left, points.right, opts);
  return {
    borders: { bottom, top, left, right },
    points,
    vertical: v.curvesArray(),
    horizontal: hz.curvesArray(),
    lengths: {
      borders: Array.from(b.lengths),
      vertical: Array.from(v.lengths),
      horizontal: Array.from(hz.lengths),
    },
  };
}
