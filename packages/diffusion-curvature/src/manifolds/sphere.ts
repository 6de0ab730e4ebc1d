import { checkCount, generator, type SampleOptions, type ToyManifold } from './toyManifold.js';

export interface SphereOptions extends SampleOptions {
  /** Intrinsic dimension d of S^d ⊂ R^{d+1} (default 2). */
  dim?: number;
  /** Radius (default 1). */
  radius?: number;
}

/**
 * Uniform samples of the d-sphere of radius r (row 0 is the pole (0, …, 0, r)), with scalar curvature
 * d(d−1)/r² everywhere (Gaussian curvature 1/r² for d = 2).
 *
 * ```ts
 * sphere(1000, { dim: 3 }).scalarCurvature[0]; // 6
 * ```
 */
export function sphere(n: number, options: SphereOptions = {}): ToyManifold {
  checkCount(n, 'sphere');
  const d = options.dim ?? 2;
  const r = options.radius ?? 1;
  if (!Number.isInteger(d) || d < 1) throw new Error(`sphere: dim must be an integer ≥ 1, got ${d}`);
  if (!(r > 0)) throw new Error(`sphere: radius must be > 0, got ${r}`);
  const rng = generator(options);
  const points: number[][] = [];
  const pole = new Array(d + 1).fill(0);
  pole[d] = r;
  points.push(pole);
  while (points.length < n) {
    const v = Array.from({ length: d + 1 }, () => rng.normal());
    const norm = Math.hypot(...v);
    if (norm < 1e-12) continue;
    points.push(v.map((x) => (r * x) / norm));
  }
  const S = (d * (d - 1)) / (r * r);
  return {
    points,
    dim: d,
    scalarCurvature: new Float64Array(n).fill(S),
    gaussianCurvature: d === 2 ? new Float64Array(n).fill(1 / (r * r)) : null,
  };
}
