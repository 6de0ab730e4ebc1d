import { createDatasets, type DatasetSplits } from '@curv/datasets';
import { datasetSpec, type ExperimentConfig } from '@curv/models';
import { hashValue } from './hash.js';

let cache: { key: string; splits: DatasetSplits } | undefined;

/**
 * The experiment's train/test splits (and the official MNIST test set for MNIST variants), exactly as
 * the trainer builds them: `createDatasets` seeded with `random_seed`, one split of `split_ratio`.
 * The last result is cached, since Steps 1, 2 and 6 of one experiment all need it.
 */
export function experimentData(config: ExperimentConfig): DatasetSplits {
  const key = hashValue({ dataset: config.dataset, loader: config.data_loader_settings });
  if (cache?.key === key) return cache.splits;
  const splits = createDatasets(datasetSpec(config), {
    seed: config.data_loader_settings.random_seed,
    splitRatio: config.data_loader_settings.split_ratio,
    dataRoot: config.dataset.data_root,
  });
  cache = { key, splits };
  return splits;
}

/** Integer labels for discrete datasets (MNIST digits, Synthetic classes); undefined for continuous ones. */
export function discreteLabels(ds: {
  labels: Float32Array;
  discreteLabels: boolean;
}): Int32Array | undefined {
  return ds.discreteLabels ? Int32Array.from(ds.labels, (v) => Math.round(v)) : undefined;
}
