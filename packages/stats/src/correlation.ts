import { StatsInputError } from './errors.js';
import { checkedSample, type Sample } from './sample.js';

function pair(x: Sample, y: Sample): [Float64Array, Float64Array] {
  const a = checkedSample(x, 'x', 2);
  const b = checkedSample(y, 'y', 2);
  if (a.length !== b.length) {
    throw new StatsInputError(`y: expected ${a.length} values (as many as x); got ${b.length}`, 'y');
  }
  return [a, b];
}

function pearsonOf(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new StatsInputError('x: all values are equal; the correlation is undefined', 'x');
  if (!(syy > 0)) throw new StatsInputError('y: all values are equal; the correlation is undefined', 'y');
  // Clamp the rounding of perfectly (anti-)correlated samples into [−1, 1].
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Pearson's product-moment correlation r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) of two
 * samples of equal length n ≥ 2 (two-pass, float64). Throws when either sample is constant.
 */
export function pearson(x: Sample, y: Sample): number {
  const [a, b] = pair(x, y);
  return pearsonOf(a, b);
}

/**
 * Ranks 1…n of a sample (ascending); tied values get the mean of the ranks they span
 * ("average" ranks, as scipy.stats.rankdata's default).
 */
export function ranks(values: Sample, name = 'values'): Float64Array {
  const x = checkedSample(values, name);
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    // positions i..j (0-based) hold equal values: ranks i+1..j+1, mean (i + j)/2 + 1
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = rank;
    i = j + 1;
  }
  return r;
}

/**
 * Spearman's rank correlation: Pearson's r of the average ranks, so ties are handled exactly
 * (not by the 1 − 6Σd²/(n(n² − 1)) shortcut, which is only valid without ties). Equals 1 for any
 * strictly increasing map of x, −1 for a strictly decreasing one.
 */
export function spearman(x: Sample, y: Sample): number {
  const [a, b] = pair(x, y);
  return pearsonOf(ranks(a, 'x'), ranks(b, 'y'));
}
