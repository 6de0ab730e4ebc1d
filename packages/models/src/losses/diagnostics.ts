import { batchTrace, curvatureDensity, smallDeterminant, smallInverse } from '@curv/geometry';
import {
  curvatureAndMetric,
  type JetCapable,
  jacobianFrobeniusNorm,
  pullbackMetric,
  type SequentialDecoder,
} from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { encoderNetOf } from './contractive.js';
import type { CurvatureRoute } from './curvature.js';

/** What the diagnostics need of a model: its decoder Ψ and its raw encoder h in jet form. */
export interface DiagnosticModel {
  /** Ψ, latent points [P, d] → outputs. */
  decoder(): JetCapable;
  /**
   * h, inputs [B, x_dim] → raw latent coordinates [B, d], when the encoder is a row-wise network (the
   * encoder entries need it; a batch-normalised encoder has no per-sample Jacobian).
   */
  encoderNet?(): SequentialDecoder;
}

export interface DiagnosticOptions {
  /** Compute the curvature entries `curv_squared_mean/max` and `Curvature` (default true). */
  curvature?: boolean;
  /** How scalar curvature is computed (default `gauss`). */
  route?: CurvatureRoute;
  /** ε of (g + εI)⁻¹ (default 0). */
  eps?: number;
  /** δ of the contractive loss (default 0). */
  delta?: number;
}

/**
 * Names of the diagnostic metrics, in the order they are recorded: R² mean/max and the curvature
 * functional (when curvature is computed), ‖(g + εI)⁻¹‖_F mean/max, det g mean/max/min, tr g = ‖J_Ψ‖²_F
 * mean/max, the decoder contractive loss (max tr g), the contractive loss and ‖∂h/∂x‖_F mean/max.
 */
export const DIAGNOSTIC_NAMES = [
  'curv_squared_mean',
  'curv_squared_max',
  'Curvature',
  'g_inv_norm_mean',
  'g_inv_norm_max',
  'g_det_mean',
  'g_det_max',
  'g_det_min',
  'decoder_jac_norm_mean',
  'decoder_jac_norm_max',
  'decoder_contractive_loss',
  'Contractive',
  'encoder_jac_norm_mean',
  'encoder_jac_norm_max',
] as const;

/**
 * Diagnostic metrics of one batch, as plain numbers:
 *
 * - `curv_squared_mean/max`: mean and max of R² over the latent `points`,
 * - `Curvature`: mean R²√det g (the curvature functional),
 * - `g_inv_norm_mean/max`: Frobenius norm of (g + εI)⁻¹,
 * - `g_det_mean/max/min`: det g,
 * - `decoder_jac_norm_mean/max`: tr g = ‖J_Ψ‖²_F, and `decoder_contractive_loss` = max tr g,
 * - `encoder_jac_norm_mean/max`: ‖∂h/∂x‖_F at the inputs `x`, and `Contractive` = max ReLU(‖∂h/∂x‖_F − δ).
 *
 * g, R and the encoder Jacobian come from the same jet code as the training losses. Everything is
 * computed from the current weights without a gradient tape and without random numbers, so recording
 * diagnostics does not change a training run. The curvature entries are computed whether or not
 * curvature is part of the loss (`curvature: false` skips them).
 *
 * ```ts
 * const m = diagnosticMetrics(model, x, model.encoderToAngles(x), { eps: 0 });
 * m.g_det_min; // smallest det g on the batch
 * ```
 */
export function diagnosticMetrics(
  model: DiagnosticModel,
  x: tf.Tensor2D,
  points: tf.Tensor2D,
  options: DiagnosticOptions = {},
): Record<string, number> {
  const eps = options.eps ?? 0;
  const withCurvature = options.curvature ?? true;
  const scalars = tf.tidy(() => {
    const out: Record<string, tf.Scalar> = {};
    const dec = model.decoder();
    let g: tf.Tensor3D;
    if (withCurvature) {
      const rg = curvatureAndMetric(dec, points, { route: options.route ?? 'gauss', eps });
      g = rg.g as tf.Tensor3D;
      const r2 = tf.square(rg.R);
      out.curv_squared_mean = tf.mean(r2);
      out.curv_squared_max = tf.max(r2);
      out.Curvature = tf.mean(curvatureDensity(rg.R as tf.Tensor1D, g));
    } else {
      g = pullbackMetric(dec, points);
    }
    const invNorm = tf.sqrt(tf.sum(tf.square(smallInverse(g, eps)), [1, 2]));
    out.g_inv_norm_mean = tf.mean(invNorm);
    out.g_inv_norm_max = tf.max(invNorm);
    const det = smallDeterminant(g);
    out.g_det_mean = tf.mean(det);
    out.g_det_max = tf.max(det);
    out.g_det_min = tf.min(det);
    const tr = batchTrace(g);
    out.decoder_jac_norm_mean = tf.mean(tr);
    out.decoder_jac_norm_max = tf.max(tr);
    out.decoder_contractive_loss = tf.max(tr);
    const enc = jacobianFrobeniusNorm(encoderNetOf(model, 'diagnostic metrics'), x);
    out.Contractive = tf.max(tf.relu(tf.sub(enc, options.delta ?? 0)));
    out.encoder_jac_norm_mean = tf.mean(enc);
    out.encoder_jac_norm_max = tf.max(enc);
    return out;
  });
  const result: Record<string, number> = {};
  for (const k of DIAGNOSTIC_NAMES) {
    const v = scalars[k];
    if (!v) continue;
    result[k] = v.dataSync()[0];
    v.dispose();
  }
  return result;
}
