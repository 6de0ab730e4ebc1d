import type { Random } from '@curv/core';
import { curvatureAndMetric } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/types.js';
import type { TorusAE } from '../model/torusAE.js';
import { contractiveLoss } from './contractive.js';
import { type CurvatureRoute, curvatureRoute, curvatureTerm, uniformTorusSamples } from './curvature.js';
import { diagnosticMetrics } from './diagnostics.js';
import { equidistributionLoss } from './equidistribution.js';
import { mseLoss } from './mse.js';
import { OodExtremes, type OodParameters } from './ood.js';
import { perelmanF, perelmanW } from './perelman.js';
import type { PotentialNet } from './potential.js';

/** Names of the recorded loss terms (keys of the loss history and of results.json). */
export const LOSS_NAMES = {
  mse: 'MSE',
  equidistribution: 'Equidistribution',
  contractive: 'Contractive',
  curvature: 'Curvature',
  perelmanF: 'Perelman_F',
  perelmanW: 'Perelman_W',
  ood: 'OOD_curvature',
  total: 'Total',
} as const;

/**
 * φ = atan2(sin h, cos h) of the first `count` rows of an encoding [cos h, sin h], as a new tensor
 * built from the values: it is not connected to the gradient tape, i.e. detached (SPEC §3.4).
 */
export function detachedAngles(encoding: tf.Tensor2D, count?: number | null): tf.Tensor2D {
  const n = count == null ? encoding.shape[0] : Math.min(count, encoding.shape[0]);
  const d = encoding.shape[1] / 2;
  const values = tf.tidy(() => {
    const e = n === encoding.shape[0] ? encoding : tf.slice(encoding, [0, 0], [n, -1]);
    return tf.atan2(tf.slice(e, [0, d], [-1, d]), tf.slice(e, [0, 0], [-1, d])).dataSync() as Float32Array;
  });
  return tf.tensor2d(values, [n, d]);
}

/** Constant (non-differentiated) inputs of one batch's loss, prepared outside the gradient tape. */
export interface PreparedBatch {
  /** Uniform torus samples for the curvature functional (`uniform_OOD_sampling_flag`); otherwise the
   * detached encodings of the batch are used (taken from the forward pass in `compute`). */
  curvaturePoints?: tf.Tensor2D;
  /** OOD batch when the OOD term is active for this batch. */
  oodPoints?: tf.Tensor2D;
  dispose(): void;
}

/**
 * The per-batch loss of SPEC §3 for a {@link TorusAE} and a config:
 *
 * L = λ_recon·MSE + λ_unif·L_equi [+ λ_contractive·L_contr] [+ λ_curv·C] [+ OOD_w·L_curv(OOD batch)]
 *
 * where C is L_curv = mean R²√det g (`curvature_functional: R2`), or −F / −W for Perelman's
 * functionals (the potential f minimises F/W: the trainer reverses the sign of its gradient).
 * Curvature points are detached: the batch's encodings φ = atan2(sin h, cos h) (the first
 * `curvature_points` of them), or `n_OOD` uniform torus samples with `uniform_OOD_sampling_flag`.
 * OOD (B11 semantics): noise std σ, the OOD term is **added**.
 */
export class TorusAELoss {
  readonly route: CurvatureRoute;
  readonly ood: OodExtremes | undefined;

  constructor(
    readonly model: TorusAE,
    readonly config: ExperimentConfig,
    readonly potential?: PotentialNet,
  ) {
    const ls = config.loss_settings;
    this.route = curvatureRoute(config.training_mode.curvature_computation_mode, ls.eps);
    this.ood = config.training_mode.OOD_regime
      ? new OodExtremes(config.OOD_settings as OodParameters, model.latentDim)
      : undefined;
  }

  /** True when the curvature functional is part of the loss. */
  get curvatureOn(): boolean {
    return this.config.training_mode.compute_curvature;
  }

  /** Detached encodings φ of the first `count` rows of x. */
  private angles(x: tf.Tensor2D, count?: number | null): tf.Tensor2D {
    return tf.tidy(() => {
      const n = count == null ? x.shape[0] : Math.min(count, x.shape[0]);
      return this.model.encoderToAngles(n === x.shape[0] ? x : tf.slice(x, [0, 0], [n, -1]));
    });
  }

  /** Scalar curvature at points (no gradient needed), as plain numbers. */
  private curvatureValues(points: tf.Tensor2D): Float32Array {
    return tf
      .tidy(() => curvatureAndMetric(this.model.decoder(), points, { route: this.route, eps: 0 }).R)
      .dataSync() as Float32Array;
  }

  /** OOD: reset the extreme set from the first batch of an epoch (SPEC §3.5 step 1). */
  resetOod(firstBatch: tf.Tensor2D): void {
    if (!this.ood) return;
    const phi = this.angles(firstBatch, this.ood.params.N_extr);
    this.ood.reset(phi.dataSync() as Float32Array, this.curvatureValues(phi));
    phi.dispose();
  }

  /**
   * Constant inputs for the batch at (within-epoch) index `batchIndex`: curvature points, and for
   * the OOD regime the extreme-set update and (when active) the OOD batch. `updateOod` is false
   * for test-mode evaluation.
   */
  prepare(x: tf.Tensor2D, batchIndex: number, rng: Random, updateOod = true): PreparedBatch {
    const tm = this.config.training_mode;
    let curvaturePoints: tf.Tensor2D | undefined;
    let oodPoints: tf.Tensor2D | undefined;
    if (tm.compute_curvature) {
      // Encodings are taken from the forward pass in `compute` (no second encoder pass).
      if (tm.uniform_OOD_sampling_flag) {
        curvaturePoints = uniformTorusSamples(this.config.OOD_settings.n_OOD!, this.model.latentDim, rng);
      }
    }
    if (this.ood && updateOod) {
      const phi = this.angles(x);
      this.ood.update(phi.dataSync() as Float32Array, this.curvatureValues(phi));
      phi.dispose();
      if (this.ood.active(batchIndex)) oodPoints = this.ood.sample(rng);
    }
    return {
      curvaturePoints,
      oodPoints,
      dispose() {
        curvaturePoints?.dispose();
        oodPoints?.dispose();
      },
    };
  }

  /**
   * Loss terms and the weighted total (differentiable; call inside `tf.variableGrads` or a tidy).
   * Recorded terms: MSE, Equidistribution, [Contractive], [Curvature | Perelman_F | Perelman_W],
   * [OOD_curvature], Total.
   */
  compute(x: tf.Tensor2D, prepared: PreparedBatch): { total: tf.Scalar; terms: Record<string, tf.Scalar> } {
    const ls = this.config.loss_settings;
    const tm = this.config.training_mode;
    const terms: Record<string, tf.Scalar> = {};
    const { reconstruction, encoding } = this.model.forward(x);
    terms[LOSS_NAMES.mse] = mseLoss(x, reconstruction);
    terms[LOSS_NAMES.equidistribution] = equidistributionLoss(encoding, ls.num_moments);
    let total = tf.add(
      tf.mul(terms[LOSS_NAMES.mse], ls.lambda_recon),
      tf.mul(terms[LOSS_NAMES.equidistribution], ls.lambda_unif),
    );
    if (tm.compute_contractive_loss) {
      terms[LOSS_NAMES.contractive] = contractiveLoss(this.model, x, ls.delta_encoder);
      total = tf.add(total, tf.mul(terms[LOSS_NAMES.contractive], ls.lambda_contractive));
    }
    if (tm.compute_curvature) {
      const pts = prepared.curvaturePoints ?? detachedAngles(encoding, ls.curvature_points);
      if (ls.curvature_functional === 'R2') {
        terms[LOSS_NAMES.curvature] = curvatureTerm(this.model.decoder(), pts, {
          route: this.route,
          eps: ls.eps,
        });
        total = tf.add(total, tf.mul(terms[LOSS_NAMES.curvature], ls.lambda_curv));
      } else {
        if (!this.potential) throw new Error('TorusAELoss: Perelman functionals need a PotentialNet');
        const { R, g } = curvatureAndMetric(this.model.decoder(), pts, { route: this.route, eps: ls.eps });
        const { f, grad } = this.potential.jet(pts);
        const inputs = { R: R as tf.Tensor1D, g: g as tf.Tensor3D, f, gradF: grad, eps: ls.eps };
        const name = ls.curvature_functional === 'F' ? LOSS_NAMES.perelmanF : LOSS_NAMES.perelmanW;
        terms[name] =
          ls.curvature_functional === 'F'
            ? perelmanF(inputs)
            : perelmanW({ ...inputs, tau: ls.perelman_tau });
        total = tf.sub(total, tf.mul(terms[name], ls.lambda_curv));
      }
    }
    if (prepared.oodPoints && this.ood) {
      terms[LOSS_NAMES.ood] = curvatureTerm(this.model.decoder(), prepared.oodPoints, {
        route: this.route,
        eps: 0,
      });
      total = tf.add(total, tf.mul(terms[LOSS_NAMES.ood], this.ood.params.OOD_w));
    }
    terms[LOSS_NAMES.total] = total as tf.Scalar;
    return { total: total as tf.Scalar, terms };
  }

  /** Diagnostic metrics of SPEC §3.6 for this batch (plain numbers). */
  diagnostics(x: tf.Tensor2D, prepared: PreparedBatch): Record<string, number> {
    const ls = this.config.loss_settings;
    const pts = prepared.curvaturePoints ?? this.angles(x, ls.curvature_points);
    try {
      return diagnosticMetrics(this.model, x, pts, {
        curvature: this.curvatureOn,
        route: this.route,
        eps: ls.eps,
        delta: ls.delta_encoder,
      });
    } finally {
      if (pts !== prepared.curvaturePoints) pts.dispose();
    }
  }
}
