import type { ExperimentConfig } from './types.js';

/** Value kinds understood by the validator. */
export type KeyType =
  | 'number'
  | 'nonNegativeNumber'
  | 'positiveNumber'
  | 'integer'
  | 'positiveInteger'
  | 'boolean'
  | 'string'
  | 'integerList'
  | 'pathOrFalse'
  | 'integerOrNull'
  | { oneOf: readonly string[] };

export interface KeySpec {
  type: KeyType;
  /** Default when absent; `undefined` = no default (required unless `optional`). */
  default?: unknown;
  /** Absent is fine and stays absent. */
  optional?: boolean;
  doc: string;
}

type Schema = { [S in keyof ExperimentConfig]: Record<string, KeySpec> };

/**
 * The schema of the experiment YAML with defaults. Defaults reproduce
 * `MNIST_Setting_3` except where a key is required. Dataset-specific keys are checked by
 * `parseConfig` according to `dataset.name`.
 */
export const CONFIG_SCHEMA: Schema = {
  architecture: {
    type: { type: { oneOf: ['TorusAE'] }, default: 'TorusAE', doc: 'network type (only TorusAE)' },
    input_dim: {
      type: 'positiveInteger',
      optional: true,
      doc: 'data dimension (default: output_dim, else from the dataset: 784 MNIST, 3 Swiss roll, D Synthetic)',
    },
    output_dim: { type: 'positiveInteger', optional: true, doc: 'reconstruction dimension (= input_dim)' },
    latent_dim: { type: 'positiveInteger', doc: 'latent dimension d (required)' },
    weights_dtype: { type: { oneOf: ['float32'] }, default: 'float32', doc: 'weights dtype (float32 only)' },
    hidden_dims: { type: 'integerList', default: [512, 256], doc: 'curv extension: hidden sizes [h1, h2]' },
  },
  dataset: {
    name: { type: { oneOf: ['MNIST', 'MNIST_subset', 'Synthetic', 'Swissroll'] }, doc: 'dataset (required)' },
    selected_labels: {
      type: 'integerList',
      optional: true,
      doc: 'MNIST_subset: digits kept (required there)',
    },
    num_points_per_label: {
      type: 'positiveInteger',
      optional: true,
      doc: 'MNIST_subset: images per digit (required there)',
    },
    k: { type: 'positiveInteger', optional: true, doc: 'Synthetic: number of classes (required there)' },
    n: {
      type: 'positiveInteger',
      optional: true,
      doc: 'Synthetic: points per class; Swissroll: points (required there)',
    },
    D: { type: 'positiveInteger', optional: true, doc: 'Synthetic: ambient dimension (required there)' },
    d: { type: 'positiveInteger', optional: true, doc: 'Synthetic: intrinsic dimension (required there)' },
    shift_class: {
      type: 'number',
      optional: true,
      doc: 'Synthetic: in-plane mean shift per class (default 0)',
    },
    interclass_variance: {
      type: 'nonNegativeNumber',
      optional: true,
      doc: 'Synthetic: std of per-class ambient shift (default 0.1)',
    },
    variance_of_classes: {
      type: 'nonNegativeNumber',
      optional: true,
      doc: 'Synthetic: in-plane variance (default 1)',
    },
    swissroll_noise: { type: 'nonNegativeNumber', optional: true, doc: 'Swissroll: noise std (default 0)' },
    data_root: {
      type: 'string',
      optional: true,
      doc: 'curv extension: MNIST IDX directory (default: bundled copy)',
    },
  },
  experiment: {
    name: { type: 'string', doc: 'experiment name = output folder name (required)' },
    weights_loaded_from: {
      type: 'pathOrFalse',
      default: false,
      doc: 'false, or a weights file to start from',
    },
  },
  training_mode: {
    diagnostic_mode: {
      type: 'boolean',
      default: false,
      doc: 'record the diagnostic metrics per batch',
    },
    compute_curvature: { type: 'boolean', default: false, doc: 'add λ_curv · curvature functional' },
    curvature_computation_mode: {
      type: { oneOf: ['jacfwd', 'jacrev', 'gauss', 'intrinsic', 'fd'] },
      default: 'jacfwd',
      doc: 'jacfwd/jacrev = original (gauss route when eps = 0, intrinsic otherwise); gauss | intrinsic | fd',
    },
    compute_contractive_loss: {
      type: 'boolean',
      default: false,
      doc: 'add λ_contractive · contractive loss',
    },
    OOD_regime: {
      type: 'boolean',
      default: false,
      doc: 'OOD refinement (needs OOD_settings)',
    },
    uniform_OOD_sampling_flag: {
      type: 'boolean',
      default: false,
      doc: 'curvature on n_OOD uniform torus samples instead of encodings',
    },
  },
  loss_settings: {
    lambda_recon: { type: 'nonNegativeNumber', default: 1.0, doc: 'weight of MSE' },
    lambda_unif: { type: 'nonNegativeNumber', default: 0.0, doc: 'weight of the equidistribution loss' },
    lambda_curv: { type: 'nonNegativeNumber', default: 0.0, doc: 'weight of the curvature functional' },
    lambda_contractive: { type: 'nonNegativeNumber', default: 0.0, doc: 'weight of the contractive loss' },
    num_moments: { type: 'positiveInteger', default: 4, doc: 'equidistribution moments (2, 3 or 4)' },
    eps: { type: 'nonNegativeNumber', default: 0.0, doc: 'metric regulariser in (g + eps I)^-1' },
    delta_encoder: { type: 'nonNegativeNumber', default: 0.0, doc: 'threshold δ of the contractive loss' },
    curvature_points: {
      type: 'integerOrNull',
      default: null,
      doc: 'curv extension: curvature on the first P encodings of each batch (null = all)',
    },
    curvature_functional: {
      type: { oneOf: ['R2', 'F', 'W'] },
      default: 'R2',
      doc: 'curv extension: ∫R²dμ, Perelman F or W',
    },
    perelman_tau: { type: 'positiveNumber', default: 1.0, doc: 'curv extension: τ of W(g, f, τ)' },
    potential_hidden: {
      type: 'positiveInteger',
      default: 16,
      doc: 'curv extension: hidden width of the potential f',
    },
  },
  optimizer_settings: {
    lr: { type: 'positiveNumber', default: 0.001, doc: 'Adam learning rate' },
    num_epochs: { type: 'positiveInteger', default: 40, doc: 'epochs' },
    weight_decay: {
      type: 'nonNegativeNumber',
      default: 0.0,
      doc: 'L2 weight decay (PyTorch Adam semantics)',
    },
  },
  data_loader_settings: {
    batch_size: { type: 'positiveInteger', default: 128, doc: 'mini-batch size' },
    split_ratio: { type: 'nonNegativeNumber', default: 0.2, doc: 'held-out fraction' },
    random_shuffling: { type: 'boolean', default: false, doc: 'shuffle the training batches every epoch' },
    random_seed: { type: 'integer', default: 0, doc: 'seed of data, split, initialisation and sampling' },
  },
  OOD_settings: {
    N_extr: { type: 'positiveInteger', optional: true, doc: 'extreme points kept' },
    n_ood: { type: 'positiveInteger', optional: true, doc: 'samples per extreme point' },
    sigma_ood: {
      type: 'nonNegativeNumber',
      optional: true,
      doc: 'noise std around extreme points (a standard deviation, not a variance)',
    },
    r_ood: { type: 'nonNegativeNumber', optional: true, doc: 'decay rate of stored extreme values' },
    T_ood: { type: 'positiveInteger', optional: true, doc: 'period in batches' },
    start_ood: { type: 'integer', optional: true, doc: 'first batch index of the OOD term' },
    OOD_w: {
      type: 'nonNegativeNumber',
      optional: true,
      doc: 'weight of the OOD curvature term (added to the batch loss)',
    },
    n_OOD: {
      type: 'positiveInteger',
      optional: true,
      doc: 'uniform torus samples (uniform_OOD_sampling_flag)',
    },
  },
};

/** Describe a key type for error messages. */
export function describeType(t: KeyType): string {
  if (typeof t === 'object') return `one of ${t.oneOf.map((v) => JSON.stringify(v)).join(', ')}`;
  return {
    number: 'a number',
    nonNegativeNumber: 'a number ≥ 0',
    positiveNumber: 'a number > 0',
    integer: 'an integer',
    positiveInteger: 'a positive integer',
    boolean: 'a boolean (true/false)',
    string: 'a string',
    integerList: 'a list of integers',
    pathOrFalse: 'false or a file path',
    integerOrNull: 'a positive integer or null',
  }[t];
}

/** PyYAML (YAML 1.1) booleans that the YAML 1.2 core schema reads as strings. */
const PYYAML_BOOLEANS: Record<string, boolean> = Object.fromEntries(
  ['yes', 'Yes', 'YES', 'on', 'On', 'ON']
    .map((k) => [k, true] as [string, boolean])
    .concat(['no', 'No', 'NO', 'off', 'Off', 'OFF'].map((k) => [k, false] as [string, boolean])),
);

/** Check a value against a key type (after coercing numeric strings such as PyYAML's `1e-6`). */
export function checkType(t: KeyType, v: unknown): { ok: boolean; value: unknown } {
  if (typeof t === 'object') return { ok: typeof v === 'string' && t.oneOf.includes(v), value: v };
  let value = v;
  const numeric = ['number', 'nonNegativeNumber', 'positiveNumber', 'integer', 'positiveInteger'];
  // PyYAML reads `1e-6` (no dot) as a string; accept numeric strings for numeric keys.
  if (numeric.includes(t) && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
    value = Number(v);
  const isNum = typeof value === 'number' && Number.isFinite(value);
  switch (t) {
    case 'number':
      return { ok: isNum, value };
    case 'nonNegativeNumber':
      return { ok: isNum && (value as number) >= 0, value };
    case 'positiveNumber':
      return { ok: isNum && (value as number) > 0, value };
    case 'integer':
      return { ok: isNum && Number.isInteger(value), value };
    case 'positiveInteger':
      return { ok: isNum && Number.isInteger(value) && (value as number) > 0, value };
    case 'boolean': {
      if (typeof v === 'string' && PYYAML_BOOLEANS[v] !== undefined)
        return { ok: true, value: PYYAML_BOOLEANS[v] };
      return { ok: typeof v === 'boolean', value: v };
    }
    case 'string':
      return { ok: typeof v === 'string' && v.length > 0, value: v };
    case 'integerList':
      return {
        ok: Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x)),
        value: v,
      };
    case 'pathOrFalse':
      return { ok: v === false || (typeof v === 'string' && v.length > 0), value: v };
    case 'integerOrNull':
      return {
        ok: v === null || (typeof v === 'number' && Number.isInteger(v) && v > 0),
        value: v,
      };
  }
}
