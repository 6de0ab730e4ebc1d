import { CurvInputError } from '@curv/core';

/** Mean, population standard deviation and standard error of the mean of a sample. */
export interface Summary {
  n: number;
  mean: number;
  /** Population std √(Σ(x − mean)² / n) (SPEC §9.2: F-measure statistics). */
  std: number;
  /** std / √n. */
  sem: number;
}

/**
 * `summarize(values)` — mean, population std and SEM = std/√n (SPEC §15.2). One value → std = sem = 0.
 *
 * ```ts
 * summarize([1, 3]); // { n: 2, mean: 2, std: 1, sem: 0.7071… }
 * ```
 */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) throw new CurvInputError('values: expected at least one value to summarise', 'values');
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new CurvInputError(`values[${i}]: expected a finite number, got ${values[i]}`, 'values');
    }
    mean += values[i];
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const std = Math.sqrt(ss / n);
  return { n, mean, std, sem: std / Math.sqrt(n) };
}

/** The `f_measure_stats.json` record of SPEC §15.2 (keys as in the original). */
export interface FMeasureStats {
  euclidean_F_measure_mean: number;
  euclidean_F_measure_std: number;
  euclidean_F_measure_SEM: number;
  riemannian_F_measure_mean: number;
  riemannian_F_measure_std: number;
  riemannian_F_measure_SEM: number;
}

/**
 * `fMeasureStats(euclidean, riemannian)` — the `f_measure_stats.json` record: mean, population
 * std and SEM of the F-measures over setups/runs, for both methods.
 */
export function fMeasureStats(euclidean: ArrayLike<number>, riemannian: ArrayLike<number>): FMeasureStats {
  const e = summarize(euclidean);
  const r = summarize(riemannian);
  return {
    euclidean_F_measure_mean: e.mean,
    euclidean_F_measure_std: e.std,
    euclidean_F_measure_SEM: e.sem,
    riemannian_F_measure_mean: r.mean,
    riemannian_F_measure_std: r.std,
    riemannian_F_measure_SEM: r.sem,
  };
}
