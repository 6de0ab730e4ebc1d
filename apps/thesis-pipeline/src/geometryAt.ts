import { type CurvatureRoute, curvatureAndMetric } from '@curv/geometry-autograd';
import type { TorusAE } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';

/** R, g and det g at a batch of latent points, as plain arrays (d = 2: g row-major 2×2 per point). */
export interface PointGeometry {
  R: Float32Array;
  /** [n, d, d] row-major. */
  g: Float32Array;
  detg: Float32Array;
  /** tr g = ‖J‖²_F. */
  trg: Float32Array;
  d: number;
}

/**
 * Scalar curvature and pull-back metric of a TorusAE decoder Ψ at latent points `z` (row-major
 * [n, d]), computed by @curv/geometry-autograd in chunks (route gauss | intrinsic | fd).
 */
export function geometryAt(
  model: TorusAE,
  z: ArrayLike<number>,
  options: { route?: CurvatureRoute; chunk?: number } = {},
): PointGeometry {
  const d = model.latentDim;
  const n = z.length / d;
  const chunk = options.chunk ?? 1024;
  const dec = model.decoder();
  const R = new Float32Array(n);
  const g = new Float32Array(n * d * d);
  const detg = new Float32Array(n);
  const trg = new Float32Array(n);
  const zz = Float32Array.from(z);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const [r, gm] = tf.tidy(() => {
      const out = curvatureAndMetric(dec, tf.tensor2d(zz.subarray(s * d, e * d), [e - s, d]), {
        route: options.route,
      });
      return [out.R, out.g];
    });
    R.set(r.dataSync() as Float32Array, s);
    const gv = gm.dataSync() as Float32Array;
    g.set(gv, s * d * d);
    tf.dispose([r, gm]);
    for (let i = s; i < e; i++) {
      const o = i * d * d;
      if (d === 2) detg[i] = g[o] * g[o + 3] - g[o + 1] * g[o + 2];
      else detg[i] = determinant(g.subarray(o, o + d * d), d);
      let t = 0;
      for (let a = 0; a < d; a++) t += g[o + a * d + a];
      trg[i] = t;
    }
  }
  return { R, g, detg, trg, d };
}

/** Determinant by Gaussian elimination with partial pivoting (small d). */
function determinant(m: ArrayLike<number>, d: number): number {
  const a = Array.from(m);
  let det = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]) > Math.abs(a[p * d + c])) p = r;
    if (a[p * d + c] === 0) return 0;
    if (p !== c) {
      for (let k = 0; k < d; k++) [a[c * d + k], a[p * d + k]] = [a[p * d + k], a[c * d + k]];
      det = -det;
    }
    det *= a[c * d + c];
    for (let r = c + 1; r < d; r++) {
      const f = a[r * d + c] / a[c * d + c];
      for (let k = c; k < d; k++) a[r * d + k] -= f * a[c * d + k];
    }
  }
  return det;
}
