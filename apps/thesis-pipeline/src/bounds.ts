import { totalmem } from 'node:os';
import { CurvInputError } from '@curv/core';

/**
 * Upper bounds on the sizes the command-line tools accept, so that no argument can ask for unbounded
 * work or memory. Each is documented in the app README; exceeding one is a one-line input error
 * naming the option.
 */
export const BOUNDS = {
  /** `curv geodesic --steps` (points on the curve). */
  geodesicSteps: 20_000,
  /** `curv geodesic --nmax` (Schauder levels: 2^nmax basis functions). */
  geodesicNmax: 16,
  /** `curv geodesic --iters` (Adam iterations). */
  geodesicIters: 1_000_000,
  /** Points in a `curv geometry --points` file. */
  geometryPoints: 1_000_000,
  /** `curv chapter4 --points` (K points, K(K−1)/2 geodesics). */
  chapter4Points: 200,
  /** `curv chapter4 --centres` (curvature comparison points). */
  chapter4Centres: 100_000,
  /** Bytes of a points file. */
  pointsFileBytes: 256 * 1024 * 1024,
  /** Latent coordinates: |z| ≤ this (float32 keeps ~0.06 rad of resolution there; beyond, sin/cos are noise). */
  latentCoordinate: 1e6,
} as const;

/** Memory a single command may plan to use: half the machine's memory, at most 4 GiB. */
export function memoryBudget(): number {
  return Math.min(4 * 1024 ** 3, totalmem() / 2);
}

/** An integer option within [min, max]; `undefined` → `fallback`. One-line errors name the flag. */
export function boundedInt(
  text: string | undefined,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const v = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new CurvInputError(`${flag} '${text}': expected an integer from ${min} to ${max}`, flag);
  }
  return v;
}

/**
 * Estimated peak memory (bytes) of the geodesic solver on a decoder x–h1–h2: the decoded curve and
 * its activations with gradients and Adam state (≈ 12 float32 per unit and point, measured:
 * 784-512-256 at S = 5000 used 0.5 GB) plus the S × 2^nMax basis and its products (≈ 6 float32 per
 * entry), plus the runtime (150 MB).
 */
export function geodesicMemoryEstimate(S: number, nMax: number, layerWidths: number[]): number {
  const units = layerWidths.reduce((a, b) => a + b, 0) + 4;
  return 150e6 + S * units * 4 * 12 + S * 2 ** nMax * 4 * 6;
}

/** Refuse a geodesic problem whose memory estimate exceeds {@link memoryBudget}. */
export function checkGeodesicMemory(S: number, nMax: number, layerWidths: number[]): void {
  const need = geodesicMemoryEstimate(S, nMax, layerWidths);
  const budget = memoryBudget();
  if (need > budget) {
    const gb = (b: number) => (b / 1024 ** 3).toFixed(1);
    throw new CurvInputError(
      `--steps ${S} --nmax ${nMax}: needs about ${gb(need)} GB for this model, more than the ${gb(budget)} GB budget; use fewer --steps or a smaller --nmax`,
      '--steps',
    );
  }
}

/** A latent coordinate that float32 represents with useful resolution; else an input error naming `what`. */
export function checkLatentCoordinate(x: number, what: string, source: string): void {
  if (!Number.isFinite(x) || Math.abs(x) > BOUNDS.latentCoordinate) {
    throw new CurvInputError(
      `${what} has coordinate ${x}; expected a finite number with |z| ≤ ${BOUNDS.latentCoordinate}`,
      source,
    );
  }
}

/** Throw when any number in a result is NaN or ±Infinity (it would leave the program as JSON null). */
export function checkFiniteResult(
  values: Record<string, ArrayLike<number> | number>,
  what: string,
  source: string,
): void {
  for (const [key, v] of Object.entries(values)) {
    const arr = typeof v === 'number' ? [v] : v;
    for (let i = 0; i < arr.length; i++) {
      if (!Number.isFinite(arr[i])) {
        throw new CurvInputError(
          `${what}: ${key}${typeof v === 'number' ? '' : `[${i}]`} is ${arr[i]} — the model is not finite there (weights too large or points too far out); no result written`,
          source,
        );
      }
    }
  }
}

/** {@link checkLatentCoordinate} for a point given as an option (`--from`, `--to`). */
export function checkLatentPoint(p: number[], flag: string): void {
  for (const x of p) checkLatentCoordinate(x, `${flag} ${p.join(',')}`, flag);
}
