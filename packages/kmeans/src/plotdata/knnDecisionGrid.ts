import { CurvInputError } from '@curv/core';
import { torusGrid } from '@curv/geometry';
import { type PointsLike, requireInt, toFlatPoints, toLabels } from '../internal/validate.js';
import { circleDistance } from '../torus/periodic.js';
import { mapClustersToLabels } from './mapClustersToLabels.js';

/** Options of {@link knnDecisionGrid}. */
export interface KnnDecisionGridOptions {
  /** Grid points per axis (default 100). */
  resolution?: number;
  /** Neighbours voting (default 7). */
  k?: number;
  /** 'torus' (periodic per-coordinate distance, default) or 'plane' (Euclidean). */
  distance?: 'torus' | 'plane';
  /** Ground-truth labels: when given, `labels` are first mapped to them. */
  truth?: ArrayLike<number>;
}

/** A labelled grid for a decision-boundary plot (plain arrays). */
export interface KnnDecisionGrid {
  /** Node coordinates of the `torusGrid` of @curv/geometry: −π + 2πi/resolution, i = 0..resolution−1 (π excluded: it is −π). */
  xs: Float64Array;
  /** Same as xs. */
  ys: Float64Array;
  /** resolution² labels, x fastest: `grid[iy·resolution + ix]` is the label at (xs[ix], ys[iy]). */
  grid: Int32Array;
  /** [xs[0], xs[resolution − 1]]: the node span, for figures that centre one cell on each node. */
  extent: [number, number];
  /** Labels of the points as coloured (mapped to the truth when `truth` was given). */
  pointLabels: Int32Array;
  resolution: number;
}

/**
 * `knnDecisionGrid(points, labels, options)` — the k-NN "Voronoi cell" map on the latent torus: every
 * node of the resolution×resolution `torusGrid` of [−π, π)² (x fastest; @curv/geometry) gets the
 * majority label of its k nearest points (ties in the vote → smallest label; ties in distance →
 * lower point index). Torus distance √(Σ_m min(|Δ_m|, 2π − |Δ_m|)²) by default. Plain arrays for
 * `@curv/plots`. Cost O(resolution²·n·k).
 *
 * ```ts
 * const g = knnDecisionGrid([[-2, 0], [2, 0]], [0, 1], { k: 1, resolution: 5 });
 * g.grid[2 * 4 + 1]; // with resolution 4: 0  (the node (−π/2, 0) is nearest to (−2, 0))
 * ```
 */
export function knnDecisionGrid(
  points: PointsLike,
  labels: ArrayLike<number>,
  options: KnnDecisionGridOptions = {},
): KnnDecisionGrid {
  const { data, n } = toFlatPoints(points, 2, 'points');
  let lab = toLabels(labels, 'labels', n);
  if (options.truth !== undefined) lab = mapClustersToLabels(lab, toLabels(options.truth, 'truth', n)).labels;
  for (let i = 0; i < n; i++) {
    if (lab[i] < 0)
      throw new CurvInputError(`labels[${i}]: expected a non-negative label, got ${lab[i]}`, 'labels');
  }
  const res = requireInt(options.resolution ?? 100, 'resolution', 2);
  const k = requireInt(options.k ?? 7, 'k', 1);
  if (n === 0) throw new CurvInputError('points: expected at least one point', 'points');
  const kk = Math.min(k, n);
  const mode = options.distance ?? 'torus';
  if (mode !== 'torus' && mode !== 'plane') {
    throw new CurvInputError(`distance: expected 'torus' or 'plane', got ${String(mode)}`, 'distance');
  }
  const nodes = torusGrid(res);
  const xs = new Float64Array(res);
  for (let i = 0; i < res; i++) xs[i] = -Math.PI + i * nodes.h;
  let maxLabel = 0;
  for (const l of lab) maxLabel = Math.max(maxLabel, l);
  const votes = new Int32Array(maxLabel + 1);
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  const grid = new Int32Array(res * res);
  for (let iy = 0; iy < res; iy++) {
    for (let ix = 0; ix < res; ix++) {
      let filled = 0;
      for (let j = 0; j < n; j++) {
        let dx: number;
        let dy: number;
        if (mode === 'torus') {
          dx = circleDistance(xs[ix], data[2 * j]);
          dy = circleDistance(xs[iy], data[2 * j + 1]);
        } else {
          dx = xs[ix] - data[2 * j];
          dy = xs[iy] - data[2 * j + 1];
        }
        const dist = dx * dx + dy * dy;
        if (filled < kk || dist < bestD[filled - 1]) {
          // insertion into the sorted k-best list (strict < keeps lower indices first on ties)
          let p = filled < kk ? filled++ : kk - 1;
          while (p > 0 && bestD[p - 1] > dist) {
            bestD[p] = bestD[p - 1];
            bestI[p] = bestI[p - 1];
            p--;
          }
          bestD[p] = dist;
          bestI[p] = j;
        }
      }
      votes.fill(0);
      for (let t = 0; t < kk; t++) votes[lab[bestI[t]]]++;
      let best = 0;
      for (let l = 1; l <= maxLabel; l++) if (votes[l] > votes[best]) best = l;
      grid[iy * res + ix] = best;
    }
  }
  return {
    xs,
    ys: Float64Array.from(xs),
    grid,
    pointLabels: lab,
    resolution: res,
    extent: [xs[0], xs[res - 1]],
  };
}
