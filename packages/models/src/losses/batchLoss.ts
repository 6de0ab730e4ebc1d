import { CurvInputError, type Random } from '@curv/core';
import { curvatureAndMetric } from '@curv/geometry-autograd';
import type { RipsPersistence } from '@curv/topology';
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedLoss } from '../config/resolveLoss.js';
import type { Autoencoder } from '../latent/autoencoder.js';
import { contractiveLoss } from './contractive.js';
import { type CurvatureRoute, curvatureTerm } from './curvature.js';
import { diagnosticMetrics } from './diagnostics.js';
import { mseLoss } from './mse.js';
import { OodExtremes } from './ood.js';
import { perelmanF, perelmanW } from './perelman.js';
import type { PotentialNet } from './potential.js';
import { dataPersistence, topologicalTerm } from './topological.js';

/** Names of the recorded loss terms (keys of the loss history and of results.json). */
export const LOSS_NAMES = {
  mse: 'MSE',
  equidistribution: 'Equidistribution',
  contractive: 'Contractive',
  curvature: 'Curvature',
  perelmanF: 'Perelman_F',
  perelmanW: 'Perelman_W',
  ood: 'OOD_curvature',
  topological: 'Topological',
  total: 'Total',
} as const;

/**
 * φ = atan2(sin h, cos h) of the first `count` rows of an encoding [cos h, sin h], as a new tensor
 * built from the values: it is not connected to the gradient tape, i.e. detached.
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

/**
 * Detached latent coordinates of the first `count` rows of an encoding (torus: the angles), as a new tensor
 * built from the values, not connected to the gradient tape.
 */
function detachedLatent(model: Autoencoder, encoding: tf.Tensor2D, count?: number | null): tf.Tensor2D {
  const n = count == null ? encoding.shape[0] : Math.min(count, encoding.shape[0]);
  const values = tf.tidy(() =>
    model
      .latentOfEncoding(n === encoding.shape[0] ? encoding : tf.slice(encoding, [0, 0], [n, -1]))
      .dataSync(),
  ) as Float32Array;
  return tf.tensor2d(values, [n, model.latentDim]);
}

/** Constant (non-differentiated) inputs of one batch's loss, prepared outside the gradient tape. */
export interface PreparedBatch {
  /** Uniform latent samples for the curvature functional (`uniform_OOD_sampling_flag`; torus: on the whole
   * torus, plane: in a box around the batch's codes); otherwise the detached encodings of the batch are used
   * (taken from the forward pass in `compute`). */
  curvaturePoints?: tf.Tensor2D;
  /**
   * log coordinate volume of the domain the curvature points are uniform on (Perelman's W); undefined when
   * the batch's encodings are the points and the latent measure decides it in `compute`.
   */
  curvatureLogVolume?: number;
  /** OOD batch when the OOD term is active for this batch. */
  oodPoints?: tf.Tensor2D;
  /** Persistence of the data batch when the topological term is on. */
  topoTarget?: RipsPersistence;
  dispose(): void;
}

/**
 * The per-batch loss of an {@link Autoencoder} (torus or Euclidean latent) and resolved weights (see
 * `resolveLoss`):
 *
 * L = recon·MSE + unif·L_equi [+ contractive·L_contr] [± curvature.weight·C] [+ ood.weight·L_curv(OOD batch)]
 *     [+ topo.weight·L_topo]
 *
 * where C is L_curv = mean R²√det g (functional `R2`, added; on the plane the box volume times the mean, the
 * Monte-Carlo ∫R² dμ over the box), or Perelman's F / W (subtracted: the
 * potential f minimises F/W, the trainer reverses the sign of its gradient). A `null` term is not
 * computed. Curvature points are detached: the batch's latent coordinates (torus: φ = atan2(sin h, cos h);
 * the first `curvaturePoints` of them), or `uniformSamples` samples of the model's latent measure (uniform
 * on the torus, or in a box around the batch's codes on the plane). The equidistribution term exists on the
 * torus only; a Euclidean model needs λ_unif = 0. OOD: noise std σ, the OOD
 * term is **added**. L_topo compares the persistence of the latent coordinates (flat-torus distances for
 * angles) or of
 * the reconstructions with that of the input batch (see `topologicalTerm`).
 *
 * ```ts
 * const loss = new TorusAELoss(model, resolveLoss(config));
 * ```
 */
export class TorusAELoss {
  readonly ood: OodExtremes | undefined;

  constructor(
    readonly model: Autoencoder,
    readonly weights: ResolvedLoss,
    readonly potential?: PotentialNet,
  ) {
    this.ood = weights.ood ? new OodExtremes(weights.ood.params, model.latentDim) : undefined;
    if (weights.curvature && weights.curvature.functional !== 'R2' && !potential) {
      throw new Error('TorusAELoss: Perelman functionals need a PotentialNet');
    }
    if (!model.measure.equidistribution && weights.unif !== 0) {
      throw new CurvInputError(
        `loss_settings.lambda_unif: the ${model.latentType} latent has no equidistribution term; expected 0, got ${weights.unif}`,
        'lambda_unif',
      );
    }
  }

  /** How scalar curvature is computed. */
  get route(): CurvatureRoute {
    return this.weights.route;
  }

  /** True when the curvature functional is part of the loss. */
  get curvatureOn(): boolean {
    return this.weights.curvature !== null;
  }

  /** Detached latent coordinates (torus: φ) of the first `count` rows of x. */
  private angles(x: tf.Tensor2D, count?: number | null): tf.Tensor2D {
    return tf.tidy(() => {
      const n = count == null ? x.shape[0] : Math.min(count, x.shape[0]);
      return this.model.latentCoordinates(n === x.shape[0] ? x : tf.slice(x, [0, 0], [n, -1]));
    });
  }

  /** Scalar curvature at points (no gradient needed), as plain numbers. */
  private curvatureValues(points: tf.Tensor2D): Float32Array {
    return tf
      .tidy(() => curvatureAndMetric(this.model.decoder(), points, { route: this.route, eps: 0 }).R)
      .dataSync() as Float32Array;
  }

  /** OOD: reset the extreme set from the first batch of an epoch. */
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
    const w = this.weights;
    let curvaturePoints: tf.Tensor2D | undefined;
    let curvatureLogVolume: number | undefined;
    let oodPoints: tf.Tensor2D | undefined;
    // Without uniform samples, encodings are taken from the forward pass in `compute` (no second encoder pass).
    if (w.curvature && w.uniformSamples !== null) {
      const measure = this.model.measure;
      // The torus measure ignores the codes: skip the encoder pass there.
      const codes = measure.kind === 'torus' ? new Float32Array(0) : this.codesOf(x);
      const sample = measure.uniformSamples(w.uniformSamples, this.model.latentDim, rng, codes);
      curvaturePoints = sample.points;
      curvatureLogVolume = sample.logVolume;
    }
    if (this.ood && updateOod) {
      const phi = this.angles(x);
      this.ood.update(phi.dataSync() as Float32Array, this.curvatureValues(phi));
      phi.dispose();
      if (this.ood.active(batchIndex)) oodPoints = this.ood.sample(rng);
    }
    const topoTarget = w.topo ? dataPersistence(x, w.topo.weights, w.topo.dataScale) : undefined;
    return {
      curvaturePoints,
      curvatureLogVolume,
      oodPoints,
      topoTarget,
      dispose() {
        curvaturePoints?.dispose();
        oodPoints?.dispose();
      },
    };
  }

  /** Detached latent coordinates of all rows of x, as plain numbers. */
  private codesOf(x: tf.Tensor2D): Float32Array {
    const z = this.angles(x);
    const values = z.dataSync() as Float32Array;
    z.dispose();
    return values;
  }

  /**
   * Loss terms and the weighted total (differentiable; call inside `tf.variableGrads` or a tidy).
   * Recorded terms: MSE, Equidistribution, [Contractive], [Curvature | Perelman_F | Perelman_W],
   * [OOD_curvature], [Topological], Total.
   */
  compute(x: tf.Tensor2D, prepared: PreparedBatch): { total: tf.Scalar; terms: Record<string, tf.Scalar> } {
    const w = this.weights;
    const terms: Record<string, tf.Scalar> = {};
    const { reconstruction, encoding } = this.model.forward(x);
    terms[LOSS_NAMES.mse] = mseLoss(x, reconstruction);
    let total: tf.Tensor = tf.mul(terms[LOSS_NAMES.mse], w.recon);
    const equidistribution = this.model.measure.equidistribution;
    if (equidistribution) {
      terms[LOSS_NAMES.equidistribution] = equidistribution(encoding, w.numMoments);
      total = tf.add(total, tf.mul(terms[LOSS_NAMES.equidistribution], w.unif));
    }
    if (w.contractive !== null) {
      terms[LOSS_NAMES.contractive] = contractiveLoss(this.model, x, w.delta);
      total = tf.add(total, tf.mul(terms[LOSS_NAMES.contractive], w.contractive));
    }
    if (w.curvature) {
      const pts = prepared.curvaturePoints ?? detachedLatent(this.model, encoding, w.curvaturePoints);
      const { weight, functional } = w.curvature;
      const measure = this.model.measure;
      const logVolume = prepared.curvatureLogVolume ?? measure.encodingLogVolume(pts);
      if (functional === 'R2') {
        const mean = curvatureTerm(this.model.decoder(), pts, { route: w.route, eps: w.eps });
        const factor = measure.integralFactor(logVolume);
        terms[LOSS_NAMES.curvature] = factor === 1 ? mean : tf.mul(mean, factor);
        total = tf.add(total, tf.mul(terms[LOSS_NAMES.curvature], weight));
      } else {
        const potential = this.potential as PotentialNet;
        const { R, g } = curvatureAndMetric(this.model.decoder(), pts, { route: w.route, eps: w.eps });
        const { f, grad } = potential.jet(pts);
        const inputs = { R: R as tf.Tensor1D, g: g as tf.Tensor3D, f, gradF: grad, eps: w.eps, logVolume };
        const name = functional === 'F' ? LOSS_NAMES.perelmanF : LOSS_NAMES.perelmanW;
        terms[name] = functional === 'F' ? perelmanF(inputs) : perelmanW({ ...inputs, tau: w.perelmanTau });
        total = tf.sub(total, tf.mul(terms[name], weight));
      }
    }
    if (prepared.oodPoints && w.ood) {
      terms[LOSS_NAMES.ood] = curvatureTerm(this.model.decoder(), prepared.oodPoints, {
        route: w.route,
        eps: 0,
      });
      total = tf.add(total, tf.mul(terms[LOSS_NAMES.ood], w.ood.weight));
    }
    if (w.topo) {
      terms[LOSS_NAMES.topological] = topologicalTerm(
        x,
        { reconstruction, encoding },
        w.topo,
        prepared.topoTarget,
        this.model,
      );
      total = tf.add(total, tf.mul(terms[LOSS_NAMES.topological], w.topo.weight));
    }
    terms[LOSS_NAMES.total] = total as tf.Scalar;
    return { total: total as tf.Scalar, terms };
  }

  /**
   * Diagnostic metrics for this batch (plain numbers, see `diagnosticMetrics`), at the points the
   * curvature term uses (or would use: the batch's encodings). The curvature entries are computed
   * whether or not curvature is part of the loss.
   */
  diagnostics(x: tf.Tensor2D, prepared: PreparedBatch): Record<string, number> {
    const w = this.weights;
    const pts = prepared.curvaturePoints ?? this.angles(x, w.curvaturePoints);
    try {
      return diagnosticMetrics(this.model, x, pts, {
        curvature: true,
        route: w.route,
        eps: w.eps,
        delta: w.delta,
      });
    } finally {
      if (pts !== prepared.curvaturePoints) pts.dispose();
    }
  }
}
