import { pairCounts } from './contingency.js';

/**
 * `fMeasure(predicted, truth)` — pair-counting F-measure.
 *
 * With S_P, S_Q the sets of unordered pairs {i < j} put together by each labeling,
 * a = |S_P ∩ S_Q|, b = |S_Q \ S_P|, c = |S_P \ S_Q|: F = 2a / (2a + b + c), and F = 1 when
 * 2a + b + c = 0 (both labelings all singletons). Computed from the contingency table in
 * O(n + k_P·k_Q). Invariant to relabelling, symmetric in its arguments.
 *
 * ```ts
 * fMeasure([0, 0, 1, 1], [0, 0, 0, 1]); // 0.4
 * fMeasure([0, 0, 1, 1], [5, 5, 3, 3]); // 1
 * ```
 */
export function fMeasure(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  const { both, predictedOnly, truthOnly } = pairCounts(predicted, truth);
  const den = 2 * both + predictedOnly + truthOnly;
  return den === 0 ? 1 : (2 * both) / den;
}
