import { curvatureAndMetric, jacobianFrobeniusNorm, pullbackMetric } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../latent/autoencoder.js';
import type { CurvatureRoute } from './curvature.js';

export interface DiagnosticOptions {
  /** Compute the curvature-based entries (skipped when curvature is off). */
  curvature: boolean;
  route?: CurvatureRoute;
  eps?: number;
  /** δ of the contractive loss. */
  delta?: number;
}

/**
 * Diagnostic metrics on one batch (plain numbers, no gradient):
 * `curv_squared_mean/max` (of R²), `Curvature` (= mean R²√det g), `g_inv_norm_mean/max`
 * (Frobenius norm of (g + eps I)⁻¹), `g_det_mean/max/min`, `decoder_jac_norm_mean/max`
 * (= tr g = ‖J‖²_F), `decoder_contractive_loss` (= max tr g), `Contractive`,
 * `encoder_jac_norm_mean/max`. The metric quantities are taken at the latent `points` (the
 * detached encodings); encoder quantities at the inputs `x`.
 */
export function diagnosticMetrics(
  model: Autoencoder,
  x: tf.Tensor2D,
  points: tf.Tensor2D,
  options: DiagnosticOptions,
): Record<string, number> {
  const eps = options.eps ?? 0;
  const scalars = tf.tidy(() => {
    const out: Record<string, tf.Scalar> = {};
    const dec = model.decoder();
    let g: tf.Tensor3D;
    if (options.curvature) {
      const rg = curvatureAndMetric(dec, points, { route: options.route ?? 'gauss', eps });
      g = rg.g;
      const r2 = tf.square(rg.R);
      out.curv_squared_mean = tf.mean(r2);
      out.curv_squared_max = tf.max(r2);
      out.Curvature = tf.mean(tf.mul(r2, tf.sqrt(tf.relu(det2(g)))));
    } else {
      g = pullbackMetric(dec, points);
    }
    const d = g.shape[1];
    const det = det2(g);
    const ge = tf.add(g, tf.mul(tf.eye(d), eps)) as tf.Tensor3D;
    const dete = det2(ge);
    // (g + eps I)⁻¹ for d = 2: [[c, −b], [−b, a]]/det; its Frobenius norm = ‖g + eps I‖_F / |det|
    out.g_inv_norm_mean = tf.mean(tf.div(tf.sqrt(tf.sum(tf.square(ge), [1, 2])), tf.abs(dete)));
    out.g_inv_norm_max = tf.max(tf.div(tf.sqrt(tf.sum(tf.square(ge), [1, 2])), tf.abs(dete)));
    out.g_det_mean = tf.mean(det);
    out.g_det_max = tf.max(det);
    out.g_det_min = tf.min(det);
    const tr = tf.sum(tf.mul(g, tf.eye(d)), [1, 2]);
    out.decoder_jac_norm_mean = tf.mean(tr);
    out.decoder_jac_norm_max = tf.max(tr);
    out.decoder_contractive_loss = tf.max(tr);
    const enc = jacobianFrobeniusNorm(model.encoderNet(), x);
    out.encoder_jac_norm_mean = tf.mean(enc);
    out.encoder_jac_norm_max = tf.max(enc);
    out.Contractive = tf.max(tf.relu(tf.sub(enc, options.delta ?? 0)));
    return out;
  });
  const result: Record<string, number> = {};
  for (const [k, v] of Object.entries(scalars)) {
    result[k] = v.dataSync()[0];
    v.dispose();
  }
  return result;
}

/** det of a batch of 2×2 matrices [P, 2, 2] → [P]. */
function det2(g: tf.Tensor3D): tf.Tensor1D {
  const f = tf.reshape(g, [-1, 4]);
  const col = (i: number) => tf.reshape(tf.slice(f, [0, i], [-1, 1]), [-1]);
  return tf.sub(tf.mul(col(0), col(3)), tf.mul(col(1), col(2))) as tf.Tensor1D;
}
