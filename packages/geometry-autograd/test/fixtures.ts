import type { Random } from '@curv/core';
import { type FixtureActivation, sinMlpDecoder } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import type { ActivationName, JetLayer, SequentialDecoder } from '../src/index.js';

export const dense = (kernel: number[][], bias?: number[]): JetLayer => ({
  kind: 'dense',
  kernel: tf.tensor2d(kernel),
  bias: tf.tensor1d(bias ?? new Array(kernel[0].length).fill(0)),
});
export const act = (fn: ActivationName): JetLayer => ({ kind: 'activation', fn });
export const lift: JetLayer = { kind: 'torusLift' };

/**
 * Unit sphere (cos θ cos φ, cos θ sin φ, sin θ) written with jet layers via product-to-sum identities:
 * u = [θ+φ, θ−φ, θ+φ−π/2, θ−φ−π/2, θ−π/2] → cos → fixed dense map. R = 2.
 */
export function sphereDecoder(): SequentialDecoder {
  const h = Math.PI / 2;
  return {
    latentDim: 2,
    layers: [
      dense(
        [
          [1, 1, 1, 1, 1],
          [1, -1, 1, -1, 0],
        ],
        [0, 0, -h, -h, -h],
      ),
      act('cos'),
      dense([
        [0.5, 0, 0],
        [0.5, 0, 0],
        [0, 0.5, 0],
        [0, -0.5, 0],
        [0, 0, 1],
      ]),
    ],
  };
}

/** Torus of revolution ((a + b cos v) cos u, (a + b cos v) sin u, b sin v): R = 2cos v/(b(a + b cos v)). */
export function torusDecoder(a: number, b: number): SequentialDecoder {
  const c = b / 2;
  return {
    latentDim: 2,
    layers: [
      dense([
        [1, 0, 1, 1],
        [0, 1, 1, -1],
      ]),
      lift, // [cos u, cos v, cos(u+v), cos(u−v), sin u, sin v, sin(u+v), sin(u−v)]
      dense([
        [a, 0, 0],
        [0, 0, 0],
        [c, 0, 0],
        [c, 0, 0],
        [0, a, 0],
        [0, 0, b],
        [0, c, 0],
        [0, c, 0],
      ]),
    ],
  };
}

/** Unit 3-sphere in Hopf coordinates (cos a cos b, cos a sin b, sin a cos c, sin a sin c): R = 6. */
export function threeSphereDecoder(): SequentialDecoder {
  return {
    latentDim: 3,
    layers: [
      dense([
        [1, 1, 1, 1],
        [1, -1, 0, 0],
        [0, 0, 1, -1],
      ]),
      lift, // [cos(a+b), cos(a−b), cos(a+c), cos(a−c), sin(a+b), sin(a−b), sin(a+c), sin(a−c)]
      dense([
        [0.5, 0, 0, 0],
        [0.5, 0, 0, 0],
        [0, 0, 0, -0.5],
        [0, 0, 0, 0.5],
        [0, 0.5, 0, 0],
        [0, -0.5, 0, 0],
        [0, 0, 0.5, 0],
        [0, 0, 0.5, 0],
      ]),
    ],
  };
}

/** PyTorch-default init dense layer with tf.Variable kernel [in, out] and bias. */
export function randomDense(rng: Random, nIn: number, nOut: number, scale = 1): JetLayer {
  const bound = scale / Math.sqrt(nIn);
  return {
    kind: 'dense',
    kernel: tf.variable(tf.tensor2d(rng.uniformArray(nIn * nOut, -bound, bound), [nIn, nOut])),
    bias: tf.variable(tf.tensor1d(rng.uniformArray(nOut, -bound, bound))),
  };
}

/** A small TorusAE-style decoder: torusLift → dense → f → dense → f → dense (trainable variables). */
export function randomTorusDecoder(
  seed: number,
  hidden: [number, number],
  out: number,
  fn: FixtureActivation = 'sin',
  scale = 3,
): SequentialDecoder {
  return sinMlpDecoder(seed, {
    sizes: [4, hidden[0], hidden[1], out],
    gain: scale,
    activation: fn,
    variables: true,
  });
}

/** SPEC §8.4 weights: W[a][b] = 0.5 sin(1.3a + 0.7b² + 0.37ab + L), bias[a] = 0.1 cos(0.9a + L). */
export function goldenLayer(L: number, nOut: number, nIn: number): JetLayer {
  const kernel: number[][] = [];
  for (let b = 0; b < nIn; b++) {
    const row: number[] = [];
    for (let a = 0; a < nOut; a++) row.push(0.5 * Math.sin(1.3 * a + 0.7 * b * b + 0.37 * a * b + L));
    kernel.push(row); // kernel[in][out] = W[out][in]ᵀ
  }
  const bias = Array.from({ length: nOut }, (_, a) => 0.1 * Math.cos(0.9 * a + L));
  return { kind: 'dense', kernel: tf.variable(tf.tensor2d(kernel)), bias: tf.variable(tf.tensor1d(bias)) };
}

/** The golden TorusAE(5, 7, 6, 2): encoder fc1 → sin → fc2 → sin → fc3, decoder lift → fc4 → sin → fc5 → sin → fc6. */
export function goldenTorusAE(): { encoder: SequentialDecoder; decoder: SequentialDecoder; x: tf.Tensor2D } {
  const encoder: SequentialDecoder = {
    latentDim: 5,
    layers: [goldenLayer(1, 7, 5), act('sin'), goldenLayer(2, 6, 7), act('sin'), goldenLayer(3, 2, 6)],
  };
  const decoder: SequentialDecoder = {
    latentDim: 2,
    layers: [lift, goldenLayer(4, 6, 4), act('sin'), goldenLayer(5, 7, 6), act('sin'), goldenLayer(6, 5, 7)],
  };
  const xs: number[][] = [];
  for (let n = 0; n < 4; n++) xs.push(Array.from({ length: 5 }, (_, j) => Math.cos(0.5 * n + 0.3 * j)));
  return { encoder, decoder, x: tf.tensor2d(xs) };
}

export function disposeDecoder(dec: SequentialDecoder): void {
  for (const l of dec.layers) if (l.kind === 'dense') tf.dispose([l.kernel, l.bias]);
}

export const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
