import { CurvInputError, type Random } from '@curv/core';
import { type Dataset, take } from './dataset.js';

export interface MnistSubsetOptions {
  /** Digits to keep, in this order. */
  selectedLabels: number[];
  /** Images kept per digit. */
  numPointsPerLabel: number;
}

/**
 * for each selected label (in order) take a random permutation of all images with that
 * label and keep the first `numPointsPerLabel`; concatenate, then randomly permute the result.
 * Works on any labelled dataset (normally `loadMnist()`).
 */
export function mnistSubset(source: Dataset, options: MnistSubsetOptions, rng: Random): Dataset {
  const { selectedLabels, numPointsPerLabel } = options;
  if (!Array.isArray(selectedLabels) || selectedLabels.length === 0) {
    throw new CurvInputError(
      'dataset.selected_labels: expected a non-empty list of labels',
      'selected_labels',
    );
  }
  if (!Number.isInteger(numPointsPerLabel) || numPointsPerLabel <= 0) {
    throw new CurvInputError(
      `dataset.num_points_per_label: expected a positive integer, got ${numPointsPerLabel}`,
      'num_points_per_label',
    );
  }
  const chosen: number[] = [];
  for (const label of selectedLabels) {
    const idx: number[] = [];
    for (let i = 0; i < source.labels.length; i++) if (source.labels[i] === label) idx.push(i);
    if (idx.length < numPointsPerLabel) {
      throw new CurvInputError(
        `dataset.num_points_per_label: ${numPointsPerLabel} requested but label ${label} has only ${idx.length} samples`,
        'num_points_per_label',
      );
    }
    const perm = rng.permutation(idx.length);
    for (let j = 0; j < numPointsPerLabel; j++) chosen.push(idx[perm[j]]);
  }
  const perm = rng.permutation(chosen.length);
  const order = Array.from(perm, (p) => chosen[p]);
  return take(source, order, `${source.name === 'MNIST' ? 'MNIST' : source.name}_subset`);
}
