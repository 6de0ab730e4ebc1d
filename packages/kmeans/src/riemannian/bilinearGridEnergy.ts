import { CurvInputError } from '@curv/core';
import type { MetricGrid } from '@curv/schauder';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Metric-grid curve energy and length evaluated in plain JavaScript for a **bilinear** `MetricGrid`
 * (from `@curv/schauder`), as a tfjs op with a hand-written gradient.
 *
 * Same discretisation as `metricCurveEnergy` (midpoint rule): with Δ_s = γ_{s+1} − γ_s and
 * z̄_s = (γ_s + γ_{s+1})/2, q_s = Δ_sᵀ g(z̄_s) Δ_s, E = (S−1)Σ_s q_s, L = Σ_s √(q_s + 1e-20); g(z) is the
 * periodic bilinear interpolation of the grid nodes g at (−π + i·h, −π + j·h), h = 2π/n.
 * Gradient: ∂q/∂γ_{s+1} = 2gΔ + ½ Δᵀ(∂g)Δ, ∂q/∂γ_s = −2gΔ + ½ Δᵀ(∂g)Δ.
 *
 * Why it exists: for the Step-6 size (900 curves × 100 points) the same computation as a chain of
 * tfjs ops costs ~0.3–0.8 s per optimiser step on the wasm backend (op overhead on [89 100, …]
 * tensors); this loop costs a few ms. It belongs next to `metricCurveEnergy` in `@curv/schauder`
 * and should move there (candidate for merging; reported).
 *
 * Only d = 2. `curves` is `[b, S, 2]`.
 */
export interface BilinearGridEnergy {
  /** Per-curve energies `[b]`, differentiable w.r.t. the curves. */
  energy(curves: tf.Tensor3D): tf.Tensor1D;
  /** Per-curve lengths `[b]` (no gradient needed by K-means; computed without one). */
  length(curves: tf.Tensor3D): tf.Tensor1D;
}

interface Kernel {
  values: Float64Array;
  n: number;
  h: number;
}

/** Bilinear g and its two partial derivatives at (x, y); writes [g00, g01, g11, ∂x g00, ∂x g01, ∂x g11, ∂y …] into out. */
function interpolate(k: Kernel, x: number, y: number, out: Float64Array): void {
  const { values, n, h } = k;
  const ux = (x + Math.PI) / h;
  const uy = (y + Math.PI) / h;
  const fx0 = Math.floor(ux);
  const fy0 = Math.floor(uy);
  const fx = ux - fx0;
  const fy = uy - fy0;
  const i0 = ((fx0 % n) + n) % n;
  const j0 = ((fy0 % n) + n) % n;
  const i1 = i0 + 1 === n ? 0 : i0 + 1;
  const j1 = j0 + 1 === n ? 0 : j0 + 1;
  const p00 = (i0 * n + j0) * 3;
  const p01 = (i0 * n + j1) * 3;
  const p10 = (i1 * n + j0) * 3;
  const p11 = (i1 * n + j1) * 3;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w10 = fx * (1 - fy);
  const w11 = fx * fy;
  for (let c = 0; c < 3; c++) {
    const a = values[p00 + c];
    const b = values[p01 + c];
    const cc = values[p10 + c];
    const d = values[p11 + c];
    out[c] = w00 * a + w01 * b + w10 * cc + w11 * d;
    out[3 + c] = ((1 - fy) * (cc - a) + fy * (d - b)) / h;
    out[6 + c] = ((1 - fx) * (b - a) + fx * (d - cc)) / h;
  }
}

function compute(k: Kernel, data: Float32Array, b: number, S: number, grad: Float32Array | null) {
  const energies = new Float32Array(b);
  const lengths = new Float32Array(b);
  const g = new Float64Array(9);
  for (let j = 0; j < b; j++) {
    let e = 0;
    let len = 0;
    const o = j * S * 2;
    for (let s = 0; s < S - 1; s++) {
      const x0 = data[o + 2 * s];
      const y0 = data[o + 2 * s + 1];
      const x1 = data[o + 2 * s + 2];
      const y1 = data[o + 2 * s + 3];
      const dx = x1 - x0;
      const dy = y1 - y0;
      interpolate(k, (x0 + x1) / 2, (y0 + y1) / 2, g);
      const q = g[0] * dx * dx + 2 * g[1] * dx * dy + g[2] * dy * dy;
      e += q;
      len += Math.sqrt(Math.max(q, 0) + 1e-20);
      if (grad !== null) {
        const f = S - 1;
        const gdx = 2 * (g[0] * dx + g[1] * dy);
        const gdy = 2 * (g[1] * dx + g[2] * dy);
        const mx = 0.5 * (g[3] * dx * dx + 2 * g[4] * dx * dy + g[5] * dy * dy);
        const my = 0.5 * (g[6] * dx * dx + 2 * g[7] * dx * dy + g[8] * dy * dy);
        grad[o + 2 * s] += f * (-gdx + mx);
        grad[o + 2 * s + 1] += f * (-gdy + my);
        grad[o + 2 * s + 2] += f * (gdx + mx);
        grad[o + 2 * s + 3] += f * (gdy + my);
      }
    }
    energies[j] = (S - 1) * e;
    lengths[j] = len;
  }
  return { energies, lengths };
}

/** Builds the JS energy/length op for a bilinear metric grid (d = 2). */
export function bilinearGridEnergy(grid: MetricGrid): BilinearGridEnergy {
  if (grid.interpolation !== 'bilinear') {
    throw new CurvInputError(
      `grid: bilinearGridEnergy needs interpolation 'bilinear', got '${grid.interpolation}'`,
      'grid',
    );
  }
  const n = grid.n;
  // symmetric part only: [g00, (g01 + g10)/2, g11] per node
  const values = new Float64Array(n * n * 3);
  for (let p = 0; p < n * n; p++) {
    values[3 * p] = grid.values[4 * p];
    values[3 * p + 1] = 0.5 * (grid.values[4 * p + 1] + grid.values[4 * p + 2]);
    values[3 * p + 2] = grid.values[4 * p + 3];
  }
  const kernel: Kernel = { values, n, h: (2 * Math.PI) / n };
  const check = (curves: tf.Tensor3D) => {
    if (curves.rank !== 3 || curves.shape[2] !== 2 || curves.shape[1] < 2) {
      throw new CurvInputError(`curves: expected [b, S ≥ 2, 2], got [${curves.shape}]`, 'curves');
    }
  };
  const energyOp = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => {
    const curves = x as tf.Tensor3D;
    const [b, S] = curves.shape;
    const grad = new Float32Array(b * S * 2);
    const { energies } = compute(kernel, curves.dataSync() as Float32Array, b, S, grad);
    return {
      value: tf.tensor1d(energies),
      gradFunc: (dy: tf.Tensor) => tf.tidy(() => tf.mul(tf.tensor3d(grad, [b, S, 2]), dy.reshape([b, 1, 1]))),
    };
  });
  return {
    energy(curves) {
      check(curves);
      return energyOp(curves) as tf.Tensor1D;
    },
    length(curves) {
      check(curves);
      const [b, S] = curves.shape;
      return tf.tensor1d(compute(kernel, curves.dataSync() as Float32Array, b, S, null).lengths);
    },
  };
}
