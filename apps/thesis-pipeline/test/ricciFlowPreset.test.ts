import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { initBackend } from '@curv/core';
import { createDatasets, take } from '@curv/datasets';
import { datasetSpec } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import {
  circularSpread,
  degenerateModelNotes,
  divergedNotes,
  nonFiniteEntries,
  RICCI_FLOW_TINY,
  RicciFlowInterrupted,
  type RicciFlowSettings,
  ricciFlowConfig,
  runRicciFlow,
  trainAndMeasure,
} from '../src/ricciFlow/runRicciFlow.js';

const dir = mkdtempSync(join(tmpdir(), 'curv-ricci-'));
beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runRicciFlow (tiny)', () => {
  it('trains none / ∫R² / F / W on both datasets and writes a complete, finite ricci_flow.json', async () => {
    const before = tf.memory().numTensors;
    const result = await runRicciFlow(dir, RICCI_FLOW_TINY);
    expect(tf.memory().numTensors).toBe(before);
    const json = JSON.parse(readFileSync(join(dir, 'ricci_flow.json'), 'utf8'));
    expect(json.datasets.map((d: { dataset: string }) => d.dataset)).toEqual(['Synthetic', 'Swissroll']);
    for (const d of json.datasets) {
      expect(d.table.map((r: { functional: string }) => r.functional)).toEqual(['none', 'R2', 'F', 'W']);
      expect(d.conclusion.length).toBeGreaterThan(50);
      for (const r of d.table) {
        expect(r.neighborhoods.map((q: { k: number }) => q.k)).toEqual(RICCI_FLOW_TINY.ks);
        const values = [
          ...r.neighborhoods.flatMap((q: { trustworthiness: number; continuity: number }) => [
            q.trustworthiness,
            q.continuity,
          ]),
          r.distanceSpearman,
          r.tearing,
          r.conditionNumber.median,
          r.sqrtDet.cv,
          r.meanR2AtData,
          r.meanR2OnGrid,
          r.reconstructionR2,
        ];
        for (const v of values) expect(Number.isFinite(v), `${d.dataset} ${r.name}`).toBe(true);
      }
      for (const m of d.models) {
        expect(m.flow.epochs).toEqual([0, 1, 2, 3]);
        expect(m.flow.integralR2.every(Number.isFinite)).toBe(true);
        expect(m.flow.curvatureSpread.every((v: number) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
      for (const f of d.figures) expect(existsSync(join(dir, 'figures', f))).toBe(true);
    }
    // The flow: with λ_curv > 0, ∫R² on the latent grid falls over training for the ∫R² model (to under half its
    // initial value on both datasets in three epochs), and ends below the model trained without a curvature term.
    for (const d of result.datasets) {
      const r2 = d.models.find((m) => m.functional === 'R2')!.flow.integralR2;
      const none = d.models.find((m) => m.functional === 'none')!.flow.integralR2;
      expect(r2[0]).toBe(none[0]); // same initial weights
      for (let i = 1; i < r2.length; i++) expect(r2[i], `${d.dataset} epoch ${i}`).toBeLessThan(r2[i - 1]);
      expect(r2.at(-1)!).toBeLessThan(0.5 * r2[0]);
      expect(r2.at(-1)!).toBeLessThan(none.at(-1)!);
      const trained = d.models.find((m) => m.functional === 'R2')!.flow.trainedFunctional!;
      expect(trained.name).toBe('Curvature');
      expect(trained.values).toHaveLength(3);
    }
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Perelman W');
  }, 600_000);

  it('trains the Euclidean latent next to the torus with a λ sweep; the conclusion covers both and the sweep', async () => {
    const out = join(dir, 'euclidean');
    const settings: RicciFlowSettings = {
      ...RICCI_FLOW_TINY,
      datasets: ['Swissroll'],
      latentTypes: ['torus', 'euclidean'],
      lambdas: [0.1, 1],
    };
    const before = tf.memory().numTensors;
    const result = await runRicciFlow(out, settings);
    expect(tf.memory().numTensors).toBe(before);
    const d = result.datasets[0];
    const plan = ['none 0', 'R2 0.1', 'R2 1', 'F 0.1', 'F 1', 'W 0.1', 'W 1'];
    expect(d.models.map((m) => `${m.latentType} ${m.functional} ${m.lambda}`)).toEqual([
      ...plan.map((p) => `torus ${p}`),
      ...plan.map((p) => `euclidean ${p}`),
    ]);
    expect(d.models.filter((m) => m.diverged)).toEqual([]);
    expect(d.table).toHaveLength(14);
    for (const latentType of ['torus', 'euclidean'] as const) {
      const group = d.models.filter((m) => m.latentType === latentType);
      // same initial weights within a latent type: every flow starts at the same value
      expect(new Set(group.map((m) => m.flow.integralR2[0])).size).toBe(1);
      for (const m of group) expect(m.flow.integralR2.every(Number.isFinite), m.name).toBe(true);
    }
    // the two latent types start from different decoders (the torus lift)
    expect(d.models[0].flow.integralR2[0]).not.toBe(d.models[7].flow.integralR2[0]);
    expect(d.models[7].latentSpread).toBeUndefined();
    expect(d.models[0].latentSpread).toBeGreaterThan(0);
    for (const r of d.table.filter((r) => r.latentType === 'euclidean')) {
      expect(r.distanceSpearman, r.name).toBeGreaterThan(-1);
      expect(Number.isFinite(r.meanR2OnGrid), r.name).toBe(true);
    }
    expect(d.conclusion).toContain('Swiss roll, torus latent: 7 models');
    expect(d.conclusion).toContain('Swiss roll, Euclidean latent: 7 models');
    for (const f of ['∫R²', 'Perelman F', 'Perelman W'])
      expect(d.conclusion).toContain(`- λ sweep, ${f}: criteria won among its λ`);
    expect(d.figures).toContain('Swissroll_latent_euclidean_W_1.svg');
    expect(d.figures).toContain('Swissroll_flow_euclidean.svg');
    const json = JSON.parse(readFileSync(join(out, 'ricci_flow.json'), 'utf8'));
    expect(Array.isArray(json.nonFinite)).toBe(true);
    expect(json.nonFinite).toEqual(nonFiniteEntries(result));
  }, 600_000);

  it('stops at a batch boundary when the signal is aborted, leaving no JSON, report or temporary file', async () => {
    const out = join(dir, 'interrupted');
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    await expect(
      runRicciFlow(out, RICCI_FLOW_TINY, controller.signal, (line) => {
        if (line.includes('epoch 1/')) controller.abort();
      }),
    ).rejects.toBeInstanceOf(RicciFlowInterrupted);
    expect(tf.memory().numTensors).toBe(before);
    expect(existsSync(join(out, 'ricci_flow.json'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const files = readdirSync(join(out, 'figures'));
    expect(files.some((f) => f.includes('tmp'))).toBe(false);
    expect(files).toContain('Synthetic_ideal.svg');
  }, 120_000);
});

describe('curv run --preset ricci-flow', () => {
  const curv = async (args: string[], signal?: AbortSignal) => {
    let stdout = '';
    let stderr = '';
    const sink = (add: (s: string) => void) =>
      new Writable({
        write(chunk, _enc, cb) {
          add(String(chunk));
          cb();
        },
      });
    const code = await main(args, {
      stdout: sink((s) => (stdout += s)),
      stderr: sink((s) => (stderr += s)),
      signal,
    });
    return { code, stdout, stderr };
  };

  it('runs the preset into DIR/ricci_flow and prints the directory and the conclusions', async () => {
    const out = join(dir, 'cli');
    const r = await curv(['run', '--preset', 'ricci-flow-tiny', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const [first, ...rest] = r.stdout.split('\n');
    expect(JSON.parse(first).dir).toBe(join(out, 'ricci_flow'));
    expect(rest.join('\n')).toContain('Swiss roll, torus latent: 4 models');
    expect(existsSync(join(out, 'ricci_flow', 'ricci_flow.json'))).toBe(true);
    expect(existsSync(join(out, 'ricci_flow', 'report.html'))).toBe(true);
  }, 300_000);

  it('exits 130 without writing results when interrupted', async () => {
    const out = join(dir, 'cli-interrupted');
    const controller = new AbortController();
    controller.abort();
    const r = await curv(['run', '--preset', 'ricci-flow-tiny', '--out', out, '--quiet'], controller.signal);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted');
    expect(existsSync(join(out, 'ricci_flow', 'ricci_flow.json'))).toBe(false);
  }, 60_000);
});

describe('collapsed and non-reconstructing models are flagged', () => {
  it('circularSpread is 0 for one point, √(−2 ln cos a) for ±a, and near the uniform value for a full grid', () => {
    expect(circularSpread([0.3, -1, 0.3, -1, 0.3, -1])).toBeCloseTo(0, 6);
    // Codes at ±0.4 in both angles: R̄ = cos 0.4.
    expect(circularSpread([0.4, 0.4, -0.4, -0.4])).toBeCloseTo(Math.sqrt(-2 * Math.log(Math.cos(0.4))), 10);
    // Across the ±π seam the spread stays small (a flat std would be ≈ π).
    expect(circularSpread([3.1, 0, -3.1, 0])).toBeLessThan(0.1);
    const grid = Array.from({ length: 64 }, (_, i) => [(2 * Math.PI * i) / 64 - Math.PI, 0]).flat();
    expect(circularSpread(grid)).toBeGreaterThan(3); // R̄ = 0 for one coordinate: large
  });

  it('names the model whose codes collapsed or whose reconstruction R² is poor, and only those', () => {
    const model = (name: string, latentSpread: number, reconstructionR2: number) => ({
      name,
      functional: 'W' as const,
      lambda: 0.1,
      latentType: 'torus' as const,
      trainingSeconds: 1,
      reconstructionR2,
      latentSpread,
      flow: { epochs: [0], integralR2: [1], curvatureSpread: [1] },
    });
    const notes = degenerateModelNotes([
      model('good', 1.2, 0.9),
      model('point', 1e-4, 0.14),
      model('blurry', 1, 0.2),
    ]);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(
      /^Caution: point — its codes have collapsed .* and it reconstructs poorly \(R² 0.140\)/,
    );
    expect(notes[1]).toMatch(/^Caution: blurry — it reconstructs poorly/);
  });
});

describe('no NaN leaves the preset silently', () => {
  it('nonFiniteEntries lists every NaN / ±Infinity with its JSON path, typed arrays included', () => {
    const value = {
      a: 1,
      b: [2, Number.NaN, { c: Number.POSITIVE_INFINITY }],
      d: { e: Float32Array.from([0, Number.NEGATIVE_INFINITY]) },
      s: 'NaN',
    };
    expect(nonFiniteEntries(value)).toEqual([
      { path: 'b[1]', value: 'NaN' },
      { path: 'b[2].c', value: 'Infinity' },
      { path: 'd.e[1]', value: '-Infinity' },
    ]);
    expect(nonFiniteEntries({ x: [0, 1e308] })).toEqual([]);
  });

  it('a model whose training hits a NaN is returned as diverged with the term, epoch and batch, not thrown', async () => {
    const config = ricciFlowConfig('Swissroll', 'R2', RICCI_FLOW_TINY, 1, 'euclidean');
    config.optimizer_settings.lr = 100; // blows the decoder up within two steps
    const data = createDatasets(datasetSpec(config), { seed: 0, splitRatio: 0.2 });
    const evalSet = take(
      data.test,
      Array.from({ length: 20 }, (_, i) => i),
    );
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const r = await trainAndMeasure(
      config,
      { functional: 'R2', lambda: 1, latentType: 'euclidean', name: 'blow-up' },
      data,
      evalSet,
      RICCI_FLOW_TINY,
      undefined,
      (l) => lines.push(l),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r.record.diverged).toMatchObject({ term: 'Curvature', epoch: 1, batch: 1 });
    expect(r.record.diverged!.reason).toMatch(/loss term 'Curvature' is NaN at epoch 1, batch 1/);
    expect(r.measurement).toBeUndefined();
    expect(r.record.flow.epochs).toEqual([0]);
    expect(lines.at(-1)).toMatch(/blow-up: diverged — loss term 'Curvature' is NaN/);
    expect(nonFiniteEntries(r.record)).toEqual([]);
  }, 120_000);

  it('a diverged model is named with the reason and where its flow stops', () => {
    const notes = divergedNotes([
      {
        name: 'euclidean F λ=1',
        functional: 'F',
        lambda: 1,
        latentType: 'euclidean',
        trainingSeconds: 2,
        reconstructionR2: 0,
        flow: { epochs: [0, 1, 2], integralR2: [1, 2, 3], curvatureSpread: [1, 1, 1] },
        diverged: {
          reason: "loss term 'Perelman_F' is NaN at epoch 3, batch 4 (0-based); …",
          term: 'Perelman_F',
          epoch: 3,
          batch: 4,
        },
      },
      {
        name: 'fine',
        functional: 'none',
        lambda: 0,
        latentType: 'torus',
        trainingSeconds: 2,
        reconstructionR2: 0.9,
        flow: { epochs: [0], integralR2: [1], curvatureSpread: [1] },
      },
    ]);
    expect(notes).toEqual([
      "Diverged: euclidean F λ=1 — loss term 'Perelman_F' is NaN at epoch 3, batch 4 (0-based); … It has no row in the table; its flow stops at epoch 2.",
    ]);
  });
});
