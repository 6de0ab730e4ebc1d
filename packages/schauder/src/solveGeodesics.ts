import { Adam, CurvInputError, Sgd } from '@curv/core';
import { isRiemannianMetric } from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import { curveEnergy, curveLength, decodedSquaredSteps } from './curveEnergy.js';
import { curvesFromCoefficients } from './curvesFromCoefficients.js';
import { metricCurveEnergy, metricCurveLength, metricSquaredSteps } from './metricCurveEnergy.js';
import type { MetricGrid } from './metricGrid.js';
import { isMetricGrid, type MetricLike } from './metricSource.js';
import { periodicSegment } from './periodicSegment.js';
import { type SchauderBasis, type SchauderMode, schauderBasis } from './schauderBasis.js';
import { pairTensors, straightSegment } from './straightSegment.js';
import type { DecoderFn, PointsLike } from './types.js';
import { checkInt } from './validate.js';

/**
 * Where the energy comes from: decode to R^D at every step (`{ decoder }`, needs the image), or a latent
 * metric (`{ metric }`: any `RiemannianMetric` of @curv/geometry — a {@link MetricGrid} runs a fast
 * plain-JS kernel — or a plain `[P, d] → [P, d, d]` function).
 */
export type GeodesicGeometry = { decoder: DecoderFn } | { metric: MetricLike | MetricGrid };

/**
 * The minimised loss. `mean` (batched solver of the original): mean over curves of
 * (S−1)Σ‖Δ‖². `sum`: the sum over curves. `legacySingle`: Σ‖Δ‖² without the (S−1) factor, summed — the
 * original single-pair solver. Adam is nearly scale invariant, so all three give nearly the same curves.
 */
export type GeodesicObjective = 'mean' | 'sum' | 'legacySingle';

export interface SolveGeodesicsOptions {
  /** Schauder levels (default 7); ignored when `basis` is given. */
  nMax?: number;
  /** Points per curve (default 100); ignored when `basis` is given. */
  S?: number;
  /** Basis mode (default `'parity'`, the original); ignored when `basis` is given. */
  mode?: SchauderMode;
  /** A prebuilt zero-boundary basis (overrides nMax, S, mode). */
  basis?: SchauderBasis;
  /** Base segment: `'straight'` (original batched solver) or `'periodic'` (shortest on the torus). */
  base?: 'straight' | 'periodic';
  /** Default `'adam'` (PyTorch semantics, β = (0.9, 0.999), ε = 1e-8). */
  optimizer?: 'adam' | 'sgd';
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Maximum number of optimiser steps (default 200). */
  steps?: number;
  /** Default `'mean'`. */
  objective?: GeodesicObjective;
  /** Stop when |loss_k − loss_{k−1}| ≤ tolerance·|loss_k| (default 0: run all steps). */
  tolerance?: number;
  /** Stop when the gradient norm ‖∂loss/∂c‖₂ ≤ gradTolerance (default 0). */
  gradTolerance?: number;
  /** Initial coefficients, row-major `[b, m, d]` (default zeros: the initial curve is the base segment). */
  initialCoefficients?: Float32Array;
  /**
   * Memory bound: at most this many curve points per forward/backward pass (default 20 000 in decoded
   * mode, unbounded in metric mode, whose memory per point is tiny); larger
   * batches are split into chunks of curves whose gradients are summed (same result, bounded memory).
   */
  maxPointsPerPass?: number;
}

export interface GeodesicResult {
  /** Number of curves b, points per curve S, latent dimension d, basis columns m. */
  readonly b: number;
  readonly S: number;
  readonly d: number;
  readonly m: number;
  /** Optimised curves, row-major `[b, S, d]`. */
  readonly curves: Float32Array;
  /** Base segments, row-major `[b, S, d]`. */
  readonly baseCurves: Float32Array;
  /** Final coefficients, row-major `[b, m, d]`. */
  readonly coefficients: Float32Array;
  /** Per-curve energy (S−1)Σ‖Δ‖² of the optimised curves in the solving geometry. */
  readonly energies: Float32Array;
  /** Per-curve length Σ‖Δ‖ of the optimised curves. */
  readonly lengths: Float32Array;
  /** Per-curve energy / length of the base segments. */
  readonly baseEnergies: Float32Array;
  readonly baseLengths: Float32Array;
  /** Convergence: `loss[k]` after k steps (k = 0..steps), `gradNorm[k]` = ‖∂loss/∂c‖₂ before step k+1. */
  readonly history: { loss: number[]; gradNorm: number[] };
  /** Steps actually taken and whether a tolerance stopped the run early. */
  readonly steps: number;
  readonly converged: boolean;
  /** Curve i as plain rows `[S][d]` (for plots). */
  curve(i: number): number[][];
  /** All curves as plain arrays `[b][S][d]`. */
  curvesArray(): number[][][];
  /** A new `[b, S, d]` tensor of the optimised curves (the caller disposes it). */
  tensor(): tf.Tensor3D;
}

/** Validate `{ decoder: fn }` or `{ metric }` (a RiemannianMetric, a {@link MetricGrid} or a function). */
export function normaliseGeometry(g: GeodesicGeometry): GeodesicGeometry {
  if (g && 'decoder' in g && typeof g.decoder === 'function') return g;
  if (g && 'metric' in g) {
    const m = g.metric as MetricLike | MetricGrid;
    if (typeof m === 'function' || isMetricGrid(m) || isRiemannianMetric(m)) return { metric: m };
  }
  throw new CurvInputError(
    'geometry: expected { decoder: DecoderFn } or { metric: RiemannianMetric | MetricGrid }',
    'geometry',
  );
}

/** Curve ranges [lo, hi) with at most `maxPoints` curve points each. */
export function chunks(b: number, S: number, maxPoints: number): Array<[number, number]> {
  const per = Math.max(1, Math.floor(maxPoints / S));
  const out: Array<[number, number]> = [];
  for (let lo = 0; lo < b; lo += per) out.push([lo, Math.min(b, lo + per)]);
  return out;
}

/** Per-curve energies or lengths `[b]` of `[b, S, d]` curves in the geometry (differentiable w.r.t. the curves). */
export function curveTerm(
  geometry: GeodesicGeometry,
  curves: tf.Tensor3D,
  what: 'energy' | 'length',
): tf.Tensor1D {
  return (
    'decoder' in geometry
      ? (what === 'energy' ? curveEnergy : curveLength)(geometry.decoder, curves, 'none')
      : (what === 'energy' ? metricCurveEnergy : metricCurveLength)(geometry.metric, curves, 'none')
  ) as tf.Tensor1D;
}

function perCurve(
  geometry: GeodesicGeometry,
  curves: tf.Tensor3D,
  what: 'energy' | 'length',
  maxPoints: number,
): Float32Array {
  const [b, S, d] = curves.shape;
  const out = new Float32Array(b);
  for (const [lo, hi] of chunks(b, S, maxPoints)) {
    const t = tf.tidy(() => {
      const c = curves.slice([lo, 0, 0], [hi - lo, S, d]);
      return curveTerm(geometry, c, what);
    });
    out.set(t.dataSync() as Float32Array, lo);
    t.dispose();
  }
  return out;
}

/** The objective's contribution of a chunk of curves; `b` is the total number of curves (for 'mean'). */
function loss(
  geometry: GeodesicGeometry,
  curves: tf.Tensor3D,
  objective: GeodesicObjective,
  b: number,
): tf.Scalar {
  if (objective !== 'legacySingle' && 'metric' in geometry && isMetricGrid(geometry.metric)) {
    // MetricGrid: per-curve energies straight from the JS kernel (no [b, S−1] tensor in between).
    const total = metricCurveEnergy(geometry.metric, curves, 'sum') as tf.Scalar;
    return objective === 'sum' ? total : tf.div(total, b);
  }
  const S = curves.shape[1];
  const steps =
    'decoder' in geometry
      ? decodedSquaredSteps(geometry.decoder, curves)
      : metricSquaredSteps(geometry.metric, curves);
  if (objective === 'legacySingle') return tf.sum(steps);
  const perCurveEnergy = tf.mul(tf.sum(steps, 1), S - 1);
  return objective === 'sum' ? tf.sum(perCurveEnergy) : tf.div(tf.sum(perCurveEnergy), b);
}

/** Adam (PyTorch semantics) or SGD on the coefficient variables. */
export function createOptimizer(name: 'adam' | 'sgd', coeffs: tf.Variable[], lr: number): Adam | Sgd {
  if (name === 'sgd') return new Sgd(coeffs, lr);
  // Built inside tidy: Adam's constructor leaves its zerosLike temporaries alive otherwise.
  let opt: Adam | undefined;
  tf.tidy(() => {
    opt = new Adam(coeffs, { lr });
  });
  return opt as Adam;
}

/**
 * One optimiser step on the coefficients: the gradients of the chunk losses (curve ranges [lo, hi)) are
 * summed — the same gradient as one pass over all curves, with bounded memory — then the optimiser steps.
 * With `stats`, returns [loss, ‖gradient‖₂] (one read-back); otherwise nothing is read back.
 */
export function gradientStep(
  coeffs: tf.Variable,
  opt: Adam | Sgd,
  parts: Array<[number, number]>,
  chunkLoss: (lo: number, hi: number) => () => tf.Scalar,
  stats: boolean,
): [number, number] | null {
  let out: [number, number] | null = null;
  tf.tidy(() => {
    let value: tf.Tensor = tf.scalar(0);
    let g: tf.Tensor = tf.zerosLike(coeffs);
    for (const [lo, hi] of parts) {
      const r = tf.variableGrads(chunkLoss(lo, hi), [coeffs]);
      value = tf.add(value, r.value);
      g = tf.add(g, r.grads[coeffs.name]);
    }
    if (stats) {
      const norm = tf.sqrt(tf.sum(tf.square(g)));
      const s = tf.stack([value, norm]).dataSync();
      out = [s[0], s[1]];
    }
    opt.step([g]);
  });
  return out;
}

/** The validated settings shared by {@link solveGeodesics} and `geodesicSolver`. */
export function solverSettings(geometry: GeodesicGeometry, options: SolveGeodesicsOptions) {
  const basis =
    options.basis ?? schauderBasis(options.nMax ?? 7, options.S ?? 100, { mode: options.mode ?? 'parity' });
  if (basis.variant !== 'zeroBoundary') {
    throw new CurvInputError(
      'basis: the boundary-value solver needs a zeroBoundary basis (endpoints fixed)',
      'basis',
    );
  }
  const lr = options.lr ?? 0.01;
  if (!(lr > 0)) throw new CurvInputError(`lr: expected a positive learning rate; got ${lr}`, 'lr');
  const baseKind = options.base ?? 'straight';
  if (baseKind !== 'straight' && baseKind !== 'periodic') {
    throw new CurvInputError(
      `base: expected 'straight' or 'periodic'; got ${JSON.stringify(baseKind)}`,
      'base',
    );
  }
  const optName = options.optimizer ?? 'adam';
  if (optName !== 'adam' && optName !== 'sgd') {
    throw new CurvInputError(
      `optimizer: expected 'adam' or 'sgd'; got ${JSON.stringify(optName)}`,
      'optimizer',
    );
  }
  const maxPoints = options.maxPointsPerPass ?? ('decoder' in geometry ? 20000 : 1e9);
  checkInt(maxPoints, 1, 'maxPointsPerPass');
  return { basis, lr, baseKind, optName, maxPoints };
}

/**
 * Boundary-value geodesics for a batch of (start, end) pairs: minimise the discrete energy over the
 * Schauder coefficients c (curve = base segment + basis·c, endpoints fixed) with Adam or SGD.
 * Works in decoded mode (`{ decoder }`, energy (S−1)Σ‖Ψ(γ_{s+1}) − Ψ(γ_s)‖²) or metric mode
 * (`{ metric }`, energy (S−1)Σ Δzᵀ g(z̄) Δz — fast with a {@link metricGrid}). A single pair is a batch of one.
 *
 * ```ts
 * const r = solveGeodesics({ decoder }, [[-2, 1]], [[2.5, -1.5]], { nMax: 3, S: 17, steps: 200 });
 * r.energies[0]; // < r.baseEnergies[0]
 * ```
 *
 * Shapes: starts, ends `[b, d]`; results row-major as documented on {@link GeodesicResult}.
 */
export function solveGeodesics(
  geometryIn: GeodesicGeometry,
  starts: PointsLike,
  ends: PointsLike,
  options: SolveGeodesicsOptions = {},
): GeodesicResult {
  const geometry = normaliseGeometry(geometryIn);
  const { basis, lr, baseKind, optName, maxPoints } = solverSettings(geometry, options);
  const steps = options.steps ?? 200;
  checkInt(steps, 0, 'steps');
  const objective = options.objective ?? 'mean';
  if (!['mean', 'sum', 'legacySingle'].includes(objective)) {
    throw new CurvInputError(
      `objective: expected 'mean', 'sum' or 'legacySingle'; got ${JSON.stringify(objective)}`,
      'objective',
    );
  }
  const tolerance = options.tolerance ?? 0;
  const gradTolerance = options.gradTolerance ?? 0;

  const { a, b: e } = pairTensors(starts, ends);
  const [b, d] = a.t.shape;
  const S = basis.S;
  const m = basis.columns;
  const base = (baseKind === 'straight' ? straightSegment : periodicSegment)(a.t, e.t, S);
  if (a.owned) a.t.dispose();
  if (e.owned) e.t.dispose();
  const B = basis.tensor();
  let init: tf.Tensor3D;
  if (options.initialCoefficients) {
    if (options.initialCoefficients.length !== b * m * d) {
      tf.dispose([base, B]);
      throw new CurvInputError(
        `initialCoefficients: expected ${b * m * d} values ([b, m, d] = [${b}, ${m}, ${d}]); got ${options.initialCoefficients.length}`,
        'initialCoefficients',
      );
    }
    init = tf.tensor3d(options.initialCoefficients, [b, m, d]);
  } else {
    init = tf.zeros([b, m, d]);
  }
  const coeffs = tf.variable(init, true);
  init.dispose();
  const opt = createOptimizer(optName, [coeffs], lr);

  const history = { loss: [] as number[], gradNorm: [] as number[] };
  let converged = false;
  let taken = 0;
  const parts = chunks(b, S, maxPoints);
  const chunkLoss = (lo: number, hi: number) => () => {
    const n = hi - lo;
    const c = n === b ? coeffs : coeffs.slice([lo, 0, 0], [n, m, d]);
    const bs = n === b ? base : base.slice([lo, 0, 0], [n, S, d]);
    return loss(geometry, curvesFromCoefficients(bs, B, c as tf.Tensor3D), objective, b);
  };
  try {
    for (let k = 0; k < steps; k++) {
      const stats = gradientStep(coeffs, opt, parts, chunkLoss, true) as [number, number];
      history.loss.push(stats[0]);
      history.gradNorm.push(stats[1]);
      taken = k + 1;
      if (gradTolerance > 0 && stats[1] <= gradTolerance) {
        converged = true;
        break;
      }
      const n = history.loss.length;
      if (
        tolerance > 0 &&
        n >= 2 &&
        Math.abs(history.loss[n - 1] - history.loss[n - 2]) <= tolerance * Math.abs(history.loss[n - 1])
      ) {
        converged = true;
        break;
      }
    }
    const finalCurves = tf.tidy(() => curvesFromCoefficients(base, B, coeffs));
    const energies = perCurve(geometry, finalCurves, 'energy', maxPoints);
    let finalLoss = 0;
    for (const e of energies) finalLoss += e;
    if (objective === 'mean') finalLoss /= b;
    else if (objective === 'legacySingle') finalLoss /= S - 1;
    history.loss.push(finalLoss);
    const result = {
      b,
      S,
      d,
      m,
      curves: Float32Array.from(finalCurves.dataSync()),
      baseCurves: Float32Array.from(base.dataSync()),
      coefficients: Float32Array.from(coeffs.dataSync()),
      energies,
      lengths: perCurve(geometry, finalCurves, 'length', maxPoints),
      baseEnergies: perCurve(geometry, base, 'energy', maxPoints),
      baseLengths: perCurve(geometry, base, 'length', maxPoints),
      history,
      steps: taken,
      converged,
    };
    finalCurves.dispose();
    const rows = (i: number) => {
      const out: number[][] = [];
      for (let s = 0; s < S; s++)
        out.push(Array.from(result.curves.subarray((i * S + s) * d, (i * S + s + 1) * d)));
      return out;
    };
    return {
      ...result,
      curve(i: number) {
        checkInt(i, 0, 'curve');
        if (i >= b) throw new CurvInputError(`curve: expected an index < ${b}; got ${i}`, 'curve');
        return rows(i);
      },
      curvesArray: () => Array.from({ length: b }, (_, i) => rows(i)),
      tensor: () => tf.tensor3d(result.curves, [b, S, d]),
    };
  } finally {
    opt.dispose();
    tf.dispose([coeffs, base, B]);
  }
}
