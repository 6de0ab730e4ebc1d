import { CurvInputError, type Random } from '@curv/core';
import { type Dataset, take } from './dataset.js';

export interface Split {
  train: Dataset;
  test: Dataset;
}

/**
 * One seeded random split: a random permutation of the m samples; the first
 * m − ⌊m·ratio⌋ go to `train`, the remaining ⌊m·ratio⌋ to `test` (PyTorch `random_split` layout).
 */
export function randomSplit(ds: Dataset, ratio: number, rng: Random): Split {
  if (!(ratio >= 0 && ratio < 1)) {
    throw new CurvInputError(
      `data_loader_settings.split_ratio: expected a number in [0, 1), got ${ratio}`,
      'split_ratio',
    );
  }
  const m = ds.shape[0];
  const nTest = Math.floor(m * ratio);
  if (ratio > 0 && nTest === 0) {
    throw new CurvInputError(
      `data_loader_settings.split_ratio: ${ratio} of ${m} samples leaves no test sample; expected a larger ratio or more data`,
      'split_ratio',
    );
  }
  const perm = rng.permutation(m);
  return {
    train: take(ds, perm.subarray(0, m - nTest)),
    test: take(ds, perm.subarray(m - nTest)),
  };
}
