import { CurvInputError } from '@curv/core';
import { toLabels } from '../internal/validate.js';

/**
 * `assignedCurves(curves, labels)` — from the N×K×S×d curves of `riemannianKMeans` (index
 * ((i·K + k)·S + s)·d + m), the curve of each point to its assigned centroid: N×S×d, index
 * (i·S + s)·d + m (the "octopus" arms).
 *
 * ```ts
 * const arms = assignedCurves(result.curves, result.labels); // { data, shape: [N, S, d] }
 * ```
 */
export function assignedCurves(
  curves: { data: ArrayLike<number>; shape: readonly [number, number, number, number] },
  labels: ArrayLike<number>,
): { data: Float32Array; shape: [number, number, number] } {
  const [N, K, S, d] = curves.shape;
  if (curves.data.length !== N * K * S * d) {
    throw new CurvInputError(
      `curves: data length ${curves.data.length} does not match shape [${curves.shape}]`,
      'curves',
    );
  }
  const lab = toLabels(labels, 'labels', N);
  const out = new Float32Array(N * S * d);
  for (let i = 0; i < N; i++) {
    const k = lab[i];
    if (k < 0 || k >= K)
      throw new CurvInputError(`labels[${i}]: expected a cluster in 0..${K - 1}, got ${k}`, 'labels');
    const from = (i * K + k) * S * d;
    for (let q = 0; q < S * d; q++) out[i * S * d + q] = curves.data[from + q];
  }
  return { data: out, shape: [N, S, d] };
}
