// The half-plane metric itself is @curv/geometry's `halfPlaneMetric` (re-exported from this package's index).

/**
 * Closed-form distance of the Poincaré half-plane g = I / z₂² (curvature −1):
 * d(p, q) = arccosh(1 + ‖p − q‖² / (2 p₂ q₂)). A reference for geodesic solvers.
 *
 * ```ts
 * halfPlaneDistance([-1, 1], [1, 1]); // arccosh 3 = 1.7627…
 * ```
 */
export function halfPlaneDistance(p: readonly number[], q: readonly number[]): number {
  const d2 = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
  return Math.acosh(1 + d2 / (2 * p[1] * q[1]));
}
