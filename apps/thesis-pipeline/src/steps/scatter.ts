import type { Dataset } from '@curv/datasets';
import { latentScatter } from '@curv/plots';

/** Most points drawn in one scatter figure: larger sets (the thesis preset's 12 000 test encodings) are thinned. */
export const MAX_SCATTER_POINTS = 4000;

/** Evenly strided indices 0, k, 2k, … selecting at most `max` of `n` items (all when n ≤ max). */
export function strideIndices(n: number, max = MAX_SCATTER_POINTS): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const k = Math.ceil(n / max);
  return Int32Array.from({ length: Math.ceil(n / k) }, (_, i) => i * k);
}

/** The rows `idx` of a row-major array with `width` values per row. */
export function pick(values: ArrayLike<number>, idx: Int32Array, width = 1): Float32Array {
  const out = new Float32Array(idx.length * width);
  idx.forEach((i, r) => {
    for (let c = 0; c < width; c++) out[r * width + c] = values[i * width + c];
  });
  return out;
}

/**
 * A latent scatter of encodings (row-major [n, 2] angles) coloured by the dataset's labels: discrete
 * colours with a label key for class labels, a colour bar for continuous ones (Swiss roll t). At most
 * {@link MAX_SCATTER_POINTS} points are drawn (evenly strided).
 */
export function latentScatterSvg(
  points: Float32Array,
  ds: Dataset,
  title: string,
  extra: { normalize?: boolean } = {},
): string {
  const fig = latentScatter().title(title);
  const idx = strideIndices(points.length / 2);
  const thin = pick(points, idx, 2);
  const pts = extra.normalize ? thin.map((v) => v / Math.PI) : thin;
  if (extra.normalize) fig.extent([-1, 1]);
  const labels = pick(ds.labels, idx);
  if (ds.discreteLabels) {
    return fig.labelTitle('Cluster label')({ points: pts, labels: Int32Array.from(labels, Math.round) });
  }
  return fig.colorLabel('t')({ points: pts, values: labels });
}
