import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import type { KMeansIterationState } from '@curv/kmeans';
import { riemannianKMeans } from '@curv/kmeans';
import * as tf from '@tensorflow/tfjs-core';
import omggif from 'omggif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planExperiments } from '../src/commands/run.js';
import { type Manifest, readManifest } from '../src/manifest.js';
import { runPipeline } from '../src/pipeline.js';
import { resolvePipelineSettings } from '../src/pipelineSettings.js';
import { PRESETS } from '../src/presets.js';
import { createProgress } from '../src/progress.js';
import { OCTOPUS_ANIMATION } from '../src/steps/clusteringFigures.js';
import {
  curvePointIndices,
  kmeansAlgorithmOptions,
  kmeansProgressRecorder,
  readKMeansProgress,
  snapshotIterations,
} from '../src/steps/kmeansProgress.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('K-means progress snapshots', () => {
  it('snapshotIterations: evenly spaced outer iterations from the first to the last, bounded by frames', () => {
    const it75 = snapshotIterations(75, 38);
    expect(it75).toHaveLength(38);
    expect(it75[0]).toBe(0);
    expect(it75[37]).toBe(74);
    for (let i = 1; i < it75.length; i++) {
      expect(it75[i] - it75[i - 1]).toBeGreaterThanOrEqual(1);
      expect(it75[i] - it75[i - 1]).toBeLessThanOrEqual(3);
    }
    expect(snapshotIterations(6, 30)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(snapshotIterations(10, 0)).toEqual([]);
    expect(snapshotIterations(10, 1)).toEqual([9]);
    expect(snapshotIterations(10, 4)).toEqual([0, 3, 6, 9]);
  });

  it('curvePointIndices keeps both ends and at most 25 points', () => {
    const idx = curvePointIndices(100);
    expect(idx).toHaveLength(25);
    expect(idx[0]).toBe(0);
    expect(idx[24]).toBe(99);
    expect(curvePointIndices(17)).toEqual(Array.from({ length: 17 }, (_, i) => i));
  });

  it('the recorder copies only the chosen iterations, with subsampled curves that keep their ends', () => {
    const [N, K, S, d] = [2, 2, 40, 2];
    const rec = kmeansProgressRecorder(5, 2); // iterations 0 and 4
    const buffer = new Float32Array(N * K * S * d);
    for (let t = 0; t < 5; t++) {
      // the same buffer reused every iteration, as riemannianKMeans may do
      buffer.forEach((_, q) => {
        buffer[q] = 1000 * t + q;
      });
      const state: KMeansIterationState = {
        curves: buffer,
        labels: Int32Array.from([t % 2, 1]),
        centroids: Float64Array.from([t, 0, -t, 0]),
        shape: [N, K, S, d],
      };
      rec.record(t, state);
    }
    const p = rec.result()!;
    expect(p.iterations).toEqual([0, 4]);
    expect([p.F, p.N, p.K, p.S, p.d]).toEqual([2, 2, 2, 25, 2]);
    const per = N * K * 25 * d;
    // curve (i=1, k=0) of snapshot 1 (iteration 4): first point = source point 0, last = source point 39
    const c = (1 * K + 0) * 25;
    expect(p.curves[per + c * d]).toBe(4000 + (1 * K + 0) * S * d);
    expect(p.curves[per + (c + 24) * d + 1]).toBe(4000 + ((1 * K + 0) * S + 39) * d + 1);
    expect(Array.from(p.labels)).toEqual([0, 1, 0, 1]);
    expect(Array.from(p.centroids)).toEqual([0, 0, -0, 0, 4, 0, -4, 0]);
    expect(kmeansProgressRecorder(5, 0).result()).toBeUndefined();
  });
});

describe('kmeans.legacy', () => {
  /** g = I: geodesic lengths are chart lengths. */
  const flat = (z: tf.Tensor2D) =>
    tf.tidy(() => tf.eye(2).expandDims(0).tile([z.shape[0], 1, 1]) as tf.Tensor3D);
  // Three tight blobs on a line; the third start centroid is above the middle blob and farther from
  // every point than the other two, so no point chooses it: its cluster is empty from the start.
  const centres = [-1.5, 0, 1.5];
  const points: number[][] = [];
  const truth: number[] = [];
  centres.forEach((cx, k) => {
    for (let i = 0; i < 8; i++) {
      points.push([cx + 0.05 * Math.cos(i), 0.05 * Math.sin(i)]);
      truth.push(k);
    }
  });
  const run = (legacy: boolean) =>
    riemannianKMeans(points, 3, {
      metric: flat,
      nMax: 2,
      S: 9,
      outerIterations: 12,
      innerIterations: 1,
      initialCentroids: [
        [-0.8, 0],
        [0.8, 0],
        [0, 2.4],
      ],
      ...kmeansAlgorithmOptions({ legacy, beta: 'auto' }),
    });

  it('maps to the library: legacy with β auto uses the original fixed β 1e-4; default keeps auto', () => {
    expect(kmeansAlgorithmOptions({ legacy: true, beta: 'auto' })).toEqual({ legacy: true, beta: undefined });
    expect(kmeansAlgorithmOptions({ legacy: true, beta: 0.01 })).toEqual({ legacy: true, beta: 0.01 });
    expect(kmeansAlgorithmOptions({ legacy: false, beta: 'auto' })).toEqual({ legacy: false, beta: 'auto' });
  });

  it('changes the K-means result when a cluster empties: legacy keeps it empty, the default re-seeds it', () => {
    const modern = run(false);
    const legacy = run(true);
    expect(legacy.settings).toMatchObject({
      legacy: true,
      beta: 1e-4,
      reseedEmpty: false,
      frozenGeodesics: true,
      frechetWeight: 'cluster0',
    });
    expect(modern.settings).toMatchObject({ legacy: false, beta: 'auto', reseedEmpty: true });
    // legacy: cluster 2 never gets a point and its centroid never moves
    expect(new Set(legacy.labels).size).toBe(2);
    expect(legacy.reseededCentroids).toBe(0);
    expect(legacy.centroids[4]).toBeCloseTo(0, 12);
    expect(legacy.centroids[5]).toBeCloseTo(2.4, 12);
    // default: the empty centroid is re-seeded and the three blobs are found
    expect(modern.reseededCentroids).toBeGreaterThanOrEqual(1);
    expect(new Set(modern.labels).size).toBe(3);
    const same = (a: ArrayLike<number>, b: number[]) =>
      b.every((_, i) => b.every((__, j) => (a[i] === a[j]) === (b[i] === b[j])));
    expect(same(modern.labels, truth)).toBe(true);
    expect(same(legacy.labels, truth)).toBe(false);
  });
});

describe('kmeans.legacy and kmeans.frames settings', () => {
  const resolve = (set: string[]) =>
    resolvePipelineSettings(PRESETS.thesis.params, {
      set: set.map((a) => ({ key: a.split('=')[0], value: a.split('=')[1] })),
    }).params.kmeans;

  it('parse as a boolean and an integer in [0, 200]; bad values name the key and what was expected', () => {
    expect(resolve(['kmeans.legacy=true', 'kmeans.frames=0'])).toMatchObject({ legacy: true, frames: 0 });
    expect(resolve([])).toMatchObject({ legacy: false, frames: 38 });
    expect(() => resolve(['kmeans.frames=201'])).toThrow(
      "--set kmeans.frames '201': expected an integer ≥ 0 and ≤ 200",
    );
    expect(() => resolve(['kmeans.frames=-1'])).toThrow(/kmeans.frames '-1'/);
    expect(() => resolve(['kmeans.legacy=yes'])).toThrow("--set kmeans.legacy 'yes': expected true or false");
  });
});

describe('curv run (tiny): octopus animation and the legacy flag', () => {
  const out = mkdtempSync(join(tmpdir(), 'curv-kmeans-figures-'));
  const quiet = createProgress({ quiet: true });
  const run = (set: string[] = []) => {
    const plans = planExperiments({ preset: 'tiny', out, set }).plans.filter((p) => p.name === 'quick_curv');
    return runPipeline({
      experiments: plans,
      params: PRESETS.tiny.params,
      preset: 'tiny',
      out,
      steps: [1, 6, 7],
      progress: quiet,
    });
  };
  const file = (rel: string) => join(out, 'quick_curv', rel);
  const frames = (seed: number) => {
    const reader = new omggif.GifReader(readFileSync(file(`K_means_setup_${seed}/${OCTOPUS_ANIMATION}`)));
    return Array.from({ length: reader.numFrames() }, (_, f) => {
      const rgba = new Uint8Array(reader.width * reader.height * 4);
      reader.decodeAndBlitFrameRGBA(f, rgba);
      return rgba;
    });
  };
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes kmeans.frames snapshots and an animated GIF with one frame per snapshot', async () => {
    const r = await run();
    expect(r.ok).toBe(true);
    const { outer, frames: wanted, seeds, n, steps } = PRESETS.tiny.params.kmeans;
    const F = Math.min(outer, wanted);
    for (const seed of seeds) {
      const p = readKMeansProgress(file(`K_means_setup_${seed}/kmeans_progress.safetensors`));
      expect([p.F, p.N, p.K, p.S, p.d]).toEqual([F, n, 3, Math.min(steps, 25), 2]);
      expect(p.iterations).toEqual(snapshotIterations(outer, wanted));
      // the last snapshot is the final state of step 6: its labels are params.json's
      const params = JSON.parse(readFileSync(file(`K_means_setup_${seed}/params.json`), 'utf8'));
      expect(Array.from(p.labels.subarray((F - 1) * n))).toEqual(params.Riemannian_k_means_labels);
      expect(params.legacy).toBe(false);
      const gif = frames(seed);
      expect(gif).toHaveLength(F);
      // the centroids move: the first and the last frame differ
      expect(Buffer.from(gif[0]).equals(Buffer.from(gif[F - 1]))).toBe(false);
    }
    const m = readManifest(join(out, 'quick_curv')) as Manifest;
    expect(m.steps[7].outputs.map((o) => o.path)).toContain(`K_means_setup_${seeds[0]}/${OCTOPUS_ANIMATION}`);
    const html = readFileSync(file('report.html'), 'utf8');
    expect(html).toContain('data:image/gif;base64,');
  }, 300_000);

  it('--set kmeans.frames=3 gives a three-frame animation', async () => {
    const r = await run(['kmeans.frames=3']);
    expect(r.outcomes.map((o) => `${o.step}:${o.status}`)).toEqual(['1:skipped', '6:done', '7:done']);
    expect(frames(PRESETS.tiny.params.kmeans.seeds[0])).toHaveLength(3);
  }, 300_000);

  it('--set kmeans.legacy=true re-runs steps 6 and 7, changes the result, and is in the manifest and config hash', async () => {
    const before = readManifest(join(out, 'quick_curv')) as Manifest;
    const seed = PRESETS.tiny.params.kmeans.seeds[0];
    const modern = JSON.parse(readFileSync(file(`K_means_setup_${seed}/params.json`), 'utf8'));
    const r = await run(['kmeans.frames=3', 'kmeans.legacy=true']);
    expect(r.outcomes.map((o) => `${o.step}:${o.status}`)).toEqual(['1:skipped', '6:done', '7:done']);
    const after = readManifest(join(out, 'quick_curv')) as Manifest;
    expect(after.steps[6].configHash).not.toBe(before.steps[6].configHash);
    expect(after.steps[7].configHash).not.toBe(before.steps[7].configHash);
    expect(after.steps[1].configHash).toBe(before.steps[1].configHash);
    expect(after.overrides).toContainEqual({ key: 'kmeans.legacy', value: true, source: '--set' });
    expect((after.params as typeof PRESETS.tiny.params).kmeans.legacy).toBe(true);
    const legacy = JSON.parse(readFileSync(file(`K_means_setup_${seed}/params.json`), 'utf8'));
    expect(legacy).toMatchObject({
      legacy: true,
      frozen_geodesics: true,
      frechet_weight: 'cluster0',
      reseed_empty_clusters: false,
      reseeded_centroids: 0,
    });
    expect(legacy.centroids).not.toEqual(modern.centroids);
  }, 300_000);
});
