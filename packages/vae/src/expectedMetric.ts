import { CurvInputError } from '@curv/core';
import { decoderJet, multiIndices, type SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { RbfPrecision, SigmaJet } from './rbfPrecision.js';
import type { RiemannianMetric } from './riemannianMetric.js';

/** Where σ(z) comes from: an RBF precision network, or nothing (σ constant: M = J_μᵀJ_μ). */
export type SigmaSource = RbfPrecision | null;

/** A σ-jet provider: anything with {@link RbfPrecision.sigmaJet}. */
export interface SigmaJetSource {
  readonly outputDim: number;
  sigmaJet(z: tf.Tensor2D, order: 0 | 1 | 2): SigmaJet;
}

function stackBlocks(blocks: tf.Tensor2D[]): tf.Tensor3D {
  return tf.stack(blocks, 1) as tf.Tensor3D; // [B, d, A]
}

function gram(G: tf.Tensor3D): tf.Tensor3D {
  return tf.matMul(G, tf.transpose(G, [0, 2, 1])) as tf.Tensor3D;
}

/**
 * The expected metric of a stochastic decoder f(z) = μ(z) + σ(z) ⊙ ε, ε ~ N(0, I):
 * M(z) = s·(J_μᵀJ_μ + J_σᵀJ_σ), with J_μ from forward jets of the mean network and J_σ in closed form from
 * the precision network, and a global scale s (1 until {@link ExpectedMetric.rescaled}). A decoder-free
 * {@link RiemannianMetric}: `metricMatrix` is differentiable w.r.t. z and the weights, `metricDerivative`
 * comes from second-order jets: ∂_k M_ij = s·Σ_a (∂_k∂_i f_a ∂_j f_a + ∂_i f_a ∂_k∂_j f_a) over the
 * stacked outputs f = (μ, σ).
 *
 * ```ts
 * const M = new ExpectedMetric(vae.decoderMeanNetwork(), rbf).rescaled(latentMeans);
 * M.measure(tf.tensor2d([[0, 0]])); // √det M
 * ```
 */
export class ExpectedMetric implements RiemannianMetric {
  readonly dim: number;

  constructor(
    readonly mean: SequentialDecoder,
    readonly sigma: SigmaJetSource | null,
    readonly scale = 1,
  ) {
    this.dim = mean.latentDim;
    if (!(scale > 0 && Number.isFinite(scale)))
      throw new CurvInputError(`scale: expected > 0; got ${scale}`, 'scale');
  }

  /** First-derivative blocks of (μ, σ): d tensors [B, D_μ + D_σ]. */
  private firstBlocks(z: tf.Tensor2D): tf.Tensor2D[] {
    const jm = decoderJet(this.mean, z, 1).first;
    if (!this.sigma) return jm;
    const js = this.sigma.sigmaJet(z, 1).first;
    return jm.map((b, i) => tf.concat([b, js[i]], 1) as tf.Tensor2D);
  }

  private check(z: tf.Tensor2D): void {
    if (z.rank !== 2 || z.shape[1] !== this.dim) {
      throw new CurvInputError(`z: expected [B, ${this.dim}] latent points; got [${z.shape}]`, 'z');
    }
  }

  /** M(z) [B, d, d]. */
  metricMatrix(z: tf.Tensor2D): tf.Tensor3D {
    this.check(z);
    return tf.tidy(() => {
      const G = gram(stackBlocks(this.firstBlocks(z)));
      return (this.scale === 1 ? G : tf.mul(G, this.scale)) as tf.Tensor3D;
    });
  }

  /** ∂M/∂z [B, d, d, d], entry [b, k, i, j] = ∂M_ij/∂z_k. */
  metricDerivative(z: tf.Tensor2D): tf.Tensor4D {
    this.check(z);
    return tf.tidy(() => {
      const d = this.dim;
      const B = z.shape[0];
      const jm = decoderJet(this.mean, z, 2);
      let first = jm.first;
      let second = jm.second;
      if (this.sigma) {
        const js = this.sigma.sigmaJet(z, 2);
        first = first.map((b, i) => tf.concat([b, js.first[i]], 1) as tf.Tensor2D);
        second = second.map((b, p) => tf.concat([b, js.second[p]], 1) as tf.Tensor2D);
      }
      const mi = multiIndices(d);
      const hess: tf.Tensor2D[] = [];
      for (let k = 0; k < d; k++) for (let i = 0; i < d; i++) hess.push(second[mi.pair(k, i)]);
      const H = stackBlocks(hess); // [B, d·d, A], row k·d + i = ∂_k∂_i f
      const J = stackBlocks(first); // [B, d, A]
      const P = tf.matMul(H, tf.transpose(J, [0, 2, 1])).reshape([B, d, d, d]); // [b, k, i, j] = Σ_a f_ki f_j
      const dM = tf.add(P, tf.transpose(P, [0, 1, 3, 2]));
      return (this.scale === 1 ? dM : tf.mul(dM, this.scale)) as tf.Tensor4D;
    });
  }

  /**
   * The magnification factor (measure) √det M(z) [B]. Computed as s^{d/2} Π_i ‖q_i‖ from a Gram–Schmidt
   * orthogonalisation q_1…q_d of the derivative rows of (μ, σ) (√det GGᵀ = Π‖q_i‖), not from the entries of M:
   * M is often nearly singular (one direction dominated by J_σ), where det M = M₀₀M₁₁ − M₀₁² loses most of its
   * digits to cancellation in float32.
   */
  measure(z: tf.Tensor2D): tf.Tensor1D {
    this.check(z);
    return tf.tidy(() => {
      const rows = this.firstBlocks(z);
      const q: tf.Tensor2D[] = [];
      let logProd: tf.Tensor = tf.zeros([z.shape[0]]);
      for (const r of rows) {
        let v: tf.Tensor2D = r;
        for (const u of q) {
          const uu = tf.sum(tf.square(u), 1, true);
          const c = tf.divNoNan(tf.sum(tf.mul(v, u), 1, true), uu);
          v = tf.sub(v, tf.mul(c, u));
        }
        q.push(v);
        logProd = tf.add(logProd, tf.log(tf.sum(tf.square(v), 1)));
      }
      // √det = s^{d/2} Π ‖q_i‖ = exp(½ Σ log ‖q_i‖² + (d/2) log s)
      return tf.exp(tf.mul(tf.add(logProd, this.dim * Math.log(this.scale)), 0.5)) as tf.Tensor1D;
    });
  }

  /**
   * √det M at many points (row-major [n, d] plain array) in chunks, as plain numbers. Used for heat maps
   * and the rescaling.
   */
  measureAt(points: ArrayLike<number>, chunk = 2048): Float64Array {
    const n = Math.floor(points.length / this.dim);
    const out = new Float64Array(n);
    for (let lo = 0; lo < n; lo += chunk) {
      const hi = Math.min(n, lo + chunk);
      const pts = Float32Array.from({ length: (hi - lo) * this.dim }, (_, i) => points[lo * this.dim + i]);
      const m = tf.tidy(() => this.measure(tf.tensor2d(pts, [hi - lo, this.dim])));
      out.set(m.dataSync(), lo);
      m.dispose();
    }
    return out;
  }

  /** The same metric times a positive constant factor. */
  scaled(factor: number): ExpectedMetric {
    return new ExpectedMetric(this.mean, this.sigma, this.scale * factor);
  }

  /**
   * The metric rescaled so that the largest measure √det M over `points` ([n, d] row-major, normally the
   * latent means of the training data) is exactly 1: s ← s · (1 / max √det M)^{2/d}.
   */
  rescaled(points: ArrayLike<number>): ExpectedMetric {
    const m = this.measureAt(points);
    let max = 0;
    for (const v of m) if (v > max) max = v;
    if (!(max > 0 && Number.isFinite(max))) {
      throw new CurvInputError(
        `points: the largest measure on the data is ${max}; expected a positive number`,
        'points',
      );
    }
    return this.scaled((1 / max) ** (2 / this.dim));
  }
}

/**
 * det of [B, d, d] matrices: closed form (differentiable) for d ≤ 3; for d > 3 Gaussian elimination with
 * partial pivoting on the host (values only, no gradient).
 */
export function determinant(M: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const [B, d] = M.shape;
    const e = (i: number, j: number) => M.slice([0, i, j], [B, 1, 1]).reshape([B]);
    if (d === 1) return e(0, 0) as tf.Tensor1D;
    if (d === 2) return tf.sub(tf.mul(e(0, 0), e(1, 1)), tf.mul(e(0, 1), e(1, 0))) as tf.Tensor1D;
    if (d === 3) {
      const a = tf.mul(e(0, 0), tf.sub(tf.mul(e(1, 1), e(2, 2)), tf.mul(e(1, 2), e(2, 1))));
      const b = tf.mul(e(0, 1), tf.sub(tf.mul(e(1, 0), e(2, 2)), tf.mul(e(1, 2), e(2, 0))));
      const c = tf.mul(e(0, 2), tf.sub(tf.mul(e(1, 0), e(2, 1)), tf.mul(e(1, 1), e(2, 0))));
      return tf.add(tf.sub(a, b), c) as tf.Tensor1D;
    }
    const data = M.dataSync();
    const out = new Float32Array(B);
    for (let b = 0; b < B; b++) out[b] = hostDeterminant(data.subarray(b * d * d, (b + 1) * d * d), d);
    return tf.tensor1d(out);
  });
}

function hostDeterminant(a: ArrayLike<number>, d: number): number {
  const m = Float64Array.from(a);
  let det = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c]) > Math.abs(m[p * d + c])) p = r;
    if (m[p * d + c] === 0) return 0;
    if (p !== c) {
      for (let k = 0; k < d; k++) [m[p * d + k], m[c * d + k]] = [m[c * d + k], m[p * d + k]];
      det = -det;
    }
    det *= m[c * d + c];
    for (let r = c + 1; r < d; r++) {
      const f = m[r * d + c] / m[c * d + c];
      for (let k = c; k < d; k++) m[r * d + k] -= f * m[c * d + k];
    }
  }
  return det;
}
