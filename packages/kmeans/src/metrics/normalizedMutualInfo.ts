import { contingency } from './contingency.js';

/**
 * `normalizedMutualInfo(predicted, truth)` — mutual information normalised by the **arithmetic
 * mean** of the two entropies (scikit-learn's default `average_method="arithmetic"`):
 * NMI = I(P; Q) / ((H(P) + H(Q)) / 2), natural logarithms (the base cancels).
 * I = Σ_rc (n_rc/n) ln(n·n_rc / (a_r b_c)), H(P) = −Σ_r (a_r/n) ln(a_r/n).
 * Special cases as scikit-learn: 1 when both labelings have a single cluster (or no items);
 * 0 when I = 0 otherwise. Symmetric, invariant to relabelling, in [0, 1].
 *
 * ```ts
 * normalizedMutualInfo([0, 0, 1, 1], [0, 0, 1, 2]); // 0.8
 * ```
 */
export function normalizedMutualInfo(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  const t = contingency(predicted, truth);
  if ((t.rows === 1 && t.cols === 1) || t.n === 0) return 1;
  const n = t.n;
  let mi = 0;
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < t.cols; c++) {
      const nrc = t.table[r * t.cols + c];
      if (nrc > 0) mi += (nrc / n) * Math.log((n * nrc) / (t.rowSums[r] * t.colSums[c]));
    }
  }
  mi = Math.max(mi, 0);
  if (mi < 1e-15) return 0;
  const entropy = (sums: Float64Array) => {
    let h = 0;
    for (const s of sums) if (s > 0) h -= (s / n) * Math.log(s / n);
    return h;
  };
  const norm = (entropy(t.rowSums) + entropy(t.colSums)) / 2;
  return Math.min(1, mi / norm);
}
