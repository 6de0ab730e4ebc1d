import { pairCounts } from './contingency.js';

/**
 * `adjustedRandIndex(predicted, truth)` — Hubert–Arabie adjusted Rand index (as scikit-learn's
 * `adjusted_rand_score`). With pair counts tp (together in both), fp (together in predicted only),
 * fn (together in truth only), tn (apart in both):
 * ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)); ARI = 1 when fn = fp = 0
 * (identical partitions, including the trivial ones). 1 for a perfect match, ≈ 0 for chance, can
 * be negative.
 *
 * ```ts
 * adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]); // 0.5714… (4/7)
 * ```
 */
export function adjustedRandIndex(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  const { both: tp, predictedOnly: fp, truthOnly: fn, neither: tn } = pairCounts(predicted, truth);
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
