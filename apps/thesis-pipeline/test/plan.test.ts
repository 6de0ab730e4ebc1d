import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planExperiments } from '../src/commands/run.js';
import { canonicalJson, describeFile, hashValue } from '../src/hash.js';
import { staleReason } from '../src/manifest.js';
import { formatSeconds, formatTable } from '../src/progress.js';
import { pick, strideIndices } from '../src/steps/scatter.js';

const tmp = mkdtempSync(join(tmpdir(), 'curv-plan-'));

describe('planExperiments', () => {
  it("preset 'thesis' validates the three original configurations with their SPEC §9 hyper-parameters and step mapping", () => {
    const { plans } = planExperiments({ preset: 'thesis', out: tmp });
    expect(plans.map((p) => [p.name, p.steps])).toEqual([
      ['MNIST_Setting_3', [1, 2, 4, 5, 9]],
      ['MNIST_Setting_1', [1, 3, 8]],
      ['MNIST_Setting_1_exp1', [1, 6, 7]],
    ]);
    const [s3, s1, exp1] = plans.map((p) => p.config);
    expect(s3.loss_settings.lambda_curv).toBe(0.1);
    expect(s3.loss_settings.lambda_unif).toBe(0.0005);
    expect(s3.training_mode.compute_curvature).toBe(true);
    expect(s3.optimizer_settings.num_epochs).toBe(40);
    expect(s1.training_mode.compute_curvature).toBe(false);
    expect(s1.optimizer_settings.num_epochs).toBe(5);
    expect(exp1.dataset).toMatchObject({
      name: 'MNIST_subset',
      selected_labels: [0, 1, 2],
      num_points_per_label: 1250,
    });
    expect(exp1.data_loader_settings.random_seed).toBe(228);
    expect(exp1.optimizer_settings.num_epochs).toBe(240);
    for (const c of [s3, s1, exp1]) {
      expect(c.architecture.hidden_dims).toEqual([512, 256]);
      expect(c.data_loader_settings.batch_size).toBe(128);
    }
  });

  it("preset 'quick' pairs a λ_curv = 0.1 model with an otherwise identical λ_curv = 0 twin", () => {
    const { plans } = planExperiments({ preset: 'quick', out: tmp });
    expect(plans.map((p) => p.name)).toEqual(['quick_curv', 'quick_nocurv']);
    const [curv, flat] = plans.map((p) => p.config);
    expect(curv.loss_settings.lambda_curv).toBe(0.1);
    expect(curv.training_mode.compute_curvature).toBe(true);
    expect(flat.training_mode.compute_curvature).toBe(false);
    // Everything else (data, seed, architecture, optimiser) is the same.
    const strip = (c: typeof curv) => ({
      ...c,
      experiment: undefined,
      training_mode: undefined,
      loss_settings: { ...c.loss_settings, lambda_curv: undefined },
    });
    expect(canonicalJson(strip(curv))).toBe(canonicalJson(strip(flat)));
    expect(curv.architecture.hidden_dims).toEqual([512, 256]);
    expect(curv.dataset.num_points_per_label).toBe(300);
  });

  it("preset 'topo' trains a λ_topo > 0 model and its λ_topo = 0 twin (Step 1) and records the topology of a test batch", () => {
    const { plans, preset } = planExperiments({ preset: 'topo', out: tmp });
    expect(plans.map((p) => p.name)).toEqual(['topo_latent', 'topo_plain']);
    expect(plans.map((p) => p.steps)).toEqual([[1], [1]]);
    const [topo, plain] = plans.map((p) => p.config);
    expect(topo.loss_settings.lambda_topo).toBeGreaterThan(0);
    expect(plain.loss_settings.lambda_topo).toBe(0);
    expect(topo.loss_settings.topo_space).toBe('latent');
    expect(topo.dataset.name).toBe('MNIST_subset');
    expect(topo.dataset.selected_labels).toEqual([0, 1, 2]);
    // Everything else (data, seed, architecture, optimiser, topology weights and scale) is the same.
    const strip = (c: typeof topo) => ({
      ...c,
      experiment: undefined,
      loss_settings: { ...c.loss_settings, lambda_topo: undefined },
    });
    expect(canonicalJson(strip(topo))).toBe(canonicalJson(strip(plain)));
    expect(preset.params.train.topology?.batch).toBeGreaterThan(0);
  });

  it('--config files replace the preset experiments and run all seven steps; a duplicated experiment name is an error', () => {
    const file = join(tmp, 'mine.yaml');
    writeFileSync(
      file,
      'architecture:\n  latent_dim: 2\ndataset:\n  name: Swissroll\n  n: 300\nexperiment:\n  name: swiss\n',
    );
    const { plans } = planExperiments({ configs: [file], out: tmp });
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      name: 'swiss',
      dir: join(tmp, 'swiss'),
      steps: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    });
    expect(plans[0].config.architecture.input_dim).toBe(3);
    expect(() => planExperiments({ configs: [file, file], out: tmp })).toThrow(
      /experiment.name 'swiss' is used twice/,
    );
  });

  it('unknown configuration keys are reported as warnings, not errors', () => {
    const file = join(tmp, 'extra.yaml');
    writeFileSync(
      file,
      'architecture:\n  latent_dim: 2\n  colour: blue\ndataset:\n  name: Swissroll\n  n: 300\nexperiment:\n  name: extra\n',
    );
    const warnings: string[] = [];
    planExperiments({ configs: [file], out: tmp }, (m) => warnings.push(m));
    expect(warnings.join('\n')).toMatch(/colour/);
  });
});

describe('staleReason', () => {
  it('is undefined only for a done step with the same config hash, unchanged inputs and present outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-stale-'));
    writeFileSync(join(dir, 'in.bin'), 'weights');
    writeFileSync(join(dir, 'out.json'), '{}');
    const rec = {
      step: 2,
      name: 'geometry',
      status: 'done' as const,
      configHash: hashValue({ a: 1 }),
      inputs: [describeFile(join(dir, 'in.bin'), 'in.bin')!],
      outputs: [describeFile(join(dir, 'out.json'), 'out.json')!],
      packages: {},
      startedAt: '',
    };
    expect(staleReason(dir, rec, hashValue({ a: 1 }), ['in.bin'])).toBeUndefined();
    expect(staleReason(dir, undefined, rec.configHash, ['in.bin'])).toBe('never run');
    expect(staleReason(dir, { ...rec, status: 'running' }, rec.configHash, ['in.bin'])).toBe('interrupted');
    expect(staleReason(dir, rec, hashValue({ a: 2 }), ['in.bin'])).toBe('configuration changed');
    writeFileSync(join(dir, 'in.bin'), 'other weights');
    expect(staleReason(dir, rec, rec.configHash, ['in.bin'])).toBe('input in.bin changed');
    writeFileSync(join(dir, 'in.bin'), 'weights');
    writeFileSync(join(dir, 'out.json'), '{"x": 1}');
    expect(staleReason(dir, rec, rec.configHash, ['in.bin'])).toBe('output out.json changed');
  });

  it('hashValue does not depend on object key order', () => {
    expect(hashValue({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(hashValue({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(hashValue({ a: 1 })).not.toBe(hashValue({ a: 1.0000001 }));
  });
});

describe('scatter thinning', () => {
  it('strideIndices keeps everything up to the cap and an even stride above it; pick takes rows', () => {
    expect(Array.from(strideIndices(5, 10))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(strideIndices(10, 4))).toEqual([0, 3, 6, 9]);
    expect(strideIndices(12000).length).toBeLessThanOrEqual(4000);
    expect(Array.from(pick([0, 1, 10, 11, 20, 21], Int32Array.from([2, 0]), 2))).toEqual([20, 21, 0, 1]);
  });
});

describe('progress formatting', () => {
  it('formatSeconds rounds before splitting minutes (119.6 s is 2m00s, not 1m60s)', () => {
    expect([0.4, 59.4, 59.6, 119.6, 3725].map(formatSeconds)).toEqual([
      '0s',
      '59s',
      '1m00s',
      '2m00s',
      '62m05s',
    ]);
  });

  it('formatTable aligns columns under a dashed rule', () => {
    expect(
      formatTable(
        ['a', 'bbb'],
        [
          ['xx', '1'],
          ['y', '22'],
        ],
      ).split('\n'),
    ).toEqual(['a   bbb', '--  ---', 'xx  1', 'y   22']);
  });
});
