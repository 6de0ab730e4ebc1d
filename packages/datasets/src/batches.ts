import { CurvInputError, type Random } from '@curv/core';
import type { Dataset } from './dataset.js';

/** One mini-batch: `size` rows of the dataset as a [size, dim] row-major block, labels kept. */
export interface Batch {
  /** Position of the batch in the epoch (0-based). */
  index: number;
  size: number;
  dim: number;
  data: Float32Array;
  labels: Float32Array;
  /** Row indices into the dataset. */
  indices: Int32Array;
}

export interface BatchOptions {
  batchSize: number;
  /** Shuffle the order (needs `rng`); default false (all original configs use `random_shuffling: false`). */
  shuffle?: boolean;
  rng?: Random;
  /** Drop the last partial batch (default false: it is kept, as PyTorch's DataLoader). */
  dropLast?: boolean;
}

/** Number of batches per epoch: ⌈n / batchSize⌉ (⌊…⌋ with `dropLast`). */
export function batchCount(n: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/**
 * Iterate over mini-batches of `ds` (one epoch). With `shuffle`, the order is a permutation drawn
 * from `rng` when iteration starts.
 *
 * ```ts
 * for (const b of batches(train, { batchSize: 128 })) use(b.data, b.labels);
 * ```
 */
export function* batches(ds: Dataset, options: BatchOptions): Generator<Batch> {
  const { batchSize, shuffle = false, rng, dropLast = false } = options;
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new CurvInputError(
      `data_loader_settings.batch_size: expected a positive integer, got ${batchSize}`,
      'batch_size',
    );
  }
  if (shuffle && !rng) throw new CurvInputError('batches: shuffle needs an rng', 'random_shuffling');
  const [n, dim] = ds.shape;
  let order: Int32Array;
  if (shuffle && rng) order = rng.permutation(n);
  else {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  }
  const count = batchCount(n, batchSize, dropLast);
  for (let b = 0; b < count; b++) {
    const start = b * batchSize;
    const end = Math.min(n, start + batchSize);
    const indices = order.subarray(start, end);
    const size = end - start;
    let data: Float32Array;
    let labels: Float32Array;
    if (!shuffle) {
      data = ds.data.subarray(start * dim, end * dim);
      labels = ds.labels.subarray(start, end);
    } else {
      data = new Float32Array(size * dim);
      labels = new Float32Array(size);
      for (let i = 0; i < size; i++) {
        const j = indices[i];
        data.set(ds.data.subarray(j * dim, (j + 1) * dim), i * dim);
        labels[i] = ds.labels[j];
      }
    }
    yield { index: b, size, dim, data, labels, indices: Int32Array.from(indices) };
  }
}
