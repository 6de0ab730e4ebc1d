import { CurvInputError } from '@curv/core';

/** A square box [lo, hi]² in a 2-D latent space. */
export interface LatentBox {
  lo: number;
  hi: number;
}

/** The square [lo, hi]² containing both per-axis ranges [min − margin, max + margin] of row-major 2-D points. */
export function latentBox(points: ArrayLike<number>, margin = 0.5): LatentBox {
  const n = Math.floor(points.length / 2);
  if (n === 0) throw new CurvInputError('points: expected at least one 2-D point', 'points');
  const min = [Infinity, Infinity];
  const max = [-Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 2; c++) {
      min[c] = Math.min(min[c], points[2 * i + c]);
      max[c] = Math.max(max[c], points[2 * i + c]);
    }
  }
  return { lo: Math.min(min[0], min[1]) - margin, hi: Math.max(max[0], max[1]) + margin };
}

/** n × n grid points of [lo, hi]² (both ends), row-major [n², 2], x fastest (row j at y_j). */
export function gridPoints(box: LatentBox, n: number): Float32Array {
  const out = new Float32Array(n * n * 2);
  const h = (box.hi - box.lo) / (n - 1);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      out[2 * (j * n + i)] = box.lo + i * h;
      out[2 * (j * n + i) + 1] = box.lo + j * h;
    }
  }
  return out;
}
