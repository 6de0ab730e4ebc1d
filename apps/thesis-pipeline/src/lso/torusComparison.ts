import { Adam, Random } from '@curv/core';
import { pullbackMetric } from '@curv/geometry-autograd';
import { TorusAE } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { LsoInterrupted } from './lsoInterrupted.js';

/** A deterministic TorusAE trained on the same data, and its pull-back measure on the torus grid. */
export interface TorusComparison {
  /** Encoded angles, row-major [n, 2]. */
  angles: Float32Array;
  /** log(√det g + 1e-10) on the n×n grid of [−π, π]² (x fastest). */
  logMeasure: Float64Array;
  finalLoss: number;
}

/**
 * Train a small TorusAE (sine MLP, torus latent) with plain MSE and Adam on `data` and evaluate
 * log √det(JᵀJ) of its decoder on a grid of the latent torus (exact Jacobians from forward jets).
 */
export async function torusComparison(
  data: Float32Array,
  inputDim: number,
  options: { epochs: number; hidden: [number, number]; grid: number; seed: number; signal?: AbortSignal },
): Promise<TorusComparison> {
  const ae = new TorusAE({ inputDim, hidden: options.hidden, seed: options.seed });
  let opt: Adam | undefined;
  tf.tidy(() => {
    opt = new Adam(ae.variables(), { lr: 1e-3 });
  });
  const adam = opt as unknown as Adam;
  const n = data.length / inputDim;
  const rng = new Random(options.seed + 17);
  let finalLoss = Number.NaN;
  try {
    for (let e = 0; e < options.epochs; e++) {
      const perm = rng.permutation(n);
      let sum = 0;
      let count = 0;
      for (let lo = 0; lo < n; lo += 128) {
        if (options.signal?.aborted) throw new LsoInterrupted();
        const hi = Math.min(n, lo + 128);
        const rows = new Float32Array((hi - lo) * inputDim);
        for (let i = lo; i < hi; i++)
          rows.set(data.subarray(perm[i] * inputDim, (perm[i] + 1) * inputDim), (i - lo) * inputDim);
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(rows, [hi - lo, inputDim]);
          const vars = ae.variables();
          const { value, grads } = tf.variableGrads(
            () => tf.mean(tf.square(tf.sub(ae.forward(x).reconstruction, x))) as tf.Scalar,
            vars,
          );
          adam.step(vars.map((v) => grads[v.name]));
          return value.dataSync()[0];
        });
        sum += loss;
        count++;
        await new Promise<void>((r) => setTimeout(r, 0));
      }
      finalLoss = sum / count;
    }
    const angles = ae.anglesOf(data);
    const g = options.grid;
    const pts = new Float32Array(g * g * 2);
    for (let j = 0; j < g; j++) {
      for (let i = 0; i < g; i++) {
        pts[2 * (j * g + i)] = -Math.PI + (2 * Math.PI * i) / (g - 1);
        pts[2 * (j * g + i) + 1] = -Math.PI + (2 * Math.PI * j) / (g - 1);
      }
    }
    const logMeasure = new Float64Array(g * g);
    const dec = ae.decoder();
    for (let lo = 0; lo < g * g; lo += 2048) {
      const hi = Math.min(g * g, lo + 2048);
      const G = tf.tidy(() => pullbackMetric(dec, tf.tensor2d(pts.subarray(2 * lo, 2 * hi), [hi - lo, 2])));
      const v = G.dataSync();
      G.dispose();
      for (let p = 0; p < hi - lo; p++) {
        const det = v[4 * p] * v[4 * p + 3] - v[4 * p + 1] * v[4 * p + 2];
        logMeasure[lo + p] = Math.log(Math.sqrt(Math.max(det, 0)) + 1e-10);
      }
    }
    return { angles, logMeasure, finalLoss };
  } finally {
    adam.dispose();
    ae.dispose();
  }
}
