import * as tf from '@tensorflow/tfjs-core';
import { gridStep } from './gridCurveTerms.js';
import type { MetricGrid } from './metricGrid.js';

/**
 * Metric-grid quadratic forms q_s = Δz_sᵀ g(z̄_s) Δz_s (Δz_s = γ_{s+1} − γ_s, midpoint z̄_s), `[b, S−1]`,
 * computed in plain JS with a hand-written gradient — the same values as `metricSquaredSteps(grid.metric, …)`
 * without ~40 tfjs ops on [b·(S−1), …] tensors per call (those dominate a 900-curve metric-grid step).
 *
 * Per-step value and gradient from {@link gridStep}. Per-curve energies and lengths use {@link gridCurveTerms}
 * instead (one sweep, no `[b, S−1]` tensor).
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
    const m = new Float64Array(12);
    const st = new Float64Array(5);
    for (let i = 0; i < b; i++) {
      for (let s = 0; s < T; s++) {
        const o0 = (i * S + s) * 2;
        const x0 = c[o0];
        const y0 = c[o0 + 1];
        const x1 = c[o0 + 2];
        const y1 = c[o0 + 3];
        grid.sample(0.5 * (x0 + x1), 0.5 * (y0 + y1), m);
        gridStep(m, x1 - x0, y1 - y0, st);
        const k = i * T + s;
        q[k] = st[0];
        gn[2 * k] = st[1];
        gn[2 * k + 1] = st[2];
        gp[2 * k] = st[3];
        gp[2 * k + 1] = st[4];
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
