import * as tf from '@tensorflow/tfjs-core';

/** Unit sphere, z = (latitude θ, longitude φ): (cos θ cos φ, cos θ sin φ, sin θ); R = 2. */
export const sphere = (z: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => {
    const [t, p] = tf.unstack(z, 1);
    return tf.stack(
      [tf.mul(tf.cos(t), tf.cos(p)), tf.mul(tf.cos(t), tf.sin(p)), tf.sin(t)],
      1,
    ) as tf.Tensor2D;
  });

/** (x² + y + 37x, y³ + xy): a local diffeomorphism of the plane, so R = 0. */
export const polynomial = (z: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => {
    const [x, y] = tf.unstack(z, 1);
    return tf.stack(
      [tf.add(tf.add(tf.square(x), y), tf.mul(x, 37)), tf.add(tf.pow(y, 3), tf.mul(x, y))],
      1,
    ) as tf.Tensor2D;
  });

/**
 * Torus of revolution ((a + b cos v) cos u, (a + b cos v) sin u, b sin v), z = (u, v):
 * R = 2 cos v / (b (a + b cos v)).
 */
export const torusOfRevolution =
  (a: number, b: number) =>
  (z: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const [u, v] = tf.unstack(z, 1);
      const r = tf.add(a, tf.mul(b, tf.cos(v)));
      return tf.stack([tf.mul(r, tf.cos(u)), tf.mul(r, tf.sin(u)), tf.mul(b, tf.sin(v))], 1) as tf.Tensor2D;
    });
export const torusR = (a: number, b: number, v: number): number =>
  (2 * Math.cos(v)) / (b * (a + b * Math.cos(v)));

/** Flat torus (cos u, sin u, cos v, sin v): g = I, R = 0. */
export const flatTorus = (z: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => tf.concat([tf.cos(z), tf.sin(z)], 1) as tf.Tensor2D);

/**
 * The original's "Lobachevsky" function : t = arccosh(y/c),
 * (t − tanh t, cos(x/c)/sinh t, sin(x/c)/sinh t), padded with zeros.
 * Exact R(y) = −2 y⁴ (y² − c²)⁵ (y² + 3c²) / P(y)².
 */
export const lobachevsky =
  (c: number, pad = 5) =>
  (z: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(z, 1);
      const t = tf.acosh(tf.div(y, c));
      const s = tf.sinh(t);
      const cols = [tf.sub(t, tf.tanh(t)), tf.div(tf.cos(tf.div(x, c)), s), tf.div(tf.sin(tf.div(x, c)), s)];
      return tf.concat([tf.stack(cols, 1), tf.zeros([z.shape[0], pad])], 1) as tf.Tensor2D;
    });
export function lobachevskyR(c: number, y: number): number {
  const y2 = y * y;
  const c2 = c * c;
  const P = y2 ** 4 - 3 * c2 * y2 ** 3 + 6 * c2 ** 2 * y2 ** 2 - 4 * c2 ** 3 * y2 + c2 ** 4;
  return (-2 * y2 ** 2 * (y2 - c2) ** 5 * (y2 + 3 * c2)) / (P * P);
}

/** Pseudosphere with 1/cosh t (t = arccosh(y/c)): metric (dx² + dy²)/y², the hyperbolic plane, R = −2. */
export const pseudosphere =
  (c: number) =>
  (z: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(z, 1);
      const t = tf.acosh(tf.div(y, c));
      const ch = tf.cosh(t);
      return tf.stack(
        [tf.sub(t, tf.tanh(t)), tf.div(tf.cos(tf.div(x, c)), ch), tf.div(tf.sin(tf.div(x, c)), ch)],
        1,
      ) as tf.Tensor2D;
    });
