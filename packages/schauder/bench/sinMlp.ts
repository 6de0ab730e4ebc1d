import { Random } from '@curv/core';
import type { SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A random-initialised TorusAE decoder 2 →(cos|sin) 4 → 256 → sin → 512 → sin → D (the 784-512-256-2
 * sin-MLP of SPEC §2.1), PyTorch default init U(±1/√fan_in) from `Random(seed)`. Kernels are [in, out].
 */
export function randomSinMlpDecoder(
  seed = 0,
  D = 784,
  hidden: [number, number] = [256, 512],
  /** Multiplies the init range of the first layer (fc4): > 1 gives a sharper, more curved metric. */
  firstLayerGain = 1,
): SequentialDecoder {
  const rng = new Random(seed);
  let layer = 0;
  const dense = (nIn: number, nOut: number) => {
    const a = (layer++ === 0 ? firstLayerGain : 1) / Math.sqrt(nIn);
    return {
      kind: 'dense' as const,
      kernel: tf.tensor2d(rng.uniformArray(nIn * nOut, -a, a), [nIn, nOut]),
      bias: tf.tensor1d(rng.uniformArray(nOut, -a, a)),
    };
  };
  return {
    latentDim: 2,
    layers: [
      { kind: 'torusLift' },
      dense(4, hidden[0]),
      { kind: 'activation', fn: 'sin' },
      dense(hidden[0], hidden[1]),
      { kind: 'activation', fn: 'sin' },
      dense(hidden[1], D),
    ],
  };
}

/** Free the decoder's tensors. */
export function disposeDecoder(dec: SequentialDecoder): void {
  for (const l of dec.layers) if (l.kind === 'dense') tf.dispose([l.kernel, l.bias]);
}

/** `count` seeded (start, end) pairs uniform in [−π, π)². */
export function randomPairs(count: number, seed = 1): { starts: number[][]; ends: number[][] } {
  const rng = new Random(seed);
  const pt = () => [rng.uniformIn(-Math.PI, Math.PI), rng.uniformIn(-Math.PI, Math.PI)];
  const starts: number[][] = [];
  const ends: number[][] = [];
  for (let i = 0; i < count; i++) {
    starts.push(pt());
    ends.push(pt());
  }
  return { starts, ends };
}
