import * as tf from '@tensorflow/tfjs-core';
import { initBackend, Random } from '../src/index.js';

/**
 * GPU check for `pnpm bench --backend tensorflow-gpu`: with the tfjs-node-gpu backend active, time a
 * 1024² matMul and compare it with the wasm backend. Leaves tensorflow-gpu active. True when the GPU
 * result agrees with wasm to 1e-3 relative.
 */
export async function gpuCheck(log: (m: string) => void): Promise<boolean> {
  const r = new Random(0);
  const n = 1024;
  const a = r.normalArray(n * n);
  const b = r.normalArray(n * n);
  const product = () =>
    tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])).dataSync() as Float32Array);
  const onGpu = product();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) product();
  const ms = (performance.now() - t0) / 10;
  await initBackend({ backend: 'wasm', log: null });
  const ref = product();
  let err = 0;
  for (let i = 0; i < ref.length; i++)
    err = Math.max(err, Math.abs(onGpu[i] - ref[i]) / (1 + Math.abs(ref[i])));
  const ok = err < 1e-3;
  log(
    `[bench] GPU check: ${n}² matMul ${ms.toFixed(2)} ms (with upload and download), max relative difference to wasm ${err.toExponential(2)}: ${ok ? 'ok' : 'TOO LARGE, the GPU kernels disagree with the CPU'}`,
  );
  await initBackend({ backend: 'tensorflow-gpu', log: null });
  return ok;
}
