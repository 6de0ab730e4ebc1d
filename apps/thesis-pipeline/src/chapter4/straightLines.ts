import { CurvInputError, Random } from '@curv/core';
import { type Decoder, decoderFunction, hasJets } from '@curv/geometry-autograd';
import { solveGeodesics, straightLineFunctionals } from '@curv/schauder';
import { type SampleStatistics, sampleStatistics } from './statistics.js';

export interface StraightLineEvaluationOptions {
  /** Number of random latent points K (default 10 → 45 pairs). */
  points?: number;
  /** Seed of the `Random` drawing the points (default 0). */
  seed?: number;
  /** Partition size n of the functionals (default 100). */
  n?: number;
  /** Schauder solver: levels (default 7), points per curve (default 100), Adam steps (default 100), lr (0.01). */
  nMax?: number;
  S?: number;
  steps?: number;
  lr?: number;
  /** Skip the geodesic solve (functionals only). */
  functionalsOnly?: boolean;
}

/** Result of {@link evaluateStraightLines}; arrays are indexed by pair (i < j, i-major). */
export interface StraightLineEvaluation {
  /** The K latent points 2π(U − 0.5) ∈ [−π, π)². */
  points: number[][];
  /** Pairs (i, j), i < j, i-major. */
  pairs: [number, number][];
  /** Functionals of α(t) = t·x_j + (1 − t)·x_i (see `straightLineFunctionals`). */
  eTilde: number[];
  energy: number[];
  acceleration: number[];
  /** Discrete energies (S−1)Σ‖ΔΨ‖² of the straight segments α and of the optimised Schauder geodesics β. */
  straightEnergy: number[];
  geodesicEnergy: number[];
  /**
   * β/α energy ratios. Usually < 1 (the solver starts from α), but not guaranteed: Adam's first steps move
   * every coefficient by ≈ lr, which can raise the energy of a nearly geodesic segment, so with few steps
   * (`--quick`: 20) a ratio slightly above 1 occurs (measured up to 1.015 on the random-init network).
   */
  ratio: number[];
  statistics: {
    eTilde: SampleStatistics;
    energy: SampleStatistics;
    acceleration: SampleStatistics;
    ratio: SampleStatistics | null;
  };
  settings: Required<Omit<StraightLineEvaluationOptions, 'functionalsOnly'>> & { functionalsOnly: boolean };
}

/** K latent points 2π(U − 0.5) (coordinate-wise, U ~ U[0, 1) from a seeded `Random`), as rows [z1, z2]. */
export function randomLatentPoints(count: number, seed: number, d = 2): number[][] {
  const rng = new Random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: d }, () => 2 * Math.PI * (rng.uniform() - 0.5)),
  );
}

/** All pairs (i, j) with i < j of K items, i-major: (0,1), (0,2), …, (K−2, K−1). */
export function allPairs(count: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) out.push([i, j]);
  return out;
}

/**
 * "How far straight lines are from geodesics" for a decoder Ψ: K seeded random latent
 * points, all K(K−1)/2 pairs, the functionals Ẽ, E, A of the straight segments (`straightLineFunctionals`
 * of @curv/schauder), and (step 7) the energy ratio of the optimised Schauder geodesic to the straight
 * segment it starts from (`solveGeodesics`, straight base, Adam lr 0.01, default 100 steps, nMax 7,
 * S 100; discrete energies), with mean / unbiased std / SEM of each.
 */
export function evaluateStraightLines(
  decoder: Decoder,
  options: StraightLineEvaluationOptions = {},
): StraightLineEvaluation {
  const settings = {
    points: options.points ?? 10,
    seed: options.seed ?? 0,
    n: options.n ?? 100,
    nMax: options.nMax ?? 7,
    S: options.S ?? 100,
    steps: options.steps ?? 100,
    lr: options.lr ?? 0.01,
    functionalsOnly: options.functionalsOnly ?? false,
  };
  if (!Number.isInteger(settings.points) || settings.points < 2) {
    throw new CurvInputError(`points: expected an integer K ≥ 2; got ${settings.points}`, 'points');
  }
  const points = randomLatentPoints(settings.points, settings.seed);
  const pairs = allPairs(settings.points);
  const starts = pairs.map(([i]) => points[i]);
  const ends = pairs.map(([, j]) => points[j]);
  const f = straightLineFunctionals(decoder, starts, ends, { n: settings.n });
  let straightEnergy: number[] = [];
  let geodesicEnergy: number[] = [];
  let ratio: number[] = [];
  if (!settings.functionalsOnly) {
    const fn = hasJets(decoder) ? decoderFunction(decoder) : decoder;
    const r = solveGeodesics({ decoder: fn }, starts, ends, {
      nMax: settings.nMax,
      S: settings.S,
      steps: settings.steps,
      lr: settings.lr,
      base: 'straight',
      objective: 'mean',
    });
    straightEnergy = Array.from(r.baseEnergies);
    geodesicEnergy = Array.from(r.energies);
    ratio = geodesicEnergy.map((e, k) => e / straightEnergy[k]);
  }
  return {
    points,
    pairs,
    eTilde: Array.from(f.eTilde),
    energy: Array.from(f.energy),
    acceleration: Array.from(f.acceleration),
    straightEnergy,
    geodesicEnergy,
    ratio,
    statistics: {
      eTilde: sampleStatistics(f.eTilde, 'E_tilde'),
      energy: sampleStatistics(f.energy, 'E'),
      acceleration: sampleStatistics(f.acceleration, 'A'),
      ratio: ratio.length > 0 ? sampleStatistics(ratio, 'energy ratio') : null,
    },
    settings,
  };
}
