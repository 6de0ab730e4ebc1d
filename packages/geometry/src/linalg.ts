import * as tf from '@tensorflow/tfjs-core';

/**
 * Batched inverse of small symmetric positive-definite matrices, (g + eps·I)⁻¹.
 *
 * `g` is [N, d, d]. d = 1 and d = 2 use closed forms; larger d uses an unrolled Gauss–Jordan
 * elimination without pivoting (valid for SPD input), so every step is an elementwise tfjs op on [N]
 * tensors and the result is differentiable. Meant for d ≤ ~6 (cost O(d³) ops).
 */
export function smallInverse(g: tf.Tensor3D, eps = 0): tf.Tensor3D {
  return tf.tidy(() => {
    const d = g.shape[1];
    const m: tf.Tensor3D = eps !== 0 ? tf.add(g, tf.mul(tf.eye(d), eps)) : g;
    if (d === 1) return tf.reciprocal(m) as tf.Tensor3D;
    const e = entries(m);
    if (d === 2) {
      const det = tf.sub(tf.mul(e[0][0], e[1][1]), tf.mul(e[0][1], e[1][0]));
      const inv = [
        [e[1][1], tf.neg(e[0][1])],
        [tf.neg(e[1][0]), e[0][0]],
      ].map((row) => row.map((x) => tf.div(x, det) as tf.Tensor1D));
      return fromEntries(inv);
    }
    // Gauss–Jordan on [A | I].
    const a = e.map((row) => row.slice());
    const n = g.shape[0];
    const inv = a.map((_, i) => a.map((__, j) => (i === j ? tf.ones([n]) : tf.zeros([n]))) as tf.Tensor1D[]);
    for (let k = 0; k < d; k++) {
      const piv = tf.reciprocal(a[k][k]);
      for (let j = 0; j < d; j++) {
        a[k][j] = tf.mul(a[k][j], piv);
        inv[k][j] = tf.mul(inv[k][j], piv);
      }
      for (let i = 0; i < d; i++) {
        if (i === k) continue;
        const f = a[i][k];
        for (let j = 0; j < d; j++) {
          a[i][j] = tf.sub(a[i][j], tf.mul(f, a[k][j]));
          inv[i][j] = tf.sub(inv[i][j], tf.mul(f, inv[k][j]));
        }
      }
    }
    return fromEntries(inv);
  });
}

/**
 * Batched determinant of small matrices [N, d, d] → [N]: closed forms for d ≤ 2, otherwise the
 * product of the pivots of an unrolled LU elimination without pivoting (valid for SPD input).
 */
export function smallDeterminant(g: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const d = g.shape[1];
    if (d === 1) return tf.reshape(g, [g.shape[0]]) as tf.Tensor1D;
    const a = entries(g);
    if (d === 2) return tf.sub(tf.mul(a[0][0], a[1][1]), tf.mul(a[0][1], a[1][0]));
    let det = a[0][0];
    for (let k = 0; k < d; k++) {
      if (k > 0) det = tf.mul(det, a[k][k]);
      for (let i = k + 1; i < d; i++) {
        const f = tf.div(a[i][k], a[k][k]);
        for (let j = k + 1; j < d; j++) a[i][j] = tf.sub(a[i][j], tf.mul(f, a[k][j]));
      }
    }
    return det;
  });
}

/** Trace of a batch of matrices [N, d, d] → [N]. */
export function batchTrace(g: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(g, tf.eye(g.shape[1])), [1, 2]) as tf.Tensor1D);
}

/** Split [N, d, d] into a d×d JS array of [N] tensors (differentiable: unstack ↔ stack). */
function entries(m: tf.Tensor3D): tf.Tensor1D[][] {
  return tf.unstack(m, 1).map((row) => tf.unstack(row, 1) as tf.Tensor1D[]);
}

function fromEntries(e: tf.Tensor1D[][]): tf.Tensor3D {
  return tf.stack(
    e.map((row) => tf.stack(row, 1)),
    1,
  ) as tf.Tensor3D;
}

/**
 * Eigenvalues λ₁ ≥ λ₂ of a batch of symmetric 2×2 matrices [N, 2, 2] → [N, 2] (closed form
 * ½(tr ± √((a − c)² + 4b²)), stable for nearly equal eigenvalues). Differentiable where λ₁ ≠ λ₂.
 */
export function symmetricEigenvalues2(g: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const [row0, row1] = tf.unstack(g, 1);
    const [a, b] = tf.unstack(row0, 1);
    const c = tf.unstack(row1, 1)[1];
    const half = tf.mul(tf.add(a, c), 0.5);
    const r = tf.sqrt(tf.add(tf.square(tf.mul(tf.sub(a, c), 0.5)), tf.square(b)));
    return tf.stack([tf.add(half, r), tf.sub(half, r)], 1) as tf.Tensor2D;
  });
}

/** Condition number λ_max / λ_min of a batch of symmetric positive-definite 2×2 matrices, [N, 2, 2] → [N]. */
export function conditionNumber2(g: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const [hi, lo] = tf.unstack(symmetricEigenvalues2(g), 1);
    return tf.div(hi, lo) as tf.Tensor1D;
  });
}
