import { CurvInputError } from '@curv/core';
import { type GeodesicGeometry, type SolveGeodesicsOptions, solveGeodesics } from './solveGeodesics.js';
import { checkInt } from './validate.js';

export interface LatentGridOptions {
  /** Nodes per side (default 10). */
  num?: number;
  /** The square [lo, hi]² (default [−2, 2]). */
  lo?: number;
  hi?: number;
}

/** A square latent grid: `nodes[i][j] = (lo + iΔ, lo + jΔ)`, Δ = (hi − lo)/(num − 1); i indexes x, j indexes y. */
export interface LatentGrid {
  num: number;
  lo: number;
  hi: number;
  nodes: number[][][];
}

/** Build the square latent grid. */
export function latentGrid(options: LatentGridOptions = {}): LatentGrid {
  const { num = 10, lo = -2, hi = 2 } = options;
  checkInt(num, 2, 'num');
  if (!(hi > lo)) throw new CurvInputError(`hi: expected hi > lo; got lo = ${lo}, hi = ${hi}`, 'hi');
  const step = (hi - lo) / (num - 1);
  const nodes = Array.from({ length: num }, (_, i) =>
    Array.from({ length: num }, (_, j) => [lo + i * step, lo + j * step]),
  );
  return { num, lo, hi, nodes };
}

/** Geodesic lengths of the grid edges: `horizontal[i][j]` for (i,j)→(i+1,j) (`[num−1][num]`), `vertical[i][j]` for (i,j)→(i,j+1) (`[num][num−1]`). */
export interface GridEdgeLengths {
  horizontal: number[][];
  vertical: number[][];
  /** Energies of the horizontal / vertical edge geodesics (same layout; the original shows, never uses them). */
  horizontalEnergies: number[][];
  verticalEnergies: number[][];
}

/**
 * Geodesic lengths of the edges of a latent grid: two batched solves, horizontal
 * edges (i,j)→(i+1,j) in i-major order and vertical edges (i,j)→(i,j+1).
 * Original: nMax 7, S 100, Adam lr 0.01, 200 steps (the default here).
 *
 * ```ts
 * const L = gridEdgeLengths({ decoder }, latentGrid({ num: 6 }), { nMax: 4, S: 33, steps: 150 });
 * L.horizontal.length; // 5
 * ```
 */
export function gridEdgeLengths(
  geometry: GeodesicGeometry,
  grid: LatentGrid,
  options: SolveGeodesicsOptions = {},
): GridEdgeLengths {
  const n = grid.num;
  const opts = { steps: 200, ...options };
  const hs: number[][] = [];
  const he: number[][] = [];
  const vs: number[][] = [];
  const ve: number[][] = [];
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < n; j++) {
      hs.push(grid.nodes[i][j]);
      he.push(grid.nodes[i + 1][j]);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n - 1; j++) {
      vs.push(grid.nodes[i][j]);
      ve.push(grid.nodes[i][j + 1]);
    }
  }
  const h = solveGeodesics(geometry, hs, he, opts);
  const v = solveGeodesics(geometry, vs, ve, opts);
  const shape = (a: Float32Array, rows: number, cols: number) =>
    Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
  return {
    horizontal: shape(h.lengths, n - 1, n),
    vertical: shape(v.lengths, n, n - 1),
    horizontalEnergies: shape(h.energies, n - 1, n),
    verticalEnergies: shape(v.energies, n, n - 1),
  };
}
