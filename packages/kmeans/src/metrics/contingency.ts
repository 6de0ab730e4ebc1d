import { CurvInputError } from '@curv/core';
import { toLabels } from '../internal/validate.js';

/**
 * Contingency table of two labelings of the same n items.
 * `table[r·cols + c]` counts items with the r-th distinct predicted label (`rowLabels[r]`) and the
 * c-th distinct true label (`colLabels[c]`); distinct labels are sorted ascending.
 * Built in O(n + rows·cols).
 */
export interface Contingency {
  n: number;
  rows: number;
  cols: number;
  rowLabels: Int32Array;
  colLabels: Int32Array;
  /** rows×cols counts, row-major. */
  table: Float64Array;
  /** Row sums (size of each predicted cluster). */
  rowSums: Float64Array;
  /** Column sums (size of each true class). */
  colSums: Float64Array;
}

function compact(labels: Int32Array): { ids: Int32Array; values: Int32Array } {
  const values = Int32Array.from(new Set(labels)).sort();
  const index = new Map<number, number>();
  for (let i = 0; i < values.length; i++) index.set(values[i], i);
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) ids[i] = index.get(labels[i])!;
  return { ids, values };
}

/**
 * `contingency(predicted, truth)` — the contingency table of two labelings (any integer labels).
 *
 * ```ts
 * contingency([0, 0, 1, 1], [0, 0, 0, 1]).table; // [2, 0, 1, 1]
 * ```
 */
export function contingency(predicted: ArrayLike<number>, truth: ArrayLike<number>): Contingency {
  const p = toLabels(predicted, 'predicted');
  const q = toLabels(truth, 'truth');
  if (p.length !== q.length) {
    throw new CurvInputError(
      `truth: expected ${p.length} labels (as many as predicted), got ${q.length}`,
      'truth',
    );
  }
  const P = compact(p);
  const Q = compact(q);
  const rows = P.values.length;
  const cols = Q.values.length;
  const table = new Float64Array(rows * cols);
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  for (let i = 0; i < p.length; i++) {
    table[P.ids[i] * cols + Q.ids[i]] += 1;
    rowSums[P.ids[i]] += 1;
    colSums[Q.ids[i]] += 1;
  }
  return { n: p.length, rows, cols, rowLabels: P.values, colLabels: Q.values, table, rowSums, colSums };
}

const choose2 = (m: number) => (m * (m - 1)) / 2;

/**
 * Pair counts of two labelings from their contingency table (unordered pairs {i < j}):
 * `both` = pairs together in both (a), `predictedOnly` = together in predicted only (c),
 * `truthOnly` = together in truth only (b), `neither` = apart in both, `total` = n(n−1)/2.
 */
export interface PairCounts {
  both: number;
  predictedOnly: number;
  truthOnly: number;
  neither: number;
  total: number;
}

/** Pair counts (c) from a {@link Contingency}: a = Σ C(n_rc, 2), |S_P| = Σ C(rowSum, 2), … */
export function pairCountsFromContingency(t: Contingency): PairCounts {
  let a = 0;
  for (let i = 0; i < t.table.length; i++) a += choose2(t.table[i]);
  let sp = 0;
  for (let r = 0; r < t.rows; r++) sp += choose2(t.rowSums[r]);
  let sq = 0;
  for (let c = 0; c < t.cols; c++) sq += choose2(t.colSums[c]);
  const total = choose2(t.n);
  return { both: a, predictedOnly: sp - a, truthOnly: sq - a, neither: total - sp - sq + a, total };
}

/** `pairCounts(predicted, truth)` — {@link PairCounts} in O(n + k²), without enumerating pairs. */
export function pairCounts(predicted: ArrayLike<number>, truth: ArrayLike<number>): PairCounts {
  return pairCountsFromContingency(contingency(predicted, truth));
}
