import { StatsInputError } from './errors.js';

/** erfc(x) for x ≥ 0: Taylor series of erf below 2.5, Lentz continued fraction above (relative error ≲ 1e-14). */
function erfcPositive(x: number): number {
  if (x < 2.5) {
    // erf x = (2/√π) Σ (−1)^k x^{2k+1} / (k! (2k+1))
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (-x * x) / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc x = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = x + a * D;
    D = D === 0 ? tiny : 1 / D;
    C = x + a / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  const e = erfcPositive(Math.abs(z) / Math.SQRT2) / 2;
  return z >= 0 ? 1 - e : e;
}

/** Standard normal upper tail 1 − Φ(z), accurate also far in the tail. */
export function normalUpper(z: number): number {
  return z >= 0 ? erfcPositive(z / Math.SQRT2) / 2 : 1 - erfcPositive(-z / Math.SQRT2) / 2;
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1: bisection to a bracket, then Newton steps on Φ. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new StatsInputError(`normalQuantile: expected 0 < p < 1; got ${p}`, 'p');
  if (p > 0.5) return -normalQuantile(1 - p);
  let lo = -40;
  let hi = 0;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  let z = 0.5 * (lo + hi);
  for (let i = 0; i < 3; i++) {
    const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    if (pdf === 0) break;
    z -= (normalCdf(z) - p) / pdf;
  }
  return z;
}
