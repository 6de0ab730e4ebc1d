import { CurvInputError, Random } from '@curv/core';
import { type PointsLike, requireInt, toFlatPoints, toLabels } from '../internal/validate.js';

/** Options of {@link selectPointsPerLabel}. */
export interface SelectPointsOptions {
  /** Latent dimension when `encodings` is flat (default 2). */
  dim?: number;
  /** Reproduce the original ⌊N/3⌋ per label regardless of K. Default false: ⌊N/K⌋. */
  legacy?: boolean;
}

/** Points picked for clustering, ordered by selected label. */
export interface SelectedPoints {
  /** Indices into `encodings`. */
  indices: Int32Array;
  /** The selected encodings, row-major n×d (float32, as encoded). */
  points: Float32Array;
  /** Their ground-truth labels. */
  labels: Int32Array;
  /** Points taken per label (⌊N/K⌋, or ⌊N/3⌋ in legacy mode). */
  perLabel: number;
}

/**
 * `selectPointsPerLabel(encodings, labels, selectedLabels, N, seed)` — the Step-6 point picker
 * with one seeded generator, for each selected label in the given
 * order, a random permutation of that label's indices, keeping the first min(⌊N/K⌋, count)
 * (K = number of selected labels; ⌊N/3⌋ with `legacy: true`). Result ordered by label.
 *
 * ```ts
 * const sel = selectPointsPerLabel(encoded, digits, [0, 1, 2], 300, 0); // 100 points per digit
 * ```
 */
export function selectPointsPerLabel(
  encodings: PointsLike,
  labels: ArrayLike<number>,
  selectedLabels: ArrayLike<number>,
  N: number,
  seed: number,
  options: SelectPointsOptions = {},
): SelectedPoints {
  const d = requireInt(options.dim ?? 2, 'dim', 1);
  const { data, n } = toFlatPoints(encodings, d, 'encodings');
  const lab = toLabels(labels, 'labels', n);
  const selected = toLabels(selectedLabels, 'selectedLabels');
  if (selected.length === 0)
    throw new CurvInputError('selectedLabels: expected at least one label', 'selectedLabels');
  if (new Set(selected).size !== selected.length) {
    throw new CurvInputError('selectedLabels: expected distinct labels', 'selectedLabels');
  }
  requireInt(N, 'N', 1);
  if (!Number.isFinite(seed)) throw new CurvInputError(`seed: expected a finite number, got ${seed}`, 'seed');
  const perLabel = Math.floor(N / (options.legacy ? 3 : selected.length));
  const rng = new Random(seed);
  const indices: number[] = [];
  for (const label of selected) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (lab[i] === label) members.push(i);
    const perm = rng.permutation(members.length);
    const take = Math.min(perLabel, members.length);
    for (let j = 0; j < take; j++) indices.push(members[perm[j]]);
  }
  const points = new Float32Array(indices.length * d);
  const outLabels = new Int32Array(indices.length);
  indices.forEach((idx, j) => {
    for (let m = 0; m < d; m++) points[j * d + m] = data[idx * d + m];
    outLabels[j] = lab[idx];
  });
  return { indices: Int32Array.from(indices), points, labels: outLabels, perLabel };
}
