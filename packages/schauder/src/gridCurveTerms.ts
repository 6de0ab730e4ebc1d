import type { MetricGrid } from './metricGrid.js';

/** Per-curve results of {@link gridCurveTerms}. */
export interface GridCurveTerms {
  /** E_j = (S − 1) Σ_s q_s, `[b]`. */
  energies: Float32Array;
  /** L_j = Σ_s √(max(q_s, 0) + 1e-20), `[b]`. */
  lengths: Float32Array;
}

/**
 * One midpoint step: with g (symmetrised) and its partial derivatives from `grid.sample` in `g`, writes
 * q = Δᵀ g Δ into out[0], ∂q/∂γ_{s+1} into out[1..2] and ∂q/∂γ_s into out[3..4]:
 * ∂q/∂γ_{s+1} = 2gΔ + ½ (Δᵀ ∂_k g Δ)_k, ∂q/∂γ_s = −2gΔ + ½ (Δᵀ ∂_k g Δ)_k (the midpoint moves by ½ with
 * either end). The single home of this formula for every metric-grid kernel.
 */
export function gridStep(g: Float64Array, dx: number, dy: number, out: Float64Array): void {
  const g01 = 0.5 * (g[1] + g[2]);
  const xx = dx * dx;
  const xy = dx * dy;
  const yy = dy * dy;
  out[0] = g[0] * xx + 2 * g01 * xy + g[3] * yy;
  const hx = 0.5 * (g[4] * xx + (g[5] + g[6]) * xy + g[7] * yy);
  const hy = 0.5 * (g[8] * xx + (g[9] + g[10]) * xy + g[11] * yy);
  const gx = 2 * (g[0] * dx + g01 * dy);
  const gy = 2 * (g01 * dx + g[3] * dy);
  out[1] = gx + hx;
  out[2] = gy + hy;
  out[3] = hx - gx;
  out[4] = hy - gy;
}

/**
 * Metric-grid curve energies and lengths in plain JavaScript, in one pass over the curves (midpoint rule,
 *  metric mode): with Δ_s = γ_{s+1} − γ_s, z̄_s = (γ_s + γ_{s+1})/2 and q_s = Δ_sᵀ g(z̄_s) Δ_s
 * (g from `grid.sample`, any interpolation), E = (S − 1) Σ_s q_s and L = Σ_s √(max(q_s, 0) + 1e-20).
 *
 * `curves` is row-major `[b, S, 2]` (curve, time, coordinate). When given, `energyGrad` (length b·S·2,
 * zero-filled by the caller) receives ∂E_j/∂γ_j and `lengthGrad` receives ∂L_j/∂γ_j (each curve's own
 * gradient; the clamp max(q, 0) has zero gradient for q ≤ 0). Sums are accumulated in float64.
 *
 * This is what `metricCurveEnergy(grid, …)` / `metricCurveLength(grid, …)` run (internal; those two are the
 * public entry points). Its cost is measured by the `geodesics-900-curves-step-metric-grid` benchmark
 * (bench/results.json).
 */
export function gridCurveTerms(
  grid: MetricGrid,
  curves: Float32Array,
  b: number,
  S: number,
  energyGrad: Float32Array | null = null,
  lengthGrad: Float32Array | null = null,
): GridCurveTerms {
  const energies = new Float32Array(b);
  const lengths = new Float32Array(b);
  const g = new Float64Array(12);
  const st = new Float64Array(5);
  const f = S - 1;
  for (let j = 0; j < b; j++) {
    let e = 0;
    let len = 0;
    const base = j * S * 2;
    for (let s = 0; s < S - 1; s++) {
      const o = base + 2 * s;
      const x0 = curves[o];
      const y0 = curves[o + 1];
      const x1 = curves[o + 2];
      const y1 = curves[o + 3];
      grid.sample(0.5 * (x0 + x1), 0.5 * (y0 + y1), g);
      gridStep(g, x1 - x0, y1 - y0, st);
      const q = st[0];
      e += q;
      const r = Math.sqrt(Math.max(q, 0) + 1e-20);
      len += r;
      if (energyGrad !== null) {
        energyGrad[o] += f * st[3];
        energyGrad[o + 1] += f * st[4];
        energyGrad[o + 2] += f * st[1];
        energyGrad[o + 3] += f * st[2];
      }
      if (lengthGrad !== null && q > 0) {
        const w = 0.5 / r;
        lengthGrad[o] += w * st[3];
        lengthGrad[o + 1] += w * st[4];
        lengthGrad[o + 2] += w * st[1];
        lengthGrad[o + 3] += w * st[2];
      }
    }
    energies[j] = f * e;
    lengths[j] = len;
  }
  return { energies, lengths };
}
