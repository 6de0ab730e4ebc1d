import { initBackend, Random } from '@curv/core';
import { surfaceWithHole } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fitExpectedMetric,
  GaussianVae,
  gridPoints,
  latentBox,
  RBF_MIN_WEIGHT,
  VaeTrainer,
  vaeLoss,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

async function drain(trainer: VaeTrainer, signal?: AbortSignal) {
  const events = [];
  for await (const ev of trainer.run(signal)) events.push(ev);
  return events;
}

describe('GaussianVae', () => {
  it('vaeLoss: with ε = 0 the terms equal the Gaussian NLL and KL computed by hand', () => {
    const vae = new GaussianVae({ inputDim: 3, hidden: [5], seed: 1 });
    const x = tf.tensor2d([
      [0.1, -0.2, 0.3],
      [1, 0.5, -0.4],
    ]);
    const eps = tf.zeros([2, 2]) as tf.Tensor2D;
    const t = vaeLoss(vae, x, eps, 0.25);
    const q = vae.encode(x);
    const p = vae.decode(q.mean);
    const [mz, lz, mx, lx] = [q.mean, q.logVar, p.mean, p.logVar].map((a) => a.arraySync() as number[][]);
    const xs = x.arraySync();
    let nll = 0;
    let kl = 0;
    for (let b = 0; b < 2; b++) {
      for (let a = 0; a < 3; a++) nll += 0.5 * (lx[b][a] + (xs[b][a] - mx[b][a]) ** 2 / Math.exp(lx[b][a]));
      for (let i = 0; i < 2; i++) kl += 0.5 * (mz[b][i] ** 2 + Math.exp(lz[b][i]) - lz[b][i] - 1);
    }
    expect(t.nll.dataSync()[0]).toBeCloseTo(nll / 2, 4);
    expect(t.kl.dataSync()[0]).toBeCloseTo(kl / 2, 4);
    expect(t.loss.dataSync()[0]).toBeCloseTo(nll / 2 + 0.25 * (kl / 2), 4);
    tf.dispose([x, eps, t.loss, t.nll, t.kl, q.mean, q.logVar, p.mean, p.logVar]);
    vae.dispose();
  });

  it('VaeTrainer: a checkpoint after 2 epochs resumed for 1 more gives the same weights as 3 epochs in one run; abort stops at a batch', async () => {
    const ds = surfaceWithHole({ n: 300 }, new Random(0));
    const opts = { epochs: 3, batchSize: 64, seed: 4 };
    const before = tf.memory().numTensors;
    const a = new VaeTrainer(new GaussianVae({ inputDim: 3, hidden: [8], seed: 2 }), ds.data, opts);
    const evA = await drain(a);
    expect(evA.filter((e) => e.kind === 'epoch')).toHaveLength(3);
    expect(evA.at(-1)?.kind).toBe('done');

    const b = new VaeTrainer(new GaussianVae({ inputDim: 3, hidden: [8], seed: 2 }), ds.data, {
      ...opts,
      epochs: 2,
    });
    await drain(b);
    const bytes = await b.checkpoint();
    const c = VaeTrainer.restore(bytes, ds.data, 'ck', 3);
    expect(c.progress.epoch).toBe(2);
    await drain(c);
    const wa = a.vae.weights();
    const wc = c.vae.weights();
    for (const k of Object.keys(wa)) expect(Array.from(wc[k].data)).toEqual(Array.from(wa[k].data));
    expect(c.progress.history.loss).toHaveLength(3);
    expect(c.progress.history.loss[2]).toBe(a.progress.history.loss[2]);

    const ctrl = new AbortController();
    const d = new VaeTrainer(new GaussianVae({ inputDim: 3, hidden: [8], seed: 2 }), ds.data, opts);
    const seen = [];
    for await (const ev of d.run(ctrl.signal)) {
      seen.push(ev);
      if (ev.kind === 'batch' && ev.batch === 2) ctrl.abort();
    }
    expect(seen.at(-1)).toEqual({ kind: 'aborted', epoch: 0, batch: 2 });
    for (const t of [a, b, c, d]) {
      t.dispose();
      t.vae.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('on the surface with a hole the rescaled expected metric rises off the data: mean √det M on grid points ≥ 0.25 from every latent mean ≫ on the latent means', async () => {
    const ds = surfaceWithHole({ n: 1200 }, new Random(1));
    const vae = new GaussianVae({ inputDim: 3, hidden: [32, 32], seed: 0 });
    const trainer = new VaeTrainer(vae, ds.data, { epochs: 30, batchSize: 64, lr: 3e-3, seed: 0 });
    await drain(trainer);
    const f = await fitExpectedMetric(vae, ds.data, { k: 16, restarts: 3, fit: { epochs: 40, lr: 0.05 } });
    expect(f.history.at(-1)!).toBeLessThan(f.history[0]);
    // The fitted −log β explains the decoder's log-variance better than its mean does.
    const pred = tf.tidy(() => f.rbf.logVariance(tf.tensor2d(f.latentMeans, [f.latentMeans.length / 2, 2])));
    const p = pred.dataSync();
    pred.dispose();
    const t = f.decoderLogVar;
    const mt = t.reduce((s, v) => s + v, 0) / t.length;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < t.length; i++) {
      sse += (t[i] - p[i]) ** 2;
      sst += (t[i] - mt) ** 2;
    }
    console.log('rbf R²', 1 - sse / sst);
    expect(sse / sst).toBeLessThan(0.8);
    expect(Math.min(...f.rbf.weight.dataSync())).toBeGreaterThanOrEqual(RBF_MIN_WEIGHT * (1 - 1e-6));
    const mu = f.latentMeans;
    const n = mu.length / 2;
    const onData = f.metric.measureAt(mu);
    expect(Math.abs(Math.max(...onData) - 1)).toBeLessThan(1e-5);
    const grid = gridPoints(latentBox(mu, 0.5), 40);
    const far: number[] = [];
    for (let g = 0; g < grid.length / 2; g++) {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++)
        best = Math.min(best, Math.hypot(grid[2 * g] - mu[2 * i], grid[2 * g + 1] - mu[2 * i + 1]));
      if (best >= 0.25) far.push(grid[2 * g], grid[2 * g + 1]);
    }
    expect(far.length).toBeGreaterThan(100);
    const offData = f.metric.measureAt(far);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    console.log('mean measure on data', mean(onData), 'far', mean(offData), 'far points', far.length / 2);
    expect(mean(offData)).toBeGreaterThan(100 * mean(onData));
    trainer.dispose();
    vae.dispose();
    f.rbf.dispose();
  });
});

describe('fitExpectedMetric({ clusters })', () => {
  it('reusing a clustering gives the same centres and, for the same a, the same bandwidths and metric; a wrong size throws', async () => {
    const vae = new GaussianVae({ inputDim: 3, hidden: [8], seed: 2 });
    const data = Float32Array.from(new Random(3).normalArray(3 * 120, 0, 1));
    const opts = { k: 5, restarts: 2, seed: 1, fit: { epochs: 2 } };
    const a = await fitExpectedMetric(vae, data, opts);
    const b = await fitExpectedMetric(vae, data, {
      ...opts,
      k: 99, // ignored with clusters
      clusters: { centres: a.centres, assignments: a.assignments },
    });
    expect(Array.from(b.centres)).toEqual(Array.from(a.centres));
    expect(Array.from(b.gamma)).toEqual(Array.from(a.gamma));
    const z = tf.tensor2d([[0.1, -0.2]]);
    const ma = a.metric.metricMatrix(z);
    const mb = b.metric.metricMatrix(z);
    expect(Array.from(mb.dataSync())).toEqual(Array.from(ma.dataSync()));
    const wider = await fitExpectedMetric(vae, data, {
      ...opts,
      a: 3,
      clusters: { centres: a.centres, assignments: a.assignments },
    });
    // γ = ½ / (a·s)²: a 2.4× larger a gives 5.76× smaller bandwidths.
    expect(wider.gamma[0] * 5.76).toBeCloseTo(a.gamma[0], 8);
    await expect(
      fitExpectedMetric(vae, data, {
        ...opts,
        clusters: { centres: a.centres, assignments: a.assignments.subarray(1) },
      }),
    ).rejects.toThrow(/clusters/);
    tf.dispose([z, ma, mb]);
    for (const f of [a, b, wider]) f.rbf.dispose();
    vae.dispose();
  });
});
