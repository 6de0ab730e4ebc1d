import { CurvInputError } from '@curv/core';

/**
 * A dataset as plain typed arrays (no tensors): `n` samples of dimension `dim`, stored row-major in
 * `data` (sample i occupies `data[i*dim .. (i+1)*dim)`), with one label per sample.
 *
 * Labels are floats: digit classes for MNIST, class index for the synthetic Gaussians, the roll
 * parameter t ∈ [1.5π, 4.5π] for the Swiss roll.
 */
export interface Dataset {
  /** Short name (`MNIST`, `MNIST_subset`, `Synthetic`, `Swissroll`, …). */
  name: string;
  /** Row-major [n, dim] values (MNIST pixels in [0, 1]). */
  data: Float32Array;
  /** [n, dim]. */
  shape: [number, number];
  /** One label per sample. */
  labels: Float32Array;
  /** Optional per-sample image shape (MNIST: [28, 28]); `dim` is its product. */
  imageShape?: number[];
  /** True when labels are class indices (MNIST, Synthetic), false for continuous labels (Swiss roll). */
  discreteLabels: boolean;
  /**
   * Ground-truth generating parameters of each sample, when the dataset is synthetic: row-major
   * [n, dim] values named by `names` (Synthetic: the in-plane coordinates (s₁, s₂) of each class;
   * Swiss roll: (t, y) before noise). Kept in step with `data` by `take` and `concat`.
   */
  intrinsic?: IntrinsicCoordinates;
}

/** Ground-truth coordinates of a synthetic dataset (see {@link Dataset.intrinsic}). */
export interface IntrinsicCoordinates {
  /** Row-major [n, dim]. */
  data: Float32Array;
  dim: number;
  /** One name per coordinate. */
  names: string[];
}

/** Number of samples. */
export function size(ds: Dataset): number {
  return ds.shape[0];
}

/** Build a dataset, checking that the arrays agree with the shape. */
export function makeDataset(
  name: string,
  data: Float32Array,
  n: number,
  dim: number,
  labels: Float32Array,
  extra: { imageShape?: number[]; discreteLabels?: boolean; intrinsic?: IntrinsicCoordinates } = {},
): Dataset {
  if (data.length !== n * dim) {
    throw new CurvInputError(`${name}: data has ${data.length} values, expected n·dim = ${n}·${dim}`, name);
  }
  if (labels.length !== n)
    throw new CurvInputError(`${name}: ${labels.length} labels for ${n} samples`, name);
  if (extra.intrinsic && extra.intrinsic.data.length !== n * extra.intrinsic.dim) {
    throw new CurvInputError(
      `${name}: intrinsic coordinates have ${extra.intrinsic.data.length} values, expected n·dim = ${n}·${extra.intrinsic.dim}`,
      name,
    );
  }
  return {
    name,
    data,
    shape: [n, dim],
    labels,
    imageShape: extra.imageShape,
    discreteLabels: extra.discreteLabels ?? true,
    ...(extra.intrinsic ? { intrinsic: extra.intrinsic } : {}),
  };
}

/** The samples at `indices`, in that order (copies). */
export function take(ds: Dataset, indices: ArrayLike<number>, name = ds.name): Dataset {
  const [n, dim] = ds.shape;
  const m = indices.length;
  const data = new Float32Array(m * dim);
  const labels = new Float32Array(m);
  const src = ds.intrinsic;
  const intrinsic = src ? new Float32Array(m * src.dim) : undefined;
  for (let i = 0; i < m; i++) {
    const j = indices[i];
    if (!Number.isInteger(j) || j < 0 || j >= n) {
      throw new CurvInputError(`${name}: index ${j} out of range [0, ${n})`, name);
    }
    data.set(ds.data.subarray(j * dim, (j + 1) * dim), i * dim);
    labels[i] = ds.labels[j];
    if (src && intrinsic) intrinsic.set(src.data.subarray(j * src.dim, (j + 1) * src.dim), i * src.dim);
  }
  const out: Dataset = { ...ds, name, data, shape: [m, dim], labels };
  if (src && intrinsic) out.intrinsic = { ...src, data: intrinsic };
  return out;
}

/** Concatenate datasets of the same dimension (in order). */
export function concat(parts: Dataset[], name = parts[0]?.name ?? 'concat'): Dataset {
  if (parts.length === 0) throw new CurvInputError(`${name}: nothing to concatenate`, name);
  const dim = parts[0].shape[1];
  let n = 0;
  for (const p of parts) {
    if (p.shape[1] !== dim) throw new CurvInputError(`${name}: dimension ${p.shape[1]} ≠ ${dim}`, name);
    n += p.shape[0];
  }
  const data = new Float32Array(n * dim);
  const labels = new Float32Array(n);
  // Ground-truth coordinates survive only when every part has them with the same dimension.
  const first = parts[0].intrinsic;
  const keep = first !== undefined && parts.every((p) => p.intrinsic?.dim === first.dim);
  const intrinsic = keep ? new Float32Array(n * first.dim) : undefined;
  let off = 0;
  for (const p of parts) {
    data.set(p.data, off * dim);
    labels.set(p.labels, off);
    if (intrinsic && p.intrinsic) intrinsic.set(p.intrinsic.data, off * p.intrinsic.dim);
    off += p.shape[0];
  }
  const { intrinsic: _, ...rest } = parts[0];
  const out: Dataset = { ...rest, name, data, shape: [n, dim], labels };
  if (keep && intrinsic) out.intrinsic = { ...first, data: intrinsic };
  return out;
}
