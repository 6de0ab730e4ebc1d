import * as tf from '@tensorflow/tfjs-core';
import { fastCos, fastSin } from './fastTrig.js';
import type { ActivationName } from './layers.js';

/**
 * f(u) and its first `order` derivatives f′, f″, f‴ at u, elementwise (analytic formulas; no nested
 * autodiff). Entries beyond `order` are omitted. Derivatives that vanish identically are `null` so
 * that the jet rules can skip them.
 *
 * (sin and cos use the polynomial {@link fastSin}/{@link fastCos}, faster than tfjs-wasm's kernels.)
 * sin: cos, −sin, −cos · cos: −sin, −cos, sin · tanh t: 1−t², −2t(1−t²), (1−t²)(6t²−2) ·
 * sigmoid σ: σ(1−σ), σ(1−σ)(1−2σ), σ(1−σ)(1−6σ+6σ²) · softplus: σ, σ(1−σ), σ(1−σ)(1−2σ) ·
 * identity: 1, 0, 0 · relu: step(u), 0, 0 (the kink at 0 is ignored).
 */
export function activationDerivatives(
  fn: ActivationName,
  u: tf.Tensor,
  order: number,
): [tf.Tensor, ...(tf.Tensor | number | null)[]] {
  switch (fn) {
    case 'sin': {
      const s = fastSin(u);
      const c = order >= 1 ? fastCos(u) : null;
      return [s, c, order >= 2 ? tf.neg(s) : null, order >= 3 ? tf.neg(c!) : null].slice(0, order + 1) as [
        tf.Tensor,
        ...tf.Tensor[],
      ];
    }
    case 'cos': {
      const c = fastCos(u);
      const s = order >= 1 ? fastSin(u) : null;
      return [c, s ? tf.neg(s) : null, order >= 2 ? tf.neg(c) : null, s].slice(0, order + 1) as [
        tf.Tensor,
        ...tf.Tensor[],
      ];
    }
    case 'tanh': {
      const t = tf.tanh(u);
      if (order === 0) return [t];
      const d1 = tf.sub(1, tf.square(t));
      const d2 = order >= 2 ? tf.mul(tf.mul(t, d1), -2) : null;
      const d3 = order >= 3 ? tf.mul(d1, tf.sub(tf.mul(tf.square(t), 6), 2)) : null;
      return [t, d1, d2, d3].slice(0, order + 1) as [tf.Tensor, ...tf.Tensor[]];
    }
    case 'sigmoid':
    case 'softplus': {
      const s = tf.sigmoid(u);
      const ds = order >= 1 ? tf.mul(s, tf.sub(1, s)) : null;
      const dds = order >= 2 ? tf.mul(ds!, tf.sub(1, tf.mul(s, 2))) : null;
      if (fn === 'softplus')
        return [tf.softplus(u), s, ds, dds].slice(0, order + 1) as [tf.Tensor, ...tf.Tensor[]];
      const ddds = order >= 3 ? tf.mul(ds!, tf.add(tf.sub(1, tf.mul(s, 6)), tf.mul(tf.square(s), 6))) : null;
      return [s, ds, dds, ddds].slice(0, order + 1) as [tf.Tensor, ...tf.Tensor[]];
    }
    case 'identity':
      return [u, 1, null, null].slice(0, order + 1) as [tf.Tensor, ...(number | null)[]];
    case 'relu':
      return [tf.relu(u), tf.step(u), null, null].slice(0, order + 1) as [tf.Tensor, ...(tf.Tensor | null)[]];
  }
}
