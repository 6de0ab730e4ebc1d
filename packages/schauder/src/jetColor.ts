/**
 * The "jet" colormap (matplotlib's piecewise-linear definition) at x ∈ [0, 1] (clamped), as RGBA 0–255:
 * r = clip(1.5 − |4x − 3|), g = clip(1.5 − |4x − 2|), b = clip(1.5 − |4x − 1|), alpha 255.
 *
 * ```ts
 * jetColor(0); // [0, 0, 128, 255]   jetColor(0.5); // [128, 255, 128, 255]   jetColor(1); // [128, 0, 0, 255]
 * ```
 */
export function jetColor(x: number): [number, number, number, number] {
  const t = Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
  const c = (v: number) => Math.round(255 * Math.min(1, Math.max(0, v)));
  return [c(1.5 - Math.abs(4 * t - 3)), c(1.5 - Math.abs(4 * t - 2)), c(1.5 - Math.abs(4 * t - 1)), 255];
}
