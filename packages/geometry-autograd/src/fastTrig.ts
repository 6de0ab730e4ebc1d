import * as tf from '@tensorflow/tfjs-core';

// Cody–Waite split of π: C1 has few mantissa bits so k·C1 is exact for |k| < 2^12.
const C1 = 3.140625;
const C2 = 9.676535897932795e-4;
const INV_PI = 1 / Math.PI;
// Taylor coefficients; on |r| ≤ π/2 the truncation errors are 5.7e-8 (sin to r¹¹) and 6.4e-9 (cos to
// r¹²), at the level of float32 rounding.
const SIN = [-1 / 6, 1 / 120, -1 / 5040, 1 / 362880, -1 / 39916800];
const COS = [-1 / 2, 1 / 24, -1 / 720, 1 / 40320, -1 / 3628800, 1 / 479001600];
// Below this many elements the ~20 polynomial kernels cost more in per-call overhead than tfjs' one
// Sin/Cos kernel; use the native kernels there.
const NATIVE_BELOW = 16384;

/** k = round(u/π), r = u − kπ ∈ [−π/2, π/2], sign = (−1)^k. */
function reduce(u: tf.Tensor): { r: tf.Tensor; r2: tf.Tensor; sign: tf.Tensor } {
  const k = tf.round(tf.mul(u, INV_PI));
  const r = tf.sub(tf.sub(u, tf.mul(k, C1)), tf.mul(k, C2));
  // (−1)^k = 1 − 2k + 4⌊k/2⌋, exact for integer k; cheaper than tfjs-wasm's Mod kernel.
  const sign = tf.add(tf.sub(tf.mul(tf.floor(tf.mul(k, 0.5)), 4), tf.mul(k, 2)), 1);
  return { r, r2: tf.square(r), sign };
}

/** Σ coeffs[i]·xⁱ by Horner's rule (at least two coefficients). */
function horner(x: tf.Tensor, coeffs: number[]): tf.Tensor {
  const n = coeffs.length;
  let p = tf.add(tf.mul(x, coeffs[n - 1]), coeffs[n - 2]);
  for (let i = n - 3; i >= 0; i--) p = tf.add(tf.mul(p, x), coeffs[i]);
  return p;
}

/** sin of the reduced argument: (−1)^k·(r + r³·P(r²)). */
function sinReduced(r: tf.Tensor, r2: tf.Tensor, sign: tf.Tensor): tf.Tensor {
  return tf.mul(tf.add(r, tf.mul(tf.mul(r, r2), horner(r2, SIN))), sign);
}

/** cos of the reduced argument: (−1)^k·(1 + r²·Q(r²)). */
function cosReduced(r2: tf.Tensor, sign: tf.Tensor): tf.Tensor {
  return tf.mul(tf.add(1, tf.mul(r2, horner(r2, COS))), sign);
}

// The backward pass reuses the forward's range reduction (saved r, r², sign) instead of redoing it.
const polySin = tf.customGrad(((u: tf.Tensor, save: tf.GradSaveFunc) => {
  const { r, r2, sign } = reduce(u);
  save([r2, sign]);
  return {
    value: sinReduced(r, r2, sign),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, cosReduced(saved[0], saved[1])),
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (u: tf.Tensor) => tf.Tensor;

const polyCos = tf.customGrad(((u: tf.Tensor, save: tf.GradSaveFunc) => {
  const { r, r2, sign } = reduce(u);
  save([r, r2, sign]);
  return {
    value: cosReduced(r2, sign),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.neg(tf.mul(dy, sinReduced(saved[0], saved[1], saved[2]))),
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (u: tf.Tensor) => tf.Tensor;

/**
 * sin(u) by Cody–Waite range reduction and a polynomial, as a custom-gradient op (d sin = cos·dy).
 * Faster than tfjs' Sin/Cos kernels on the wasm backend for large tensors (measured by the curvature and
 * training-step benchmarks, bench/results.json) and accurate to float32 rounding for |u| < ~4000
 * (pre-activations are far smaller). Small tensors (< 16 384 elements) use tf.sin.
 */
export function fastSin(u: tf.Tensor): tf.Tensor {
  return u.size < NATIVE_BELOW ? tf.sin(u) : polySin(u);
}

/** cos(u), the companion of {@link fastSin} (d cos = −sin·dy). */
export function fastCos(u: tf.Tensor): tf.Tensor {
  return u.size < NATIVE_BELOW ? tf.cos(u) : polyCos(u);
}
