import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/** M(f) = Σ_columns (batch mean of the column)². */
function momentSquares(f: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.square(tf.mean(f, 0))) as tf.Scalar;
}

/**
 * Equidistribution loss (moment matching to the uniform law on the torus), **exactly as the
 * original code computes it**. Input: the encoding z = [cos φ, sin φ] (B × 2d,
 * cosines first). With A = z[:, :d] (= cos φ) and Bm = z[:, d:] (= sin φ):
 *
 * * term1 = M(z)
 * * term2 = M(2Bm² − 1) + M(2·A·Bm)
 * * term3 = M(4Bm³ − 3Bm) + M(A·(8Bm³ − 4Bm))            (num_moments > 2)
 * * term4 = M(8Bm⁴ − 8Bm² + 1) + M(A·(16Bm⁴ − 12Bm² + 1)) (num_moments > 3)
 *
 * where M(f) = Σ_columns (batch mean)². Because the original named the halves the other way
 * round, the penalised trigonometric moments per latent dimension are (up to sign)
 * cos φ, sin φ, cos 2φ, sin 2φ, sin 3φ, sin 4φ, cos 4φ, cos 5φ. Every term vanishes in
 * expectation when φ is uniform on the torus.
 */
export function equidistributionLoss(z: tf.Tensor2D, numMoments = 4): tf.Scalar {
  const width = z.shape[1];
  if (width % 2 !== 0) {
    throw new CurvInputError(
      `equidistributionLoss: encoding width ${width} is odd; expected [cos φ, sin φ] (2d columns)`,
    );
  }
  if (!Number.isInteger(numMoments) || numMoments < 1) {
    throw new CurvInputError(
      `loss_settings.num_moments: expected a positive integer, got ${numMoments}`,
      'num_moments',
    );
  }
  const d = width / 2;
  return tf.tidy(() => {
    // Σ over all penalised columns of (batch mean)²: concatenate the polynomial features once.
    const a = tf.slice(z, [0, 0], [-1, d]);
    const b = tf.slice(z, [0, d], [-1, d]);
    const b2 = tf.square(b);
    const features: tf.Tensor2D[] = [z, tf.sub(tf.mul(b2, 2), 1), tf.mul(tf.mul(a, b), 2)];
    if (numMoments > 2) {
      const b3 = tf.mul(b2, b);
      features.push(tf.sub(tf.mul(b3, 4), tf.mul(b, 3)), tf.mul(a, tf.sub(tf.mul(b3, 8), tf.mul(b, 4))));
    }
    if (numMoments > 3) {
      const b4 = tf.square(b2);
      features.push(
        tf.add(tf.sub(tf.mul(b4, 8), tf.mul(b2, 8)), 1),
        tf.mul(a, tf.add(tf.sub(tf.mul(b4, 16), tf.mul(b2, 12)), 1)),
      );
    }
    return momentSquares(tf.concat(features, 1)) as tf.Scalar;
  });
}
