/**
 * Diffusion-trajectory distance as running sums: `ds[0] = 0`, `ds[k] = ds[k−1] + step[k]` where
 * `step[k]` is the Jensen–Shannon distance between the diffusions at times t_k and t_{k−1}. `steps` is
 * row-major [m, T] with step[·, 0] ignored. Non-decreasing by construction.
 */
export function cumulativeTrajectory(steps: Float32Array | Float64Array, m: number, T: number): Float64Array {
  const ds = new Float64Array(m * T);
  for (let i = 0; i < m; i++) {
    for (let k = 1; k < T; k++) ds[i * T + k] = ds[i * T + k - 1] + steps[i * T + k];
  }
  return ds;
}

/**
 * Piecewise-linear interpolation of (xs, ys) at x, clamped to the end values (xs non-decreasing;
 * on a flat stretch the first matching segment is used).
 */
export function interpolate(x: number, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  for (let k = 1; k < n; k++) {
    if (x <= xs[k]) {
      const span = xs[k] - xs[k - 1];
      if (span <= 0) return ys[k];
      const f = (x - xs[k - 1]) / span;
      return ys[k - 1] + f * (ys[k] - ys[k - 1]);
    }
  }
  return ys[n - 1];
}
