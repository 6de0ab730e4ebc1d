import { CurvInputError } from '@curv/core';
import { decoderJet, multiIndices, type SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { RbfPrecision, SigmaJet } from './rbfPrecision.js';
import type { RiemannianMetric } from './riemannianMetric.js';
import { isStackable, type StackedJet, stackedJet } from './stackedJet.js';

/** Where σ(z) comes from: an RBF precision network, or nothing (σ constant: M = J_μᵀJ_μ). */
export type SigmaSource = RbfPrecision | null;

/** A σ-jet provider: anything with {@link RbfPrecision.sigmaJet}. */
export interface SigmaJetSource {
  readonly outputDim: number;
  sigmaJet(z: tf.Tensor2D, order: 0 | 1 | 2): SigmaJet;
  /** The same jet stacked per point (optional: assembled from `sigmaJet` otherwise). */
  stackedSigmaJet?(z: tf.Tensor2D, order: 1 | 2): StackedJet;
}

/** Derivative blocks of one output group (μ or σ): first[i] = ∂_i f, second[p] = ∂_i∂_j f, each [B, A]. */
interface OutputJet {
  first: tf.Tensor2D[];
  second: tf.Tensor2D[];
}

/**
 * The expected metric of a stochastic decoder f(z) = μ(z) + σ(z) ⊙ ε, ε ~ N(0, I):
 * M(z) = s·(J_μᵀJ_μ + J_σᵀJ_σ), with J_μ from forward jets of the mean network and J_σ in closed form from
 * the precision network, and a global scale s (1 until {@link ExpectedMetric.rescaled}). A decoder-free
 * {@link RiemannianMetric}: `metricDerivative` comes from second-order jets,
 * ∂_k M_ij = s·Σ_a (∂_k∂_i f_a ∂_j f_a + ∂_i f_a ∂_k∂_j f_a) over the outputs f = (μ, σ), and `metricMatrix` is
 * differentiable w.r.t. z with that closed-form gradient (∂L/∂z_k = Σ_ij ∂L/∂M_ij ∂_k M_ij): while a gradient
 * is being recorded, M and ∂M come from one pass of second-order jets, so any solver that takes a
 * RiemannianMetric and differentiates through `metricMatrix` (the Schauder energy solver) gets the fast
 * gradient with no adaptor. (Gradients w.r.t. the network weights do not flow through `metricMatrix`.)
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

  /** Derivative blocks of μ and (when present) σ, one entry per output group; not tidied. */
  private jets(z: tf.Tensor2D, order: 1 | 2): OutputJet[] {
    const jm = decoderJet(this.mean, z, order, { dropValue: true });
    const out: OutputJet[] = [{ first: jm.first, second: jm.second }];
    if (this.sigma) {
      const js = this.sigma.sigmaJet(z, order);
      out.push({ first: js.first, second: js.second });
    }
    return out;
  }

  private check(z: tf.Tensor2D): void {
    if (z.rank !== 2 || z.shape[1] !== this.dim) {
      throw new CurvInputError(`z: expected [B, ${this.dim}] latent points; got [${z.shape}]`, 'z');
    }
  }

  private scaled_<T extends tf.Tensor>(t: T): T {
    return (this.scale === 1 ? t : tf.mul(t, this.scale)) as T;
  }

  /** Stacked jets of μ and (when present) σ, one per output group; not tidied. */
  private stackedJets(z: tf.Tensor2D, order: 1 | 2): StackedJet[] {
    const out: StackedJet[] = [];
    const d = this.dim;
    const mi = multiIndices(d);
    // Stack block jets (a torus lift in the mean network, a σ source without a stacked jet); second-order rows
    // in the full k·d + i order.
    const stack = (value: tf.Tensor2D, first: tf.Tensor2D[], second: tf.Tensor2D[]): StackedJet => {
      const rows: tf.Tensor2D[] = [];
      if (order === 2)
        for (let k = 0; k < d; k++) for (let i = 0; i < d; i++) rows.push(second[mi.pair(k, i)]);
      return {
        value,
        first: tf.stack(first, 1) as tf.Tensor3D,
        second: order === 2 ? (tf.stack(rows, 1) as tf.Tensor3D) : null,
      };
    };
    if (isStackable(this.mean)) out.push(stackedJet(this.mean, z, order));
    else {
      const j = decoderJet(this.mean, z, order, { dropValue: true });
      out.push(stack(z, j.first, j.second));
    }
    if (this.sigma) {
      if (this.sigma.stackedSigmaJet) out.push(this.sigma.stackedSigmaJet(z, order));
      else {
        const j = this.sigma.sigmaJet(z, order);
        out.push(stack(j.value, j.first, j.second));
      }
    }
    return out;
  }

  /** s·M [B, d, d] = s·Σ_groups J Jᵀ (J = first [B, d, A]): one batched matMul per output group. */
  private gramOf(jets: StackedJet[]): tf.Tensor3D {
    let M: tf.Tensor | null = null;
    for (const j of jets) {
      const G = tf.matMul(j.first, j.first, false, true);
      M = M ? tf.add(M, G) : G;
    }
    return this.scaled_(M as tf.Tensor3D);
  }

  /**
   * s·∂M [B, d, d, d]: P = Σ_groups H Jᵀ with H = second [B, d², A] gives P_kij = Σ_a ∂_k∂_i f_a ∂_j f_a, and
   * ∂_k M_ij = P_kij + P_kji.
   */
  private derivativeOf(jets: StackedJet[], B: number): tf.Tensor4D {
    const d = this.dim;
    let P: tf.Tensor | null = null;
    for (const j of jets) {
      const Pj = tf.matMul(j.second as tf.Tensor3D, j.first, false, true); // [B, d², d]
      P = P ? tf.add(P, Pj) : Pj;
    }
    const P4 = (P as tf.Tensor).reshape([B, d, d, d]);
    return this.scaled_(tf.add(P4, tf.transpose(P4, [0, 1, 3, 2])) as tf.Tensor4D);
  }

  /** M(z) [B, d, d] without a gradient path (first-order jets only). */
  private plainMetric(z: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => this.gramOf(this.stackedJets(z, 1)));
  }

  /**
   * M(z) [B, d, d]. Differentiable w.r.t. z: while a gradient is recorded (inside tf.grad / variableGrads) M and
   * ∂M are computed together from second-order jets and the gradient is the contraction with ∂M.
   */
  metricMatrix(z: tf.Tensor2D): tf.Tensor3D {
    this.check(z);
    if (tf.engine().state.gradientDepth === 0) return this.plainMetric(z);
    const op = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
      const [M, dM] = this.metricAndDerivative(x as tf.Tensor2D);
      (save as tf.GradSaveFunc)([dM]);
      return {
        value: M,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
          tf.tidy(() => tf.sum(tf.mul(saved[0], tf.expandDims(dy, 1)), [2, 3])),
      };
    });
    return op(z) as tf.Tensor3D;
  }

  /** M(z) [B, d, d] and ∂M/∂z [B, d, d, d] from one pass of second-order jets. */
  metricAndDerivative(z: tf.Tensor2D): [tf.Tensor3D, tf.Tensor4D] {
    this.check(z);
    return tf.tidy(() => {
      const jets = this.stackedJets(z, 2);
      return [this.gramOf(jets), this.derivativeOf(jets, z.shape[0])];
    });
  }

  /** ∂M/∂z [B, d, d, d], entry [b, k, i, j] = ∂M_ij/∂z_k. */
  metricDerivative(z: tf.Tensor2D): tf.Tensor4D {
    this.check(z);
    return tf.tidy(() => this.derivativeOf(this.stackedJets(z, 2), z.shape[0]));
  }

  /**
   * A factor of the metric: F(z) [B, d, n] with M(z) = F Fᵀ, row i = √s·(∂_i μ, ∂_i σ) — the transposed stacked
   * Jacobian of (μ, σ). M is often nearly singular (its smallest eigenvalue below the float32 rounding of the
   * largest), so its small eigenvalues cannot be recovered from the entries of M; from F they can (the singular
   * values of F are the square roots of the eigenvalues of M, see {@link metricEigen}).
   */
  metricFactor(z: tf.Tensor2D): tf.Tensor3D {
    this.check(z);
    return tf.tidy(() => {
      const B = z.shape[0];
      const parts = this.stackedJets(z, 1).map((j) => {
        const [, d, n] = j.first.shape;
        return j.first.shape[0] === B ? j.first : tf.broadcastTo(j.first, [B, d, n]);
      });
      const F = parts.length === 1 ? parts[0] : tf.concat(parts, 2);
      return (this.scale === 1 ? F : tf.mul(F, Math.sqrt(this.scale))) as tf.Tensor3D;
    });
  }

  /**
   * The magnification factor (measure) √det M(z) [B]. Computed as s^{d/2} Π_i ‖q_i‖ from a Gram–Schmidt
   * orthogonalisation q_1…q_d of the derivative rows of (μ, σ) (√det GGᵀ = Π‖q_i‖), not from the entries of M:
   * M is often nearly singular (one direction dominated by J_σ), where det M = M₀₀M₁₁ − M₀₁² loses most of its
   * digits to cancellation in float32. The rows are kept per output group (μ, σ) and their inner products summed,
   * which is the same orthogonalisation as on the concatenated rows without the copy.
   */
  measure(z: tf.Tensor2D): tf.Tensor1D {
    this.check(z);
    return tf.tidy(() => {
      const groups = this.jets(z, 1).map((j) => j.first);
      const dot = (u: tf.Tensor2D[], v: tf.Tensor2D[]): tf.Tensor => {
        let s: tf.Tensor | null = null;
        u.forEach((ug, g) => {
          const t = tf.sum(tf.mul(ug, v[g]), 1, true);
          s = s ? tf.add(s, t) : t;
        });
        return s as unknown as tf.Tensor;
      };
      const q: tf.Tensor2D[][] = [];
      const qq: tf.Tensor[] = [];
      let logProd: tf.Tensor = tf.zeros([z.shape[0], 1]);
      for (let i = 0; i < this.dim; i++) {
        let v = groups.map((g) => g[i]);
        q.forEach((u, m) => {
          const c = tf.divNoNan(dot(v, u), qq[m]);
          v = v.map((vg, g) => tf.sub(vg, tf.mul(c, u[g])) as tf.Tensor2D);
        });
        const vv = dot(v, v);
        q.push(v);
        qq.push(vv);
        logProd = tf.add(logProd, tf.log(vv));
      }
      // √det = s^{d/2} Π ‖q_i‖ = exp(½ Σ log ‖q_i‖² + (d/2) log s)
      return tf
        .exp(tf.mul(tf.add(logProd, this.dim * Math.log(this.scale)), 0.5))
        .reshape([z.shape[0]]) as tf.Tensor1D;
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
