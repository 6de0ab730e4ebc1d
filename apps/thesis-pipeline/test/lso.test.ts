import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { initBackend, parseSafetensors } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LsoInterrupted } from '../src/lso/lsoInterrupted.js';
import { type LsoSettings, lsoSettings } from '../src/lso/lsoSettings.js';
import { runLso } from '../src/lso/runLso.js';
import { main } from '../src/main.js';

const tiny: LsoSettings = {
  ...lsoSettings(true),
  mnistPerDigit: 40,
  surfacePoints: 200,
  mnistEpochs: 2,
  surfaceEpochs: 2,
  k: 8,
  rbfEpochs: 2,
  restarts: 1,
  grid: 12,
  walkSteps: 20,
  schauderSteps: 5,
  sweepA: [0.5, 1.25],
  sweepK: [4, 8],
  torusEpochs: 1,
  torusHidden: [8, 8],
  kmeansPerDigit: 6,
  kmeansOuter: 2,
  kmeansInner: 2,
  embedNodes: 3,
  embedSteps: 5,
};

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'curv-lso-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function curv(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

describe('curv lso', () => {
  it('curv lso --bogus and curv lso extra exit 2 with one line naming the problem', async () => {
    for (const args of [
      ['lso', '--bogus'],
      ['lso', 'extra'],
      ['lso', '--backend', 'nope'],
    ]) {
      const r = await curv(args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^curv: /);
    }
  });

  it('runLso writes the report, figures, weights and finite results under <out>/lso/quick/, and tensors do not leak', async () => {
    const out = tmp();
    const before = tf.memory().numTensors;
    const r = await runLso(out, tiny);
    expect(r.dir).toBe(join(out, 'lso', 'quick'));
    for (const f of [
      'report.html',
      'results.json',
      'mnist01/figures/magnification.svg',
      'mnist01/figures/log_sigma.png',
      'mnist01/figures/geodesics.svg',
      'mnist01/figures/decoded_along_curves.svg',
      'mnist01/figures/random_walks.svg',
      'mnist01/figures/sweep_log_sigma.svg',
      'mnist01/figures/sweep_geodesics.svg',
      'mnist01/figures/torus_vs_vae.svg',
      'mnist01/figures/kmeans.svg',
      'mnist01/vae_weights.safetensors',
      'mnist01/rbf.safetensors',
      'surface/figures/geodesics.svg',
      'surface/results.json',
    ]) {
      expect(existsSync(join(r.dir, f)), f).toBe(true);
    }
    const text = readFileSync(join(r.dir, 'results.json'), 'utf8');
    expect(text).not.toMatch(/NaN|Infinity/);
    const res = JSON.parse(text);
    expect(res.mnist01.metric.maxMeasureOnData).toBeCloseTo(1, 4);
    expect(res.mnist01.sweep).toHaveLength(3);
    expect(res.surface.geodesics.graphLength).toBeGreaterThan(0);
    // K-means on the expected metric (12 latent means, both digits) and the grid-edge lengths of the embedding.
    expect(res.mnist01.kmeans.points).toBe(12);
    for (const f of [res.mnist01.kmeans.riemannianFMeasure, res.mnist01.kmeans.euclideanFMeasure]) {
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThanOrEqual(1);
    }
    expect(res.surface.kmeans).toBeUndefined();
    for (const ex of [res.mnist01, res.surface]) {
      const [lo, med, hi] = ex.embedding.edgeLengthRange;
      expect(lo).toBeGreaterThan(0);
      expect(lo).toBeLessThanOrEqual(med);
      expect(med).toBeLessThanOrEqual(hi);
      expect(ex.embedding.lengthScale).toBe(med);
    }
    expect(readdirNoTmp(r.dir)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runLso stops on its AbortSignal with LsoInterrupted after a checkpoint, writes no report, and the checkpoint holds the completed epochs', async () => {
    const out = tmp();
    const ctrl = new AbortController();
    const ck = join(out, 'lso', 'quick', 'mnist01', 'vae_checkpoint.safetensors');
    const p = runLso(out, { ...tiny, mnistEpochs: 500 }, ctrl.signal);
    const poll = setInterval(() => {
      if (existsSync(ck)) ctrl.abort();
    }, 10);
    await expect(p).rejects.toBeInstanceOf(LsoInterrupted);
    clearInterval(poll);
    const st = parseSafetensors(readFileSync(ck), ck);
    const state = JSON.parse(st.metadata['curv.vae_trainer']);
    expect(state.epoch).toBeGreaterThanOrEqual(1);
    expect(state.epoch).toBeLessThan(500);
    expect(existsSync(join(out, 'lso', 'quick', 'report.html'))).toBe(false);
    expect(readdirNoTmp(join(out, 'lso'))).toBe(true);
  });
});

/** No temporary files of atomic writes are left behind. */
function readdirNoTmp(dir: string): boolean {
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.tmp')) return false;
    const p = join(dir, f);
    if (statSync(p).isDirectory() && !readdirNoTmp(p)) return false;
  }
  return true;
}
