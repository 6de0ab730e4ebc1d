import * as tf from '@tensorflow/tfjs-core';

/**
 * 2-D convolutions with a gradient that every backend can run.
 *
 * `tf.conv2d` and `tf.conv2dTranspose` run on the wasm backend (kernels Conv2D and
 * Conv2DBackpropInput), and so does the gradient with respect to their input, but their stock
 * gradient with respect to the filter calls the kernel Conv2DBackpropFilter, which tfjs-backend-wasm
 * 4.22 does not have. These wrappers keep the forward kernels and compute the filter gradient from
 * ops every backend has: the k·k strided views of the (padded) input, side by side, times the output
 * gradient in one matMul (an im2col product).
 *
 * Layout: images NHWC; a conv2d filter is [k, k, in, out]; a conv2dTranspose filter is [k, k, out, in]
 * (tfjs' layouts). Padding is symmetric: `pad` rows/columns of zeros on every side.
 */

/**
 * ∂L/∂filter of y = conv2d(x, filter, stride, pad) given dy = ∂L/∂y ([N, Ho, Wo, Co]):
 * dF[a, b, ci, co] = Σ_{n,i,j} x_pad[n, i·s + a, j·s + b, ci] · dy[n, i, j, co]. Returns [k, k, Ci, Co].
 */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  k: number,
  stride: number,
  pad: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, , , ci] = x.shape;
    const [, ho, wo, co] = dy.shape;
    const xp =
      pad > 0
        ? tf.pad(x, [
            [0, 0],
            [pad, pad],
            [pad, pad],
            [0, 0],
          ])
        : x;
    const views: tf.Tensor4D[] = [];
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        views.push(
          tf.stridedSlice(
            xp,
            [0, a, b, 0],
            [n, a + stride * (ho - 1) + 1, b + stride * (wo - 1) + 1, ci],
            [1, stride, stride, 1],
          ) as tf.Tensor4D,
        );
      }
    }
    const m = n * ho * wo;
    // Columns ordered (a, b, ci): reshaping the [k·k·Ci, Co] product gives [k, k, Ci, Co] directly.
    const cols = tf.reshape(views.length === 1 ? views[0] : tf.concat(views, 3), [m, k * k * ci]);
    // Explicit transpose + plain matMul: transposeA is a slow path of the wasm matMul.
    const g = tf.matMul(tf.transpose(cols), tf.reshape(dy, [m, co]));
    return tf.reshape(g, [k, k, ci, co]) as tf.Tensor4D;
  });
}

/**
 * y = conv2d(x, filter) with stride `stride` and symmetric zero padding `pad` (PyTorch
 * `Conv2d(padding=pad)` semantics): [N, H, W, Ci] → [N, ⌊(H + 2p − k)/s⌋ + 1, …, Co]. No bias.
 */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, pad: number): tf.Tensor4D {
  const k = filter.shape[0];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ff, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ff]);
    return {
      value: tf.conv2d(xx, ff, stride, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
        const d = dy as tf.Tensor4D;
        return [
          tf.conv2dTranspose(d, fs, xs.shape, stride, pad),
          conv2dFilterGradient(xs, d, k, stride, pad),
        ];
      },
    };
  });
  return op(x, filter) as tf.Tensor4D;
}

/**
 * The transposed convolution (adjoint of {@link conv2d} with the same stride and padding) to the
 * spatial size `outHW` — PyTorch `ConvTranspose2d(padding=pad, output_padding=op)` with
 * outHW = (H − 1)·s − 2·pad + k + op. `filter` is [k, k, out, in]. No bias.
 */
export function conv2dTranspose(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  outHW: [number, number],
  stride: number,
  pad: number,
): tf.Tensor4D {
  const k = filter.shape[0];
  const outShape: [number, number, number, number] = [x.shape[0], outHW[0], outHW[1], filter.shape[2]];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ff, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ff]);
    return {
      value: tf.conv2dTranspose(xx, ff, outShape, stride, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
        const d = dy as tf.Tensor4D;
        // y = Aᵀx with A = conv2d(·, F): ∂x = A dy; ∂F[a, b, o, i] = Σ dy_pad[…, o]·x[…, i].
        return [tf.conv2d(d, fs, stride, pad), conv2dFilterGradient(d, xs, k, stride, pad)];
      },
    };
  });
  return op(x, filter) as tf.Tensor4D;
}
