const TWO_PI = 2 * Math.PI;

/**
 * Periodic remainder r = a − 2π·⌊a/2π⌋ ∈ [0, 2π) (Python/PyTorch `remainder`).
 */
export function remainder2pi(a: number): number {
  const r = a - TWO_PI * Math.floor(a / TWO_PI);
  return r >= TWO_PI ? 0 : r;
}

/** Wraps an angle into the box [−π, π): ((a + π) mod 2π) − π. */
export function wrapAngle(a: number): number {
  return remainder2pi(a + Math.PI) - Math.PI;
}

/** Periodic absolute difference min(|Δ|, 2π − |Δ|) ∈ [0, π] of two angles. */
export function circleDistance(a: number, b: number): number {
  const r = remainder2pi(a - b);
  return r > Math.PI ? TWO_PI - r : r;
}

/**
 * Flat-torus distance √(Σ_m δ_m²), δ_m = min(|x_m − y_m| mod 2π, 2π − …) between rows `i` of `x` and
 * `j` of `y` (both row-major with `d` columns).
 */
export function torusDistance(
  x: ArrayLike<number>,
  i: number,
  y: ArrayLike<number>,
  j: number,
  d: number,
): number {
  let s = 0;
  for (let m = 0; m < d; m++) {
    const δ = circleDistance(x[i * d + m], y[j * d + m]);
    s += δ * δ;
  }
  return Math.sqrt(s);
}
