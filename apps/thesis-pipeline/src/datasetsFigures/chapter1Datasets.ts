import type { DatasetSpec } from '@curv/datasets';

/** A dataset of the Chapter 1 figures: its name in file names, a title and how to build it. */
export interface Chapter1Dataset {
  /** File-name stem: `MNIST`, `Synthetic`, `Swissroll`. */
  id: 'MNIST' | 'Synthetic' | 'Swissroll';
  /** Command-line key (`--datasets mnist,synthetic,swissroll`). */
  key: 'mnist' | 'synthetic' | 'swissroll';
  title: string;
  spec: DatasetSpec;
}

/**
 * The three datasets of the thesis' first chapter with the original experiment configurations
 * (MNIST_Setting_1, Synthetic_Setting_1, Swissroll_Setting_1): all use random_seed 0 and split_ratio 0.2,
 * and the figures show the held-out split.
 */
export const CHAPTER1_DATASETS: readonly Chapter1Dataset[] = [
  { id: 'MNIST', key: 'mnist', title: 'MNIST', spec: { name: 'MNIST' } },
  {
    id: 'Synthetic',
    key: 'synthetic',
    title: 'Synthetic Gaussians',
    spec: {
      name: 'Synthetic',
      k: 3,
      n: 18000,
      d: 2,
      D: 784,
      shiftClass: 0,
      interclassVariance: 0.1,
      varianceOfClasses: 1,
    },
  },
  {
    id: 'Swissroll',
    key: 'swissroll',
    title: 'Swiss roll',
    spec: { name: 'Swissroll', n: 18000, noise: 1e-6 },
  },
];
