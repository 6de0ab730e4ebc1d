import { CurvInputError, type Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/** Explicit OOD parameters (no defaults exist anywhere). */
export interface OodParameters {
  /** Number of extreme points kept. */
  N_extr: number;
  /** Samples drawn around each extreme point. */
  n_ood: number;
  /** Noise standard deviation around extreme points (σ, not σ²). */
  sigma_ood: number;
  /** Decay rate: stored extreme values are multiplied by e^{−r_ood} after every batch. */
  r_ood: number;
  /** Period in batches. */
  T_ood: number;
  /** First batch index (within the epoch) at which the OOD term is added. */
  start_ood: number;
  /** Weight of the OOD curvature term (added to the batch loss). */
  OOD_w: number;
}

/**
 * The "extreme set" of the OOD regime: latent points with the most negative and most positive
 * scalar curvature seen so far in the epoch, with decaying values.
 *
 * Per epoch `reset(points, R)` with the first N_extr encodings of the first batch; per batch
 * `update(points, R)` merges the batch, sorts by R (signed), keeps the ⌊N/2⌋ lowest and the
 * ⌈N/2⌉ highest, then multiplies the kept values by e^{−r_ood}. `sample(rng)` builds the OOD batch:
 * every extreme point repeated n_ood times plus σ·N(0, I) noise.
 */
export class OodExtremes {
  points: Float32Array = new Float32Array(0);
  values: Float32Array = new Float32Array(0);
  readonly d: number;

  constructor(
    readonly params: OodParameters,
    d = 2,
  ) {
    for (const k of ['N_extr', 'n_ood', 'T_ood'] as const) {
      if (!Number.isInteger(params[k]) || params[k] <= 0) {
        throw new CurvInputError(`OOD_settings.${k}: expected a positive integer, got ${params[k]}`, k);
      }
    }
    this.d = d;
  }

  /** Whether the OOD term is active at this (within-epoch) batch index. */
  active(batchIndex: number): boolean {
    return batchIndex % this.params.T_ood === 0 && batchIndex >= this.params.start_ood;
  }

  reset(points: Float32Array, values: Float32Array): void {
    const n = Math.min(this.params.N_extr, values.length);
    this.points = Float32Array.from(points.subarray(0, n * this.d));
    this.values = Float32Array.from(values.subarray(0, n));
  }

  update(points: Float32Array, values: Float32Array): void {
    const d = this.d;
    const total = this.values.length + values.length;
    const allP = new Float32Array(total * d);
    const allV = new Float32Array(total);
    allP.set(points, 0);
    allV.set(values, 0);
    allP.set(this.points, values.length * d);
    allV.set(this.values, values.length);
    // Concatenation order (batch first, then stored) only matters for ties; stable sort by R.
    const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => allV[a] - allV[b] || a - b);
    const N = this.params.N_extr;
    const low = Math.floor(N / 2);
    const high = Math.ceil(N / 2);
    const keep = total <= N ? order : [...order.slice(0, low), ...order.slice(total - high)];
    const decay = Math.exp(-this.params.r_ood);
    this.points = new Float32Array(keep.length * d);
    this.values = new Float32Array(keep.length);
    keep.forEach((k, i) => {
      this.points.set(allP.subarray(k * d, (k + 1) * d), i * d);
      this.values[i] = allV[k] * decay;
    });
  }

  sample(rng: Random): tf.Tensor2D {
    const { n_ood, sigma_ood } = this.params;
    const m = this.values.length;
    const out = new Float32Array(m * n_ood * this.d);
    for (let p = 0; p < m; p++)
      for (let r = 0; r < n_ood; r++)
        for (let j = 0; j < this.d; j++)
          out[(p * n_ood + r) * this.d + j] = this.points[p * this.d + j] + sigma_ood * rng.normal();
    return tf.tensor2d(out, [m * n_ood, this.d]);
  }

  state(): { points: number[]; values: number[] } {
    return { points: Array.from(this.points), values: Array.from(this.values) };
  }

  setState(s: { points: number[]; values: number[] }): void {
    this.points = Float32Array.from(s.points);
    this.values = Float32Array.from(s.values);
  }
}
