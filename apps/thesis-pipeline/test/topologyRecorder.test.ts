import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import { defaultConfig, TorusAE } from '@curv/models';
import {
  bottleneckDistance,
  h0Diagram,
  h1Diagram,
  ripsPersistence,
  ripsPersistenceOfDistances,
  tensorDistances,
} from '@curv/topology';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPreset } from '../src/presets.js';
import type { Progress } from '../src/progress.js';
import { createStepContext, type ExperimentPlan } from '../src/step.js';
import { TOPOLOGY_FILES, type TopologyHistory, TopologyRecorder } from '../src/steps/topologyRecorder.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('TopologyRecorder', () => {
  it('records per epoch the bottleneck distances of the latent vs the (scaled) image diagrams, keeps them over a resume, and writes the figures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-topo-'));
    const config = defaultConfig({
      architecture: { hidden_dims: [32, 16] },
      dataset: { name: 'MNIST_subset', selected_labels: [0, 1], num_points_per_label: 30 },
      experiment: { name: 'topo_rec' },
      training_mode: { compute_curvature: false },
    });
    const plan: ExperimentPlan = { name: 'topo_rec', dir, config, source: 'test', steps: [1] };
    const { test } = createDatasets(
      { name: 'MNIST_subset', selectedLabels: [0, 1], numPointsPerLabel: 30 },
      { seed: 0, splitRatio: 0.2 },
    );
    const ctxOf = () =>
      createStepContext(plan, getPreset('topo').params, {} as Progress, new AbortController().signal).ctx;
    const model = new TorusAE({ inputDim: 784, hidden: [32, 16], seed: 4 });
    const n0 = tf.memory().numTensors;
    const rec = new TopologyRecorder(ctxOf(), test, 10, 0.05);
    const row = rec.record(1, model);
    // independent computation: the first 10 test images, distances × 0.05, vs the latent angles
    const x = tf.tensor2d(test.data.slice(0, 10 * 784), [10, 784]);
    const d = tensorDistances(x);
    x.dispose();
    const rows = Array.from({ length: 10 }, (_, i) =>
      Array.from(d.subarray(i * 10, i * 10 + 10), (v) => v * 0.05),
    );
    const target = ripsPersistenceOfDistances(rows, { maxdim: 1 });
    const latent = ripsPersistence(model.anglesOf(test.data.slice(0, 10 * 784)), { dim: 2, periodic: true });
    expect(row.h0).toBeCloseTo(bottleneckDistance(h0Diagram(latent), h0Diagram(target)).distance, 10);
    expect(row.h1).toBeCloseTo(bottleneckDistance(h1Diagram(latent), h1Diagram(target)).distance, 10);
    expect(row.h0).toBeGreaterThan(0);
    rec.record(2, model);
    // a resumed run (new recorder) keeps epochs 1, 2 and replaces a re-recorded epoch 2
    const again = new TopologyRecorder(ctxOf(), test, 10, 0.05);
    again.record(2, model);
    again.record(3, model);
    const ctx = ctxOf();
    const last = new TopologyRecorder(ctx, test, 10, 0.05);
    last.finish(model);
    const h = JSON.parse(readFileSync(join(dir, TOPOLOGY_FILES.history), 'utf8')) as TopologyHistory;
    expect(h.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(h.batch).toBe(10);
    expect(h.dataScale).toBe(0.05);
    for (const f of [
      TOPOLOGY_FILES.figHistory,
      TOPOLOGY_FILES.figLatent,
      TOPOLOGY_FILES.figData,
      TOPOLOGY_FILES.figRecon,
    ])
      expect(existsSync(join(dir, `${f}.svg`))).toBe(true);
    expect(ctx.summary.bottleneck_h0_final).toBe(h.epochs[2].h0);
    // a different data scale does not reuse the record
    const other = new TopologyRecorder(ctxOf(), test, 10, 1);
    expect(other.record(1, model).h0).not.toBeCloseTo(row.h0, 3);
    expect(tf.memory().numTensors).toBe(n0);
    model.dispose();
  });
});
