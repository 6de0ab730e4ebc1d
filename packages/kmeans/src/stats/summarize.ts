import { CurvInputError } from '@curv/core';
import { StatsInputError, summary } from '@curv/stats';

/** Mean, population standard deviation and standard error of the mean of a sample. */
export interface Summary {
  n: number;
  mean: number;
  /** Population std √(Σ(x − mean)² / n) (F-measure statistics). */
  std: number;
  /** std / √n. */
  sem: number;
}

/**
 * `summarize(values)` — mean, population std and SEM = std/√n. One value → std = sem = 0.
 *
 * ```ts
 * summarize([1, 3]); // { n: 2, mean: 2, std: 1, sem: 0.7071… }
 * ```
 */
export function summarize(values: ArrayLike<number>): Summary {
  let s: ReturnType<typeof summary>;
  try {
    s = summary(values, { ddof: 0 });
  } catch (e) {
    if (e instanceof StatsInputError) throw new CurvInputError(e.message, e.subject);
    throw e;
  }
  return { n: s.count, mean: s.mean, std: s.std, sem: s.sem };
}

/** The `f_measure_stats.json` record (keys as in the original). */
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
