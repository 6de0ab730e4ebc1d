import { readFileSync } from 'node:fs';
import { CurvInputError } from '@curv/core';
import type { DatasetSpec } from '@curv/datasets';
import { isMap, isScalar, parseDocument, stringify, visit } from 'yaml';
import {
  CONFIG_SCHEMA,
  checkLimits,
  checkType,
  describeType,
  MAX_CONFIG_BYTES,
  MAX_CONFIG_KEYS,
} from './schema.js';
import type { ConfigOverrides, ExperimentConfig } from './types.js';

export interface ParseConfigOptions {
  /** Receives one message per unknown key/section. Default: `console.warn`. */
  onWarning?: (message: string) => void;
}

const SECTIONS = Object.keys(CONFIG_SCHEMA) as (keyof ExperimentConfig)[];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Validate a parsed config object and fill in defaults (see `CONFIG_SCHEMA`).
 * Wrong type or missing required key → {@link CurvInputError} naming `source`, the key and the
 * expected type; unknown keys/sections → `onWarning`.
 */
export function validateConfig(
  raw: unknown,
  source = '<config>',
  options: ParseConfigOptions = {},
): ExperimentConfig {
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const fail = (key: string, what: string) => new CurvInputError(`${source}: ${key}: ${what}`, key);
  if (!isObject(raw))
    throw new CurvInputError(`${source}: expected a mapping of sections (architecture, dataset, …)`, source);
  for (const s of Object.keys(raw)) {
    if (!(SECTIONS as string[]).includes(s)) warn(`${source}: unknown section '${s}' ignored`);
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const section of SECTIONS) {
    const given = raw[section];
    if (given !== undefined && given !== null && !isObject(given)) {
      throw fail(section, `expected a mapping, got ${JSON.stringify(given)}`);
    }
    const values = (given ?? {}) as Record<string, unknown>;
    const spec = CONFIG_SCHEMA[section] as Record<string, (typeof CONFIG_SCHEMA)['architecture'][string]>;
    const sec: Record<string, unknown> = {};
    for (const k of Object.keys(values)) {
      if (!(k in spec)) warn(`${source}: unknown key '${section}.${k}' ignored`);
    }
    for (const [k, ks] of Object.entries(spec)) {
      const key = `${section}.${k}`;
      const v = values[k];
      if (v === undefined || (v === null && ks.type !== 'integerOrNull')) {
        if (ks.default !== undefined) sec[k] = structuredClone(ks.default);
        else if (!ks.optional) throw fail(key, `missing required key; expected ${describeType(ks.type)}`);
        continue;
      }
      const { ok, value } = checkType(ks.type, v);
      if (!ok) throw fail(key, `expected ${describeType(ks.type)}, got ${JSON.stringify(v)}`);
      sec[k] = value;
    }
    out[section] = sec;
  }
  const cfg = out as unknown as ExperimentConfig;
  // Cross-key rules.
  const a = cfg.architecture;
  const ds = cfg.dataset;
  const need = (keys: string[]) => {
    for (const k of keys) {
      if ((ds as unknown as Record<string, unknown>)[k] === undefined) {
        const ks = (CONFIG_SCHEMA.dataset as Record<string, { type: Parameters<typeof describeType>[0] }>)[k];
        throw fail(
          `dataset.${k}`,
          `missing; required for dataset ${ds.name}; expected ${describeType(ks.type)}`,
        );
      }
    }
  };
  if (ds.name === 'MNIST_subset') need(['selected_labels', 'num_points_per_label']);
  if (ds.name === 'Synthetic') {
    need(['k', 'n', 'D', 'd']);
    ds.shift_class ??= 0;
    ds.interclass_variance ??= 0.1;
    ds.variance_of_classes ??= 1;
  }
  if (ds.name === 'Swissroll') {
    need(['n']);
    ds.swissroll_noise ??= 0;
  }
  if (ds.name === 'MNIST_subset' && ds.selected_labels?.some((l) => l < 0 || l > 9)) {
    throw fail('dataset.selected_labels', `expected digits 0–9, got ${JSON.stringify(ds.selected_labels)}`);
  }
  const dataDim = ds.name === 'Swissroll' ? 3 : ds.name === 'Synthetic' ? (ds.D as number) : 784;
  a.input_dim ??= a.output_dim ?? dataDim;
  a.output_dim ??= a.input_dim;
  if (a.input_dim !== a.output_dim) {
    throw fail(
      'architecture.output_dim',
      `must equal input_dim (${a.input_dim}) for an auto-encoder, got ${a.output_dim}`,
    );
  }
  if (a.input_dim !== dataDim) {
    throw fail(
      'architecture.input_dim',
      `${a.input_dim} does not match the ${ds.name} data dimension ${dataDim}`,
    );
  }
  if (a.hidden_dims.length !== 2 || a.hidden_dims.some((h) => h <= 0)) {
    throw fail(
      'architecture.hidden_dims',
      `expected two positive integers [h1, h2], got ${JSON.stringify(a.hidden_dims)}`,
    );
  }
  checkArchitecture(cfg, fail, warn);
  const tw = cfg.loss_settings.topo_weights;
  if (tw.length !== 7 || tw.some((w) => w < 0)) {
    throw fail(
      'loss_settings.topo_weights',
      `expected 7 numbers ≥ 0 [bottleneck0, bottleneck1, entropy0, entropy1, kernel0, kernel1, density], got ${JSON.stringify(tw)}`,
    );
  }
  const tm = cfg.training_mode;
  const ood = cfg.OOD_settings;
  if (tm.OOD_regime) {
    for (const k of ['N_extr', 'n_ood', 'sigma_ood', 'r_ood', 'T_ood', 'start_ood', 'OOD_w'] as const) {
      if (ood[k] === undefined) {
        throw fail(
          `OOD_settings.${k}`,
          `missing; required when training_mode.OOD_regime is true (there are no defaults); expected ${describeType(CONFIG_SCHEMA.OOD_settings[k].type)}`,
        );
      }
    }
  }
  if (tm.uniform_OOD_sampling_flag && ood.n_OOD === undefined) {
    throw fail(
      'OOD_settings.n_OOD',
      'missing; required when training_mode.uniform_OOD_sampling_flag is true; expected a positive integer',
    );
  }
  checkLimits(cfg, fail);
  return cfg;
}

/**
 * Rules of `architecture.type`: TorusConvAE reads 28×28 images (input_dim 784), has no per-sample
 * encoder Jacobian (batch statistics), so neither the contractive loss nor the diagnostic mode, and
 * takes `activation` (default relu; a warning when the curvature loss is on with relu, whose curvature
 * is partly concentrated on the creases where a ReLU switches, out of sight of derivatives). TorusAE
 * and EuclideanAE take no `activation`.
 */
function checkArchitecture(
  cfg: ExperimentConfig,
  fail: (key: string, what: string) => Error,
  warn: (message: string) => void,
): void {
  const a = cfg.architecture;
  if (a.type !== 'TorusConvAE') {
    if (a.activation !== undefined) {
      throw fail(
        'architecture.activation',
        `applies to TorusConvAE only (${a.type} uses sine); remove it or set architecture.type: TorusConvAE`,
      );
    }
    return;
  }
  if (a.input_dim !== 784) {
    throw fail(
      'architecture.type',
      `TorusConvAE reads 28×28 images (input_dim 784), got input_dim ${a.input_dim}`,
    );
  }
  a.activation ??= 'relu';
  const tm = cfg.training_mode;
  if (tm.compute_contractive_loss) {
    throw fail(
      'training_mode.compute_contractive_loss',
      'not available with TorusConvAE (its batch-normalised encoder has no per-sample Jacobian); expected false',
    );
  }
  if (tm.diagnostic_mode) {
    throw fail(
      'training_mode.diagnostic_mode',
      'not available with TorusConvAE (the diagnostics include per-sample encoder Jacobians); expected false',
    );
  }
  if (tm.compute_curvature && a.activation === 'relu') {
    warn(
      'architecture.activation: relu with training_mode.compute_curvature — the curvature loss sees only the smooth part of the decoder between the creases where a ReLU switches (the part on the creases is invisible to derivatives); softplus gives a smooth decoder',
    );
  }
}

/**
 * Parse the YAML text of a config without validating it (for callers that merge overrides first and
 * then call {@link validateConfig}). YAML 1.2 core schema: `1.e-3` and `0.` are floats; PyYAML's extra
 * booleans (yes/no/on/off, False/True) are accepted for boolean-typed keys by the validator. The `yaml`
 * package's 1.1 schema is not used: it also reads `y`/`n` as booleans, and `n` is a key of the dataset
 * section. Malformed YAML is a {@link CurvInputError} naming `source` ("<source>: invalid YAML (…)"),
 * and so are texts longer than {@link MAX_CONFIG_BYTES}, more than {@link MAX_CONFIG_KEYS} keys, repeated
 * keys in a mapping and more than 100 alias expansions. Time and memory are linear in the text size.
 */
export function parseConfigYaml(text: string, source = '<config>'): unknown {
  const invalid = (what: string) => new CurvInputError(`${source}: invalid YAML (${what})`, source);
  if (text.length > MAX_CONFIG_BYTES) {
    throw new CurvInputError(
      `${source}: config file of ${text.length} characters exceeds the ${MAX_CONFIG_BYTES}-character limit`,
      source,
    );
  }
  // The yaml package's duplicate-key check is quadratic in the size of a mapping; count keys and
  // detect duplicates here instead, with one Set per mapping.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  } catch (e) {
    throw invalid((e as Error).message.split('\n')[0]);
  }
  if (doc.errors.length > 0) throw invalid(doc.errors[0].message.split('\n')[0]);
  let keys = 0;
  let problem: string | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        keys++;
        if (keys > MAX_CONFIG_KEYS) {
          problem = `more than ${MAX_CONFIG_KEYS} keys`;
          return visit.BREAK;
        }
        const k = isScalar(pair.key)
          ? String(pair.key.value)
          : isMap(pair.key)
            ? undefined
            : String(pair.key);
        if (k === undefined) continue;
        if (seen.has(k)) {
          problem = `map keys must be unique; '${k.slice(0, 40)}' is repeated`;
          return visit.BREAK;
        }
        seen.add(k);
      }
      return undefined;
    },
  });
  if (problem) throw invalid(problem);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw invalid((e as Error).message.split('\n')[0]);
  }
}

/**
 * Parse an experiment YAML with PyYAML semantics (`1.e-3` and `0.` are floats; `False`, `no`,
 * `off` are booleans; `n` and `y` stay strings) and validate it (see {@link validateConfig}).
 *
 * ```ts
 * const cfg = parseConfig(readFileSync('MNIST_Setting_3_config.yaml', 'utf8'), 'MNIST_Setting_3_config.yaml');
 * ```
 */
export function parseConfig(
  text: string,
  source = '<config>',
  options: ParseConfigOptions = {},
): ExperimentConfig {
  return validateConfig(parseConfigYaml(text, source), source, options);
}

/** Read and parse a config file; errors name the path. */
export function loadConfig(path: string, options: ParseConfigOptions = {}): ExperimentConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CurvInputError(
      code === 'ENOENT' ? `${path}: no such config file` : `${path}: ${(e as Error).message}`,
      path,
    );
  }
  return parseConfig(text, path, options);
}

/**
 * A complete, valid config: `MNIST_Setting_3`'s values (MNIST, λ_unif 5e-4, λ_curv 0.1 with
 * curvature on, 40 epochs, batch 128, lr 1e-3) with `overrides` merged section by section and
 * validated.
 */
export function defaultConfig(overrides: ConfigOverrides = {}): ExperimentConfig {
  const base: ConfigOverrides = {
    architecture: { type: 'TorusAE', latent_dim: 2, hidden_dims: [512, 256] },
    dataset: { name: 'MNIST' },
    experiment: { name: 'MNIST_Setting_3', weights_loaded_from: false },
    training_mode: { compute_curvature: true, curvature_computation_mode: 'jacfwd' },
    loss_settings: { lambda_recon: 1, lambda_unif: 0.0005, lambda_curv: 0.1, num_moments: 4, eps: 0 },
    optimizer_settings: { lr: 0.001, num_epochs: 40, weight_decay: 0 },
    data_loader_settings: { batch_size: 128, split_ratio: 0.2, random_shuffling: false, random_seed: 0 },
  };
  const merged: Record<string, Record<string, unknown>> = {};
  for (const s of SECTIONS) {
    merged[s] = { ...(base[s] ?? {}), ...(overrides[s] ?? {}) } as Record<string, unknown>;
  }
  // Dataset-dependent dimensions are recomputed unless given explicitly.
  if (overrides.dataset && !overrides.architecture?.input_dim) {
    delete merged.architecture.input_dim;
    delete merged.architecture.output_dim;
  }
  return validateConfig(merged, 'defaultConfig', {
    onWarning: (m) => {
      // Unknown keys are programming errors here; advice about valid settings is only shown.
      if (/unknown (key|section)/.test(m)) throw new CurvInputError(m);
      console.warn(m);
    },
  });
}

/** Serialise a config as YAML (readable by {@link parseConfig} and by PyYAML). */
export function stringifyConfig(cfg: ExperimentConfig): string {
  return stringify(cfg);
}

/** The `@curv/datasets` spec of the config's dataset section. */
export function datasetSpec(cfg: ExperimentConfig): DatasetSpec {
  const d = cfg.dataset;
  switch (d.name) {
    case 'MNIST':
      return { name: 'MNIST' };
    case 'MNIST_subset':
      return {
        name: 'MNIST_subset',
        selectedLabels: d.selected_labels!,
        numPointsPerLabel: d.num_points_per_label!,
      };
    case 'Synthetic':
      return {
        name: 'Synthetic',
        k: d.k!,
        n: d.n!,
        d: d.d!,
        D: d.D!,
        shiftClass: d.shift_class ?? 0,
        interclassVariance: d.interclass_variance ?? 0.1,
        varianceOfClasses: d.variance_of_classes ?? 1,
      };
    case 'Swissroll':
      return { name: 'Swissroll', n: d.n!, noise: d.swissroll_noise ?? 0 };
  }
}
