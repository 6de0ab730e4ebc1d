import { StatsInputError } from './errors.js';
import { normalQuantile, normalUpper } from './normal.js';

/** Polynomial c₀ + c₁x + c₂x² + … */
const poly = (c: readonly number[], x: number) => c.reduceRight((acc, ci) => acc * x + ci, 0);

/** Result of {@link shapiroWilk}. */
export interface ShapiroWilkResult {
  /** Sample size. */
  n: number;
  /** The W statistic in (0, 1]; 1 for a perfectly normal-looking sample. */
  W: number;
  /** p-value of the null hypothesis "the sample is normal". */
  p: number;
}

/**
 * Shapiro–Wilk normality test with Royston's approximations (Royston 1992, "Approximating the
 * Shapiro–Wilk W-test for non-normality", Statistics and Computing 2; algorithm AS R94, 1995), for
 * 3 ≤ n ≤ 5000: coefficients a from the normal scores m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) with Royston's
 * polynomial corrections of the two extreme weights, W = (Σ a_i x_(i))² / Σ(x_i − x̄)², and the p-value
 * from the normalising transformation of ln(1 − W) (n ≥ 12), of −ln(γ − ln(1 − W)) with γ = 0.459n − 2.273 (4 ≤ n ≤ 11), or the
 * exact n = 3 formula.
 */
export function shapiroWilk(values: ArrayLike<number>): ShapiroWilkResult {
  const n = values.length;
  if (n < 3 || n > 5000) {
    throw new StatsInputError(`shapiroWilk: expected 3 ≤ n ≤ 5000 values; got ${n}`, 'values');
  }
  const x = Float64Array.from(values).sort();
  if (!x.every(Number.isFinite)) throw new StatsInputError('shapiroWilk: values must be finite', 'values');
  const range = x[n - 1] - x[0];
  if (!(range > 0)) throw new StatsInputError('shapiroWilk: all values are equal', 'values');
  const a = new Float64Array(n);
  if (n === 3) {
    a[0] = -Math.SQRT1_2;
    a[2] = Math.SQRT1_2;
  } else {
    const m = Array.from({ length: n }, (_, i) => normalQuantile((i + 1 - 0.375) / (n + 0.25)));
    const mm = m.reduce((s, v) => s + v * v, 0);
    const u = 1 / Math.sqrt(n);
    const rsm = Math.sqrt(mm);
    const an = m[n - 1] / rsm + poly([0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056], u);
    if (n > 5) {
      const an1 = m[n - 2] / rsm + poly([0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633], u);
      const phi = (mm - 2 * m[n - 1] ** 2 - 2 * m[n - 2] ** 2) / (1 - 2 * an ** 2 - 2 * an1 ** 2);
      for (let i = 2; i < n - 2; i++) a[i] = m[i] / Math.sqrt(phi);
      a[n - 2] = an1;
      a[1] = -an1;
    } else {
      const phi = (mm - 2 * m[n - 1] ** 2) / (1 - 2 * an ** 2);
      for (let i = 1; i < n - 1; i++) a[i] = m[i] / Math.sqrt(phi);
    }
    a[n - 1] = an;
    a[0] = -an;
  }
  let mean = 0;
  for (const v of x) mean += v / n;
  let ss = 0;
  let num = 0;
  for (let i = 0; i < n; i++) {
    ss += (x[i] - mean) ** 2;
    num += a[i] * x[i];
  }
  const W = Math.min(1, (num * num) / ss);
  let p: number;
  if (W >= 1) {
    p = 1;
  } else if (n === 3) {
    p = Math.max(0, (6 / Math.PI) * (Math.asin(Math.sqrt(W)) - Math.asin(Math.sqrt(0.75))));
  } else if (n <= 11) {
    const gamma = poly([-2.273, 0.459], n);
    const mu = poly([0.544, -0.39978, 0.025054, -6.714e-4], n);
    const sigma = Math.exp(poly([1.3822, -0.77857, 0.062767, -0.0020322], n));
    const w1 = Math.log(1 - W);
    p = w1 < gamma ? normalUpper((-Math.log(gamma - w1) - mu) / sigma) : 0;
  } else {
    const ln = Math.log(n);
    const mu = poly([-1.5861, -0.31082, -0.083751, 0.0038915], ln);
    const sigma = Math.exp(poly([-0.4803, -0.082676, 0.0030302], ln));
    p = normalUpper((Math.log(1 - W) - mu) / sigma);
  }
  return { n, W, p };
}
