import { ManifoldInputError } from './errors.js';
import { pairedCount } from './neighborhoodQuality.js';
import { type PointSet, squaredDistance } from './pointSet.js';
import { seededUniform } from './random.js';

/** Ranks 1..n of `values` with ties given their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && values[order[e]] === values[order[s]]) e++;
    const r = (s + e + 1) / 2; // average of the 1-based ranks s+1 … e
    for (let t = s; t < e; t++) ranks[order[t]] = r;
    s = e;
  }
  return ranks;
}

/** Pearson correlation of two equal-length samples (NaN when either is constant). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) {
    throw new ManifoldInputError(`pearson: samples have lengths ${n} and ${b.length}`, 'pearson');
  }
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] - ma;
    const y = b[i] - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Spearman rank correlation of two equal-length samples (ties get average ranks). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new ManifoldInputError(`spearman: samples have lengths ${a.length} and ${b.length}`, 'spearman');
  }
  if (a.length < 2) throw new ManifoldInputError('spearman: needs at least 2 values', 'spearman');
  return pearson(averageRanks(a), averageRanks(b));
}

/** Options of {@link distanceCorrelation}. */
export interface DistanceCorrelationOptions {
  /** Use all n(n−1)/2 pairs up to this many; above, a seeded uniform sample of this many pairs (default 200 000). */
  maxPairs?: number;
  /** Seed of the pair sample (default 0). */
  seed?: number;
  /** Uniform [0, 1) generator for the pair sample (wins over `seed`). */
  random?: () => number;
}

/**
 * Spearman correlation between the pairwise distances of `embedding` and those of `reference` (e.g. the
 * ground-truth intrinsic coordinates): 1 when the embedding orders all pairs by distance exactly as the
 * reference does (any isometry or monotone rescaling of distances), lower when it distorts them.
 *
 * ```ts
 * distanceCorrelation(pointSet(truth, 2), pointSet(latent, 2)); // ∈ [−1, 1]
 * ```
 */
export function distanceCorrelation(
  reference: PointSet,
  embedding: PointSet,
  options: DistanceCorrelationOptions = {},
): number {
  const name = 'distanceCorrelation';
  const n = pairedCount(reference, embedding, name);
  if (n < 3) throw new ManifoldInputError(`${name}: needs at least 3 points, got ${n}`, name);
  const maxPairs = options.maxPairs ?? 200_000;
  if (!Number.isInteger(maxPairs) || maxPairs < 2) {
    throw new ManifoldInputError(`${name}: maxPairs = ${maxPairs}; expected an integer ≥ 2`, name);
  }
  const all = (n * (n - 1)) / 2;
  const m = Math.min(all, maxPairs);
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  if (all <= maxPairs) {
    let t = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++, t++) {
        a[t] = squaredDistance(reference, i, j);
        b[t] = squaredDistance(embedding, i, j);
      }
  } else {
    const u = options.random ?? seededUniform(options.seed ?? 0);
    for (let t = 0; t < m; t++) {
      const i = Math.floor(u() * n);
      let j = Math.floor(u() * (n - 1));
      if (j >= i) j++;
      a[t] = squaredDistance(reference, i, j);
      b[t] = squaredDistance(embedding, i, j);
    }
  }
  // Squared distances have the same ranks as distances.
  return spearman(a, b);
}
