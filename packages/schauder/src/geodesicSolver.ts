import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { curvesFromColumns } from './curvesFromCoefficients.js';
import { periodicSegment } from './periodicSegment.js';
import type { SchauderBasis } from './schauderBasis.js';
import {
  chunks,
  createOptimizer,
  curveTerm,
  type GeodesicGeometry,
  type GeodesicResult,
  normaliseGeometry,
  type SolveGeodesicsOptions,
  solveGeodesics,
  solverSettings,
} from './solveGeodesics.js';
import { straightSegment } from './straightSegment.js';
import type { PointsLike } from './types.js';
import { checkInt } from './validate.js';

/** Per-call settings of {@link GeodesicSolver.solve} (the rest is fixed when the solver is built). */
export type GeodesicSolveOverrides = Pick<
  SolveGeodesicsOptions,
  'steps' | 'tolerance' | 'gradTolerance' | 'initialCoefficients' | 'objective'
>;

/** Curves, lengths and energies after {@link GeodesicRelaxation.relax}, row-major plain arrays. */
export interface RelaxedCurves {
  /** `[b, S, d]` curves after the steps. */
  curves: Float32Array;
  /** Per-curve lengths of `curves`, `[b]`. */
  lengths: Float32Array;
  /**
   * Per-curve energies, `[b]`: those the optimiser evaluated at its last step (the curves just before
   * that step's update; no extra pass) when steps > 0, otherwise those of `curves`.
   */
  energies: Float32Array;
}

/**
 * Geodesics whose Schauder coefficients persist between calls, for algorithms that move the endpoints a
 * little and take a few optimiser steps each time (K-means: points → moving centroids). The optimiser
 * state (Adam moments) persists too. Call `dispose` when done.
 */
export interface GeodesicRelaxation {
  readonly b: number;
  readonly d: number;
  /**
   * Rebuild the base segments from `starts` to `ends` (row-major `[b, d]`), take `steps` optimiser steps on
   * Σ_j E_j from the current coefficients (curve = base + basis·coefficients, endpoints fixed), and return
   * the curves with their lengths and energies.
   */
  relax(starts: Float32Array, ends: Float32Array, steps: number): RelaxedCurves;
  dispose(): void;
}

/**
 * A configured boundary-value geodesic solver: a geometry (`{ decoder }` or `{ metric }`), a zero-boundary
 * Schauder basis and an optimiser. Estimators receive one instead of re-implementing the optimisation.
 */
export interface GeodesicSolver {
  readonly geometry: GeodesicGeometry;
  /** `'decoded'` (energies through Ψ) or `'metric'` (through a latent metric). */
  readonly mode: 'decoded' | 'metric';
  readonly basis: SchauderBasis;
  /** Points per curve (= basis.S). */
  readonly S: number;
  readonly options: Readonly<SolveGeodesicsOptions>;
  /** Geodesics for a batch of (start, end) pairs from zero coefficients: {@link solveGeodesics} with this solver's settings. */
  solve(starts: PointsLike, ends: PointsLike, overrides?: GeodesicSolveOverrides): GeodesicResult;
  /** Per-curve energies (S−1)Σ‖Δ‖² of `[b, S, d]` curves in this geometry, `[b]` (differentiable w.r.t. the curves). */
  energy(curves: tf.Tensor3D): tf.Tensor1D;
  /** Per-curve lengths Σ‖Δ‖, `[b]`. */
  length(curves: tf.Tensor3D): tf.Tensor1D;
  /** Persistent coefficients for b curves in R^d, initially zero (see {@link GeodesicRelaxation}). */
  relaxation(b: number, d: number): GeodesicRelaxation;
}

/**
 * Build a {@link GeodesicSolver}. Options as {@link solveGeodesics} (basis or nMax/S/mode, base segment,
 * optimiser, lr, steps, objective, tolerances, maxPointsPerPass).
 *
 * ```ts
 * const solver = geodesicSolver({ metric: halfPlaneMetric() }, { nMax: 4, S: 33, steps: 300 });
 * solver.solve([[-1, 1]], [[1, 1]]).lengths[0]; // < 2 (the straight segment's length)
 * ```
 */
export function geodesicSolver(
  geometryIn: GeodesicGeometry,
  options: SolveGeodesicsOptions = {},
): GeodesicSolver {
  const geometry = normaliseGeometry(geometryIn);
  const { basis, lr, baseKind, optName, maxPoints } = solverSettings(geometry, options);
  const mode = 'decoder' in geometry ? 'decoded' : 'metric';
  const S = basis.S;
  const settled: SolveGeodesicsOptions = { ...options, basis };

  const relaxation = (b: number, d: number): GeodesicRelaxation => {
    checkInt(b, 1, 'b');
    checkInt(d, 1, 'd');
    const m = basis.columns;
    const B = basis.tensor();
    // One variable per chunk of curves, coefficients as columns [m, n·d]: each step is one plain matMul
    // per chunk and its gradient, with no slicing or transposing of a batch-wide tensor.
    const parts = chunks(b, S, maxPoints);
    const coeffs = parts.map(([lo, hi]) => {
      const zeros = tf.zeros([m, (hi - lo) * d]);
      const v = tf.variable(zeros, true) as tf.Variable<tf.Rank.R2>;
      zeros.dispose();
      return v;
    });
    const opt = createOptimizer(optName, coeffs, lr);
    const segment = baseKind === 'periodic' ? periodicSegment : straightSegment;
    let stepped = false;
    let disposed = false;
    return {
      b,
      d,
      relax(starts, ends, steps) {
        if (disposed) throw new CurvInputError('relax: this relaxation was disposed', 'relaxation');
        checkInt(steps, 0, 'steps');
        if (starts.length !== b * d || ends.length !== b * d) {
          throw new CurvInputError(
            `relax: expected ${b * d} numbers ([b, d] = [${b}, ${d}]) for starts and ends; got ${starts.length} and ${ends.length}`,
            'starts',
          );
        }
        const bases = parts.map(([lo, hi]) =>
          tf.tidy(() =>
            segment(
              tf.tensor2d(starts.subarray(lo * d, hi * d), [hi - lo, d]),
              tf.tensor2d(ends.subarray(lo * d, hi * d), [hi - lo, d]),
              S,
            ),
          ),
        );
        const energies = new Float32Array(b);
        const curves = new Float32Array(b * S * d);
        const lengths = new Float32Array(b);
        try {
          for (let k = 0; k < steps; k++) {
            const last = k === steps - 1;
            const grads = parts.map(([lo], ci) => {
              const { value, grads: g } = tf.variableGrads(() => {
                const e = curveTerm(geometry, curvesFromColumns(bases[ci], B, coeffs[ci]), 'energy');
                if (last) energies.set(e.dataSync() as Float32Array, lo);
                return tf.sum(e) as tf.Scalar;
              }, [coeffs[ci]]);
              value.dispose();
              return g[coeffs[ci].name];
            });
            opt.step(grads);
            tf.dispose(grads);
            stepped = true;
          }
          parts.forEach(([lo], ci) => {
            tf.tidy(() => {
              // Never-stepped coefficients are zero: the curves are the base segments themselves.
              const chunk = stepped ? curvesFromColumns(bases[ci], B, coeffs[ci]) : bases[ci];
              lengths.set(curveTerm(geometry, chunk, 'length').dataSync() as Float32Array, lo);
              if (steps === 0)
                energies.set(curveTerm(geometry, chunk, 'energy').dataSync() as Float32Array, lo);
              curves.set(chunk.dataSync() as Float32Array, lo * S * d);
            });
          });
          return { curves, lengths, energies };
        } finally {
          tf.dispose(bases);
        }
      },
      dispose() {
        if (disposed) return;
        disposed = true;
        opt.dispose();
        tf.dispose([...coeffs, B]);
      },
    };
  };

  return {
    geometry,
    mode,
    basis,
    S,
    options: settled,
    solve: (starts, ends, overrides = {}) =>
      solveGeodesics(geometry, starts, ends, { ...settled, ...overrides }),
    energy: (curves) => curveTerm(geometry, curves, 'energy'),
    length: (curves) => curveTerm(geometry, curves, 'length'),
    relaxation,
  };
}
