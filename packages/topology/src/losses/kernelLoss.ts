import * as tf from '@tensorflow/tfjs-core';
import type { Diagram } from '../persistence/types.js';
import { type LossInput, lengthsOf, pickEdges, requireH1 } from './lossInput.js';

/**
 * Persistence scale-space kernel (Reininghaus et al.) between two diagrams:
 * k_σ(F, G) = 1/(8πσ) Σ_{p∈F} Σ_{q∈G} [exp(−‖p − q‖²/(8σ)) − exp(−‖p − q̄‖²/(8σ))], q̄ = (q_death, q_birth).
 * Points with an infinite death are left out.
 *
 * ```ts
 * reininghausKernel([[0, 1]], [[0, 1]], 0.05); // (1 − e^−5)/(0.4π) = 0.790413…
 * ```
 */
export function reininghausKernel(F: Diagram, G: Diagram, sigma = 0.05): number {
  let s = 0;
  for (const [pb, pd] of F) {
    if (!Number.isFinite(pd)) continue;
    for (const [qb, qd] of G) {
      if (!Number.isFinite(qd)) continue;
      const near = (pb - qb) ** 2 + (pd - qd) ** 2;
      const mirror = (pb - qd) ** 2 + (pd - qb) ** 2;
      s += Math.exp(-near / (8 * sigma)) - Math.exp(-mirror / (8 * sigma));
    }
  }
  return s / (8 * Math.PI * sigma);
}

/** k_σ between tensor points (b [K], d [K]) and constant points; both sides may be tensors. */
function kernel(
  pb: tf.Tensor1D,
  pd: tf.Tensor1D,
  qb: tf.Tensor1D,
  qd: tf.Tensor1D,
  sigma: number,
): tf.Scalar {
  const b1 = tf.expandDims(pb, 1);
  const d1 = tf.expandDims(pd, 1);
  const b2 = tf.expandDims(qb, 0);
  const d2 = tf.expandDims(qd, 0);
  const near = tf.add(tf.square(tf.sub(b1, b2)), tf.square(tf.sub(d1, d2)));
  const mirror = tf.add(tf.square(tf.sub(b1, d2)), tf.square(tf.sub(d1, b2)));
  const c = -1 / (8 * sigma);
  const s = tf.sum(tf.sub(tf.exp(tf.mul(near, c)), tf.exp(tf.mul(mirror, c))));
  return tf.div(s, 8 * Math.PI * sigma) as tf.Scalar;
}

/**
 * Reininghaus-kernel loss in H0: k_σ(F, F) − 2 k_σ(F, G) (the squared kernel distance without the
 * constant k_σ(G, G)), F = finite H0 points (0, d_i(x)) of x, G those of the target, σ default 0.05.
 * Gradient through every death edge of x. `null` when x has no finite H0 pair.
 */
export function kernelLoss0(input: LossInput, sigma = 0.05): tf.Scalar | null {
  const { deaths, deathEdges } = input.diagram.h0;
  if (deaths.length === 0) return null;
  const G = input.target.h0.deaths;
  return tf.tidy(() => {
    const d = lengthsOf(input, deathEdges);
    const b = tf.zerosLike(d) as tf.Tensor1D;
    const self = kernel(b, d, b, d, sigma);
    if (G.length === 0) return self;
    const gd = tf.tensor1d(Float32Array.from(G));
    const cross = kernel(b, d, tf.zerosLike(gd) as tf.Tensor1D, gd, sigma);
    return tf.sub(self, tf.mul(cross, 2)) as tf.Scalar;
  });
}

/**
 * Reininghaus-kernel loss in H1: k_σ(F, F) − 2 k_σ(F, G) on the H1 points (b_i(x), d_i(x)) of x (lengths
 * of birth and death edges) and the target's H1 points; k_σ(F, F) when the target has none.
 * `null` when x has no finite H1 pair.
 */
export function kernelLoss1(input: LossInput, sigma = 0.05): tf.Scalar | null {
  const h1 = requireH1(input.diagram, 'kernelLoss1');
  const keep: number[] = [];
  h1.deaths.forEach((d, i) => {
    if (Number.isFinite(d)) keep.push(i);
  });
  if (keep.length === 0) return null;
  const t = input.target.h1;
  const gb: number[] = [];
  const gd: number[] = [];
  t?.births.forEach((b, i) => {
    if (Number.isFinite(t.deaths[i])) {
      gb.push(b);
      gd.push(t.deaths[i]);
    }
  });
  return tf.tidy(() => {
    const b = lengthsOf(input, pickEdges(h1.birthEdges, keep));
    const d = lengthsOf(input, pickEdges(h1.deathEdges, keep));
    const self = kernel(b, d, b, d, sigma);
    if (gb.length === 0) return self;
    const cross = kernel(b, d, tf.tensor1d(gb), tf.tensor1d(gd), sigma);
    return tf.sub(self, tf.mul(cross, 2)) as tf.Scalar;
  });
}
