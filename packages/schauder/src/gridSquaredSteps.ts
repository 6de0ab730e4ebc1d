import * as tf from '@tensorflow/tfjs-core';
import type { MetricGrid } from './metricGrid.js';

/**
 * Metric-grid quadratic forms q_s = Δz_sᵀ g(z̄_s) Δz_s (Δz_s = γ_{s+1} − γ_s, midpoint z̄_s), `[b, S−1]`,
 * computed in plain JS with a hand-written gradient — the same values as `metricSquaredSteps(grid.metric, …)`
 * without ~40 tfjs ops on [b·(S−1), …] tensors per call (those dominate a 900-curve metric-grid step).
 *
 * Gradient: ∂q_s/∂γ_{s+1} = 2 g Δ + ½ (Δᵀ ∂_k g Δ)_k, ∂q_s/∂γ_s = −2 g Δ + ½ (Δᵀ ∂_k g Δ)_k.
 * Only d = 2.
 */
export function gridSquaredSteps(grid: MetricGrid, curves: tf.Tensor3D): tf.Tensor2D {
  const [b, S, d] = curves.shape;
  if (d !== 2) throw new Error(`gridSquaredSteps: metric grids are 2-D; got curves with d = ${d}`);
  const op = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => {
    const c = (x as tf.Tensor3D).dataSync() as Float32Array;
    const T = S - 1;
    const q = new Float32Array(b * T);
    // per step: gradient w.r.t. the end point (gn) and the start point (gp)
    const gn = new Float32Array(b * T * 2);
    const gp = new Float32Array(b * T * 2);
    const out = new Float64Array(12);
    for (let i = 0; i < b; i++) {
      for (let s = 0; s < T; s++) {
        const o0 = (i * S + s) * 2;
        const x0 = c[o0];
        const y0 = c[o0 + 1];
        const x1 = c[o0 + 2];
        const y1 = c[o0 + 3];
        const dx = x1 - x0;
        const dy = y1 - y0;
        grid.sample(0.5 * (x0 + x1), 0.5 * (y0 + y1), out);
        const g00 = out[0];
        const g01 = 0.5 * (out[1] + out[2]);
        const g11 = out[3];
        const k = i * T + s;
        q[k] = g00 * dx * dx + 2 * g01 * dx * dy + g11 * dy * dy;
        const hx = 0.5 * (out[4] * dx * dx + (out[5] + out[6]) * dx * dy + out[7] * dy * dy);
        const hy = 0.5 * (out[8] * dx * dx + (out[9] + out[10]) * dx * dy + out[11] * dy * dy);
        const gx = 2 * (g00 * dx + g01 * dy);
        const gy = 2 * (g01 * dx + g11 * dy);
        gn[2 * k] = gx + hx;
        gn[2 * k + 1] = gy + hy;
        gp[2 * k] = -gx + hx;
        gp[2 * k + 1] = -gy + hy;
      }
    }
    return {
      value: tf.tensor2d(q, [b, T]),
      gradFunc: (dq: tf.Tensor) => {
        const w = dq.dataSync();
        const g = new Float32Array(b * S * 2);
        for (let i = 0; i < b; i++) {
          for (let s = 0; s < T; s++) {
            const k = i * T + s;
            const o = (i * S + s) * 2;
            g[o] += w[k] * gp[2 * k];
            g[o + 1] += w[k] * gp[2 * k + 1];
            g[o + 2] += w[k] * gn[2 * k];
            g[o + 3] += w[k] * gn[2 * k + 1];
          }
        }
        return tf.tensor3d(g, [b, S, 2]);
      },
    };
  });
  return op(curves) as tf.Tensor2D;
}
