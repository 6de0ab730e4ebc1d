import { type CurvatureRoute, curvatureRoute } from '../losses/curvature.js';
import type { OodParameters } from '../losses/ood.js';
import type { CurvatureFunctional, ExperimentConfig, TopoSpace } from './types.js';

/** The curvature term of the loss: its weight and which functional it weights. */
export interface CurvatureWeight {
  /** λ_curv. 0 still computes and records the term (no gradient contribution). */
  weight: number;
  /**
   * `R2`: + weight · mean R²√det g. `F` / `W`: − weight · Perelman's F / W (the potential f
   * minimises it while the auto-encoder maximises it).
   */
  functional: CurvatureFunctional;
}

/** The topological regulariser: its weight, the seven term weights and where it compares diagrams. */
export interface TopoWeight {
  /** λ_topo (> 0). */
  weight: number;
  /** [bottleneck0, bottleneck1, entropy0, entropy1, kernel0, kernel1, density]. */
  weights: number[];
  /** `latent`: latent codes (flat torus) vs data batch; `decoded`: reconstructions vs inputs. */
  space: TopoSpace;
  /** Factor on the data distances in the `latent` comparison (1 for `decoded`). */
  dataScale: number;
}

/**
 * Everything the per-batch loss needs, resolved from a configuration: each term's weight, or
 * `null` where the term is not part of the loss at all, and the settings of the terms. One field
 * decides one thing (in the YAML configuration, whether and how λ_curv enters depends on
 * `training_mode.compute_curvature`, `loss_settings.lambda_curv` and
 * `loss_settings.curvature_functional`).
 */
export interface ResolvedLoss {
  /** λ_recon (MSE). */
  recon: number;
  /** λ_unif (equidistribution). */
  unif: number;
  /** λ_contractive, or null when the contractive term is off. */
  contractive: number | null;
  /** The curvature term, or null when it is off. */
  curvature: CurvatureWeight | null;
  /** The OOD curvature term (weight OOD_w, added) and its parameters, or null outside the OOD regime. */
  ood: { weight: number; params: OodParameters } | null;
  /** Moments matched by the equidistribution term. */
  numMoments: number;
  /** How scalar curvature is computed. */
  route: CurvatureRoute;
  /** eps of (g + eps I)⁻¹ in the curvature term. */
  eps: number;
  /** δ of the contractive term (also used by the diagnostics). */
  delta: number;
  /** Curvature on the first P encodings of each batch; null = all of them. */
  curvaturePoints: number | null;
  /**
   * Curvature on this many uniform latent samples (the torus, or a box around the codes on the plane) instead of
   * the encodings; null = on the encodings.
   */
  uniformSamples: number | null;
  /** τ of Perelman's W. */
  perelmanTau: number;
  /** The topological regulariser, or null when λ_topo is 0 or every term weight is 0. */
  topo: TopoWeight | null;
}

/** The {@link ResolvedLoss} a validated configuration asks for. */
export function resolveLoss(config: ExperimentConfig): ResolvedLoss {
  const ls = config.loss_settings;
  const tm = config.training_mode;
  const curvatureOn = tm.compute_curvature;
  return {
    recon: ls.lambda_recon,
    unif: ls.lambda_unif,
    contractive: tm.compute_contractive_loss ? ls.lambda_contractive : null,
    curvature: curvatureOn ? { weight: ls.lambda_curv, functional: ls.curvature_functional } : null,
    ood: tm.OOD_regime
      ? {
          weight: config.OOD_settings.OOD_w as number,
          params: config.OOD_settings as OodParameters,
        }
      : null,
    numMoments: ls.num_moments,
    route: curvatureRoute(tm.curvature_computation_mode, ls.eps),
    eps: ls.eps,
    delta: ls.delta_encoder,
    curvaturePoints: ls.curvature_points,
    uniformSamples:
      curvatureOn && tm.uniform_OOD_sampling_flag ? (config.OOD_settings.n_OOD as number) : null,
    perelmanTau: ls.perelman_tau,
    topo:
      ls.lambda_topo > 0 && ls.topo_weights.some((w) => w > 0)
        ? {
            weight: ls.lambda_topo,
            weights: [...ls.topo_weights],
            space: ls.topo_space,
            dataScale: ls.topo_space === 'latent' ? ls.topo_data_scale : 1,
          }
        : null,
  };
}
