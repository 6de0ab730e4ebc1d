import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CurvInputError } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { datasetSpec, defaultConfig, loadConfig, parseConfig, stringifyConfig } from '../src/index.js';

const fixture = (n: string) => join(import.meta.dirname, 'fixtures', n);

describe('parseConfig / loadConfig', () => {
  it('loadConfig reads MNIST_Setting_3 with its values and fills documented defaults', () => {
    const warnings: string[] = [];
    const c = loadConfig(fixture('MNIST_Setting_3_config.yaml'), { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    expect(c.architecture).toEqual({
      type: 'TorusAE',
      latent_dim: 2,
      input_dim: 784,
      output_dim: 784,
      weights_dtype: 'float32',
      hidden_dims: [512, 256],
    });
    expect(c.experiment.weights_loaded_from).toBe(false);
    expect(c.training_mode.compute_curvature).toBe(true);
    expect(c.loss_settings.lambda_unif).toBe(0.0005);
    expect(c.loss_settings.lambda_contractive).toBe(0);
    expect(c.loss_settings.curvature_points).toBeNull();
    expect(c.loss_settings.curvature_functional).toBe('R2');
    expect(c.optimizer_settings.num_epochs).toBe(40);
    expect(c.data_loader_settings.random_shuffling).toBe(false);
  });

  it('parseConfig follows PyYAML: 1.e-3 and 0. are floats, False is a boolean, lists stay lists', () => {
    const c = loadConfig(fixture('MNIST_Setting_1_exp1_config.yaml'), { onWarning: () => {} });
    expect(c.optimizer_settings.lr).toBe(0.001);
    expect(c.loss_settings.lambda_unif).toBe(0);
    expect(c.loss_settings.delta_encoder).toBe(2);
    expect(c.experiment.weights_loaded_from).toBe(false);
    expect(c.training_mode.compute_curvature).toBe(false);
    expect(c.dataset.selected_labels).toEqual([0, 1, 2]);
    expect(c.data_loader_settings.random_seed).toBe(228);
    expect(datasetSpec(c)).toEqual({
      name: 'MNIST_subset',
      selectedLabels: [0, 1, 2],
      numPointsPerLabel: 1250,
    });
  });

  it('parseConfig reads the Swiss roll and Synthetic settings (missing weights_dtype → float32)', () => {
    const s = loadConfig(fixture('Swissroll_Setting_1_config.yaml'));
    expect(s.architecture.weights_dtype).toBe('float32');
    expect(s.dataset.swissroll_noise).toBe(1e-6);
    expect(s.loss_settings.eps).toBe(0.1);
    expect(datasetSpec(s)).toEqual({ name: 'Swissroll', n: 18000, noise: 1e-6 });
    const y = loadConfig(fixture('Synthetic_Setting_1_config.yaml'));
    expect(datasetSpec(y)).toEqual({
      name: 'Synthetic',
      k: 3,
      n: 18000,
      d: 2,
      D: 784,
      shiftClass: 0,
      interclassVariance: 0.1,
      varianceOfClasses: 1,
    });
  });

  it('parseConfig rejects a wrong type naming the key and the expected type', () => {
    const text =
      'architecture: {latent_dim: 2}\ndataset: {name: MNIST}\nexperiment: {name: x}\noptimizer_settings: {lr: fast}\n';
    expect(() => parseConfig(text, 'my.yaml')).toThrow(CurvInputError);
    expect(() => parseConfig(text, 'my.yaml')).toThrow(
      /my.yaml: optimizer_settings.lr: expected a number > 0, got "fast"/,
    );
    const t2 =
      'architecture: {latent_dim: 2}\ndataset: {name: MNIST}\nexperiment: {name: x}\ntraining_mode: {compute_curvature: 1}\n';
    expect(() => parseConfig(t2, 'c.yaml')).toThrow(
      /training_mode.compute_curvature: expected a boolean \(true\/false\), got 1/,
    );
  });

  it('parseConfig rejects a missing required key naming it and its type', () => {
    expect(() => parseConfig('dataset: {name: MNIST}\nexperiment: {name: x}\n', 'a.yaml')).toThrow(
      /a.yaml: architecture.latent_dim: missing required key; expected a positive integer/,
    );
    expect(() =>
      parseConfig(
        'architecture: {latent_dim: 2}\ndataset: {name: MNIST_subset}\nexperiment: {name: x}\n',
        'b.yaml',
      ),
    ).toThrow(
      /b.yaml: dataset.selected_labels: missing; required for dataset MNIST_subset; expected a list of integers/,
    );
    const ood =
      'architecture: {latent_dim: 2}\ndataset: {name: MNIST}\nexperiment: {name: x}\ntraining_mode: {OOD_regime: true}\n';
    expect(() => parseConfig(ood, 'o.yaml')).toThrow(
      /o.yaml: OOD_settings.N_extr: missing; required when training_mode.OOD_regime/,
    );
  });

  it('parseConfig warns about unknown keys and sections but accepts the file', () => {
    const w: string[] = [];
    const c = parseConfig(
      'architecture: {latent_dim: 2, colour: red}\ndataset: {name: MNIST}\nexperiment: {name: x}\nplots: {dpi: 300}\n',
      'w.yaml',
      { onWarning: (m) => w.push(m) },
    );
    expect(c.architecture.latent_dim).toBe(2);
    expect(w).toEqual([
      "w.yaml: unknown section 'plots' ignored",
      "w.yaml: unknown key 'architecture.colour' ignored",
    ]);
  });

  it('parseConfig reads PyYAML booleans yes/no/on/off for boolean keys only', () => {
    const c = parseConfig(
      'architecture: {latent_dim: 2}\ndataset: {name: MNIST}\nexperiment: {name: "no"}\ntraining_mode: {compute_curvature: yes, OOD_regime: Off}\n',
      'b.yaml',
    );
    expect(c.training_mode.compute_curvature).toBe(true);
    expect(c.training_mode.OOD_regime).toBe(false);
    expect(c.experiment.name).toBe('no');
  });

  it('parseConfig reports YAML syntax errors with the source name', () => {
    expect(() => parseConfig('architecture: [1, 2\n', 'bad.yaml')).toThrow(/bad.yaml: invalid YAML/);
    expect(() => loadConfig('/nonexistent/x.yaml')).toThrow(/x.yaml: no such config file/);
  });

  it('defaultConfig(overrides) is valid, derives input_dim from the dataset and round-trips through YAML', () => {
    const c = defaultConfig({
      dataset: { name: 'MNIST_subset', selected_labels: [0, 1, 2], num_points_per_label: 300 },
      loss_settings: { curvature_points: 32 },
    });
    expect(c.architecture.input_dim).toBe(784);
    expect(c.loss_settings.curvature_points).toBe(32);
    const s = defaultConfig({ dataset: { name: 'Swissroll', n: 100 } });
    expect(s.architecture.input_dim).toBe(3);
    const dir = mkdtempSync(join(tmpdir(), 'curv-cfg-'));
    writeFileSync(join(dir, 'c.yaml'), stringifyConfig(c));
    expect(loadConfig(join(dir, 'c.yaml'))).toEqual(c);
    expect(() => defaultConfig({ architecture: { input_dim: 5 } })).toThrow(
      /input_dim: 5 does not match the MNIST data dimension 784/,
    );
  });
});
