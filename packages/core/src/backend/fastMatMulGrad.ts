import * as tf from '@tensorflow/tfjs-core';

/**
 * Gradient of BatchMatMul written with explicit `tf.transpose` + plain `matMul`.
 *
 * The stock tfjs gradient calls `matMul(dy, b, false, true)` etc. On the wasm backend a matMul with
 * `transposeA`/`transposeB` takes a slow path (1.5–3.5 GFLOP/s instead of ~40), which makes every
 * training step 6–10× slower. Materialising the transpose first is cheap (O(n²)) compared with the
 * product (O(n³)).
 *
 * Broadcast batch dimensions are reduced by summation, as in the stock gradient.
 */
export const fastBatchMatMulGradConfig: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    const g = dy as tf.Tensor;
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const T = (x: tf.Tensor): tf.Tensor => {
      const r = x.rank;
      const perm = [...Array(r).keys()];
      perm[r - 2] = r - 1;
      perm[r - 1] = r - 2;
      return tf.transpose(x, perm);
    };
    const mm = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => tf.matMul(x, y);
    let da: () => tf.Tensor;
    let db: () => tf.Tensor;
    if (!transposeA && !transposeB) {
      da = () => mm(g, T(b));
      db = () => mm(T(a), g);
    } else if (!transposeA && transposeB) {
      da = () => mm(g, b);
      db = () => mm(T(g), a);
    } else if (transposeA && !transposeB) {
      da = () => mm(b, T(g));
      db = () => mm(a, g);
    } else {
      da = () => mm(T(b), T(g));
      db = () => mm(T(g), T(a));
    }
    return {
      a: () => reduceToShape(da(), a.shape),
      b: () => reduceToShape(db(), b.shape),
    };
  },
};

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
