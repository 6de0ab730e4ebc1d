import { CurvInputError } from '@curv/core';
import type { Diagram } from '../persistence/types.js';

/** Finite points of a diagram as two Float64Arrays (points with an infinite death are left out). */
export interface FinitePoints {
  births: Float64Array;
  deaths: Float64Array;
  /** Index of each kept point in the input diagram. */
  index: Int32Array;
}

/** Keep the finite points of a diagram; throws on NaN or death < birth. */
export function finitePoints(d: Diagram, name: string): FinitePoints {
  const b: number[] = [];
  const e: number[] = [];
  const idx: number[] = [];
  d.forEach((p, i) => {
    const [birth, death] = p;
    if (Number.isNaN(birth) || Number.isNaN(death) || !Number.isFinite(birth) || death < birth) {
      throw new CurvInputError(
        `${name}: point ${i} is (${birth}, ${death}); expected a finite birth ≤ death (death may be Infinity)`,
        name,
      );
    }
    if (!Number.isFinite(death)) return;
    b.push(birth);
    e.push(death);
    idx.push(i);
  });
  return { births: Float64Array.from(b), deaths: Float64Array.from(e), index: Int32Array.from(idx) };
}

/**
 * The (M+N)×(M+N) matching cost matrix between diagrams F (M points) and G (N points): L∞ distances
 * between F and G points (top left), each point to the diagonal at (death − birth)/2 (its own column /
 * row only; other entries Infinity), and 0 between diagonal copies (bottom right). Rows 0..M−1 are F's
 * points, rows M.. the diagonal copies of G's points; columns 0..N−1 are G's points, columns N.. the
 * diagonal copies of F's points.
 */
export function diagramCostMatrix(F: FinitePoints, G: FinitePoints): { K: number; cost: Float64Array } {
  const M = F.births.length;
  const N = G.births.length;
  const K = M + N;
  const cost = new Float64Array(K * K).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      cost[i * K + j] = Math.max(Math.abs(F.births[i] - G.births[j]), Math.abs(F.deaths[i] - G.deaths[j]));
    }
    cost[i * K + N + i] = 0.5 * (F.deaths[i] - F.births[i]);
  }
  for (let j = 0; j < N; j++) {
    cost[(M + j) * K + j] = 0.5 * (G.deaths[j] - G.births[j]);
    for (let i = 0; i < M; i++) cost[(M + j) * K + N + i] = 0;
  }
  return { K, cost };
}
