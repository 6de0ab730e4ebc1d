import type * as tf from '@tensorflow/tfjs-core';
import type { Diagram, RipsPersistence } from '../persistence/types.js';
import { edgeLengths } from './edgeLengths.js';

/**
 * What every topological regulariser reads: the learnable cloud x [N, D] with its persistence (computed
 * off the tape from the same values) and the persistence of the ground-truth cloud.
 */
export interface LossInput {
  x: tf.Tensor2D;
  /** Persistence of x (generators index rows of x). */
  diagram: RipsPersistence;
  /** Persistence of the ground truth (only its values are used). */
  target: RipsPersistence;
  /** Flat-torus edge lengths for x (the diagram must have been computed with periodic distances). */
  periodic?: boolean;
  /** Values of x (row-major), if already read. */
  values?: ArrayLike<number>;
}

/** Differentiable lengths of edges of x (see {@link edgeLengths}). */
export function lengthsOf(input: LossInput, edges: Int32Array): tf.Tensor1D {
  return edgeLengths(input.x, edges, { periodic: input.periodic, values: input.values });
}

/** The finite H0 pairs (0, death) of a persistence result. */
export function h0Diagram(p: RipsPersistence): Diagram {
  return Array.from(p.h0.deaths, (d) => [0, d] as const);
}

/** The H1 pairs (birth, death) of a persistence result (empty when H1 was not computed). */
export function h1Diagram(p: RipsPersistence): Diagram {
  if (!p.h1) return [];
  const { births, deaths } = p.h1;
  return Array.from(births, (b, i) => [b, deaths[i]] as const);
}

/** H1 of a persistence result, or an error naming the loss when it was computed with maxdim 0. */
export function requireH1(p: RipsPersistence, who: string) {
  if (!p.h1) throw new Error(`${who}: the diagram has no H1 (computed with maxdim 0); use maxdim 1`);
  return p.h1;
}

/** Sub-array of edges: pairs at the given indices. */
export function pickEdges(edges: Int32Array, indices: readonly number[]): Int32Array {
  const out = new Int32Array(2 * indices.length);
  indices.forEach((i, k) => {
    out[2 * k] = edges[2 * i];
    out[2 * k + 1] = edges[2 * i + 1];
  });
  return out;
}
