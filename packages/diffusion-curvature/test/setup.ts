import { initBackend } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

export async function wasm(): Promise<void> {
  await initBackend({ backend: 'wasm', log: null });
}

/** Runs `f` and returns how many tensors it left behind. */
export function leaked(f: () => unknown): number {
  const before = tf.memory().numTensors;
  f();
  return tf.memory().numTensors - before;
}

export const rowSums = (m: tf.Tensor2D): number[] => {
  const s = tf.sum(m, 1);
  const out = Array.from(s.dataSync());
  s.dispose();
  return out;
};
