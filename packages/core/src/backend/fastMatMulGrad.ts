import * as tf from '@tensorflow/tfjs-core';
import { nativeMatMulActive } from './native.js';

/**
 * Gradient of BatchMatMul written with explicit `tf.transpose` + plain `matMul`.
 *
 * The stock tfjs gradient calls `matMul(dy, b, false, true)` etc. On the wasm backend a matMul with
 * `transposeA`/`transposeB` takes a slow path (1.5–3.5 GFLOP/s instead of ~40), which makes every
 * training step 6–10× slower. Materialising the transpose first is cheap (O(n²)) compared with the
 * product (O(n³)).
 *
 * Broadcast batch dimensions are reduced by summation, as in the stock gradient. When the native
 * accelerator serves BatchMatMul on wasm, the flags are passed through instead (sgemm transposes for free).
 */
export const fastBatchMatMulGradConfig: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    const g = dy as tf.Tensor;
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    let da: () => tf.Tensor;
    let db: () => tf.Tensor;
    if (!transposeA && !transposeB) {
      da = () => product(g, false, b, true);
      db = () => product(a, true, g, false);
    } else if (!transposeA && transposeB) {
      da = () => product(g, false, b, false);
      db = () => product(g, true, a, false);
    } else if (transposeA && !transposeB) {
      da = () => product(b, false, g, true);
      db = () => product(a, false, g, false);
    } else {
      da = () => product(b, true, g, true);
      db = () => product(g, true, a, true);
    }
    return {
      a: () => reduceToShape(da(), a.shape),
      b: () => reduceToShape(db(), b.shape),
    };
  },
};

/** Swap the last two axes. */
function T(x: tf.Tensor): tf.Tensor {
  const r = x.rank;
  const perm = [...Array(r).keys()];
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return tf.transpose(x, perm);
}

/**
 * op(x)·op(y) with op = transpose when the flag is set, by plain matMuls only. Either the flagged
 * operands are transposed, or the identity op(x)·op(y) = (op′(y)·op′(x))ᵀ (op′ = the other choice) is
 * used, whichever materialises fewer elements: e.g. g·Wᵀ for a [128, 784] gradient and a [512, 784]
 * kernel is (W·gᵀ)ᵀ, transposing 100k + 65k elements instead of 401k (transposes of wide kernels are
 * slow on wasm: ~2.5 ms for 512×784, as much as the product itself).
 */
function product(x: tf.Tensor, tx: boolean, y: tf.Tensor, ty: boolean): tf.Tensor {
  // The native accelerator hands the flags to sgemm, where they cost nothing: no transposes needed.
  if (nativeMatMulActive()) return tf.matMul(x, y, tx, ty);
  const direct = (tx ? x.size : 0) + (ty ? y.size : 0);
  if (direct === 0) return tf.matMul(x, y);
  const rows = x.shape[tx ? x.rank - 1 : x.rank - 2];
  const cols = y.shape[ty ? y.rank - 2 : y.rank - 1];
  const batch = Math.max(
    x.size / (x.shape[x.rank - 1] * x.shape[x.rank - 2]),
    y.size / (y.shape[y.rank - 1] * y.shape[y.rank - 2]),
  );
  const swapped = (tx ? 0 : x.size) + (ty ? 0 : y.size) + batch * rows * cols;
  if (swapped < direct) return T(tf.matMul(ty ? y : T(y), tx ? x : T(x)));
  return tf.matMul(tx ? T(x) : x, ty ? T(y) : y);
}

/** Sum a gradient over broadcast leading dimensions so that it has `shape`. */
function reduceToShape(x: tf.Tensor, shape: number[]): tf.Tensor {
  if (x.rank === shape.length && x.shape.every((d, i) => d === shape[i])) return x;
  const lead = x.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < x.rank - 2; i++) {
    const target = i - lead >= 0 ? shape[i - lead] : 1;
    if (i < lead || (target === 1 && x.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length ? tf.sum(x, axes, true) : x;
  return tf.reshape(summed, shape);
}

let installed = false;

/** Replace tfjs' BatchMatMul gradient with {@link fastBatchMatMulGradConfig}. Idempotent. */
export function installFastMatMulGrad(): void {
  if (installed) return;
  const warn = console.warn;
  // tfjs warns when a gradient is overridden; the override is intended.
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('Overriding the gradient')) return;
    warn(...args);
  };
  try {
    tf.registerGradient(fastBatchMatMulGradConfig);
  } finally {
    console.warn = warn;
  }
  installed = true;
}
