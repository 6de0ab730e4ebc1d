import { type Benchmark, defineBenchmark, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

interface Ctx {
  x: tf.Tensor2D;
  w: tf.Variable;
}

function setup(): Ctx {
  const r = new Random(0);
  return {
    x: tf.tensor2d(r.normalArray(128 * 784), [128, 784]),
    w: tf.variable(tf.tensor2d(r.normalArray(784 * 512, 0, 0.03), [784, 512])),
  };
}

/** Forward + backward of one 128×784×512 dense layer: the unit of work of every training step. */
export const benchmarks: Benchmark[] = [
  defineBenchmark<Ctx>({
    name: 'dense-grad-128x784x512',
    runs: 20,
    warmup: 3,
    setup,
    run: ({ x, w }) => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.sin(tf.matMul(x, w))) as tf.Scalar, [w]);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    },
    teardown: ({ x, w }) => tf.dispose([x, w]),
  }) as Benchmark,
];
