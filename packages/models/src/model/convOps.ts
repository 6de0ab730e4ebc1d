import * as tf from '@tensorflow/tfjs-core';

/**
 * 2-D convolutions with a gradient that every backend can run.
 *
 * `tf.conv2d` and `tf.conv2dTranspose` run on the wasm backend (kernels Conv2D and
 * Conv2DBackpropInput), and so does the gradient with respect to their input, but their stock
 * gradient with respect to the filter calls the kernel Conv2DBackpropFilter, which tfjs-backend-wasm
 * 4.22 does not have. These wrappers keep the forward kernels and compute the filter gradient as a
 * (dilated) convolution of the input with the output gradient, which every backend runs.
 *
 * Layout: images NHWC; a conv2d filter is [k, k, in, out]; a conv2dTranspose filter is [k, k, out, in]
 * (tfjs' layouts). Padding is symmetric: `pad` rows/columns of zeros on every side.
 */

/**
 * ∂L/∂filter of y = conv2d(x, filter, stride, pad) given dy = ∂L/∂y ([N, Ho, Wo, Co]):
 * dF[a, b, ci, co] = Σ_{n,i,j} x_pad[n, i·s + a, j·s + b, ci] · dy[n, i, j, co]. Returns [k, k, Ci, Co].
 *
 * This sum is itself a convolution, run by the backend's Conv2D kernel: the padded input with the
 * channel and batch axes swapped ([Ci, Hp, Wp, N]) convolved with dy as the filter ([Ho, Wo, N, Co]),
 * dilated by the stride; its first k×k outputs, axes swapped back. (On wasm this is 10–50× faster than
 * gathering the k·k strided views of the input for an im2col product: strided slices run in JS there.)
 */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  k: number,
  stride: number,
  pad: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const xp =
      pad > 0
        ? tf.pad(x, [
            [0, 0],
            [pad, pad],
            [pad, pad],
            [0, 0],
          ])
        : x;
    const xt = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D; // [Ci, Hp, Wp, N]
    const ft = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Co]
    // Output side Hp − (Ho − 1)·s ≥ k (rows past the last full window are not part of the gradient).
    let g = tf.conv2d(xt, ft, 1, 'valid', 'NHWC', stride) as tf.Tensor4D; // [Ci, ≥k, ≥k, Co]
    if (g.shape[1] !== k || g.shape[2] !== k) g = tf.slice(g, [0, 0, 0, 0], [-1, k, k, -1]);
    return tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/** Insert `s − 1` zero rows and columns after every row and column: [N, h, w, C] → [N, h·s, w·s, C]. */
function dilate(x: tf.Tensor4D, s: number): tf.Tensor4D {
  if (s === 1) return x;
  const [n, h, w, c] = x.shape;
  const rows = tf.reshape(
    tf.pad(tf.reshape(x, [n, h, 1, w * c]), [
      [0, 0],
      [0, 0],
      [0, s - 1],
      [0, 0],
    ]),
    [n * h * s, w, 1, c],
  );
  return tf.reshape(
    tf.pad(rows, [
      [0, 0],
      [0, 0],
      [0, s - 1],
      [0, 0],
    ]),
    [n, h * s, w * s, c],
  );
}

/** Zero-pad (positive) or crop (negative) the two spatial axes: [before, after] per axis. */
function padOrCrop(x: tf.Tensor4D, [t, b]: [number, number], [l, r]: [number, number]): tf.Tensor4D {
  let y = x;
  if (t < 0 || b < 0 || l < 0 || r < 0) {
    const [n, h, w, c] = y.shape;
    const [ct, cb, cl, cr] = [t, b, l, r].map((v) => Math.max(0, -v));
    y = tf.slice(y, [0, ct, cl, 0], [n, h - ct - cb, w - cl - cr, c]);
  }
  const [pt, pb, pl, pr] = [t, b, l, r].map((v) => Math.max(0, v));
  if (pt || pb || pl || pr) {
    y = tf.pad(y, [
      [0, 0],
      [pt, pb],
      [pl, pr],
      [0, 0],
    ]);
  }
  return y;
}

/**
 * The transposed convolution computed by the Conv2D kernel: dilate x by the stride, pad by k − 1 − pad
 * before (and what makes the output `outHW` after), correlate with the spatially flipped filter with
 * in/out channels swapped. (The wasm backend's own Conv2DBackpropInput kernel is a plain loop, several
 * times slower than its Conv2D.) `filter` is [k, k, out, in].
 */
function transposedConv(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  outHW: [number, number],
  stride: number,
  pad: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const k = filter.shape[0];
    const [, h, w] = x.shape;
    const xd = dilate(x, stride); // [N, h·s, w·s, C]: (h − 1)·s + 1 rows then s − 1 zero rows
    const before = k - 1 - pad;
    // Needed length outH + k − 1 = before + h·s + after.
    const afterH = outHW[0] + k - 1 - before - h * stride;
    const afterW = outHW[1] + k - 1 - before - w * stride;
    const xp = padOrCrop(xd, [before, afterH], [before, afterW]);
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(xp, flipped, 1, 'valid');
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
          transposedConv(d, fs, [xs.shape[1], xs.shape[2]], stride, pad),
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
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, ff, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xx, ff]);
    return {
      value: transposedConv(xx, ff, outHW, stride, pad),
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
