import * as tf from '@tensorflow/tfjs-core';

/** MSE = mean over batch and all D coordinates of (x̂ − x)². */
export function mseLoss(x: tf.Tensor, reconstruction: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(reconstruction, x)) as tf.Scalar);
}
