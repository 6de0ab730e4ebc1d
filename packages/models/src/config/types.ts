/**
 * Typed experiment configuration: the sections and snake_case keys of the original YAML files
 * plus a few documented extensions (marked "curv extension"). Every field is present
 * after {@link parseConfig} (defaults filled in), except the optional `OOD_settings` values.
 */
export type CurvatureMode = 'jacfwd' | 'jacrev' | 'gauss' | 'intrinsic' | 'fd';
export type CurvatureFunctional = 'R2' | 'F' | 'W';
export type TopoSpace = 'latent' | 'decoded';
export type DatasetName = 'MNIST' | 'MNIST_subset' | 'Synthetic' | 'Swissroll';

export interface ArchitectureSettings {
  /**
   * `TorusAE` (sine MLP, every original config), `TorusConvAE` (convolutional, 28×28 images only) or, as a
   * curv extension, `EuclideanAE` (the same sine network with latent R^d instead of the torus).
   */
  type: 'TorusAE' | 'TorusConvAE' | 'EuclideanAE';
  /**
   * TorusConvAE only: `relu` (the original; filled in when absent) or `softplus` (a smooth decoder, whose
   * curvature derivatives see in full). Absent for the other types.
   */
  activation?: 'relu' | 'softplus';
  input_dim: number;
  output_dim: number;
  latent_dim: number;
  weights_dtype: 'float32';
  /** curv extension: hidden sizes [h₁, h₂] (the original hard-codes [512, 256]). */
  hidden_dims: [number, number];
}

export interface DatasetSettings {
  name: DatasetName;
  /** MNIST_subset: digits to keep. */
  selected_labels?: number[];
  /** MNIST_subset: images per digit. */
  num_points_per_label?: number;
  /** Synthetic: classes. */
  k?: number;
  /** Synthetic: points per class; Swissroll: number of points. */
  n?: number;
  /** Synthetic: ambient dimension. */
  D?: number;
  /** Synthetic: intrinsic dimension. */
  d?: number;
  shift_class?: number;
  interclass_variance?: number;
  variance_of_classes?: number;
  swissroll_noise?: number;
  /** curv extension: directory of MNIST IDX files (default: the bundled copy). */
  data_root?: string;
}

export interface ExperimentSettings {
  name: string;
  /** `false` = train from scratch, otherwise a weights file (safetensors) loaded before training. */
  weights_loaded_from: string | false;
}

export interface TrainingModeSettings {
  diagnostic_mode: boolean;
  compute_curvature: boolean;
  /**
   * `jacfwd`/`jacrev` (original names: the tensor pipeline) map to the `gauss` route when eps = 0
   * (identical numbers) and to `intrinsic` when eps > 0; `gauss`, `intrinsic`, `fd`
   * choose the route explicitly.
   */
  curvature_computation_mode: CurvatureMode;
  compute_contractive_loss: boolean;
  OOD_regime: boolean;
  uniform_OOD_sampling_flag: boolean;
}

export interface LossSettings {
  lambda_recon: number;
  lambda_unif: number;
  lambda_curv: number;
  lambda_contractive: number;
  num_moments: number;
  eps: number;
  delta_encoder: number;
  /**
   * curv extension: number of the batch's encodings on which the curvature term is evaluated
   * (the first P of the batch); `null` = all of them (original behaviour).
   */
  curvature_points: number | null;
  /**
   * curv extension: which curvature functional λ_curv weights: `R2` = ∫R² dμ (original),
   * `F` = Perelman's F(g, f), `W` = Perelman's W(g, f, τ).
   */
  curvature_functional: CurvatureFunctional;
  /** curv extension: τ of W(g, f, τ). */
  perelman_tau: number;
  /** curv extension: hidden width of the periodic potential network f (F and W functionals). */
  potential_hidden: number;
  /** curv extension: weight of the topological regulariser; 0 = not part of the loss. */
  lambda_topo: number;
  /**
   * curv extension: the regulariser's 7 weights [bottleneck0, bottleneck1, entropy0, entropy1,
   * kernel0, kernel1, density] (default [10, 10, 10, 10, 0, 0, 0]).
   */
  topo_weights: number[];
  /**
   * curv extension: `latent` compares the persistence of the batch's latent codes (flat-torus
   * distances) with that of the data batch; `decoded` that of the reconstructions with the inputs.
   */
  topo_space: TopoSpace;
  /**
   * curv extension: factor on the data batch's distances before its persistence is compared with
   * that of the latent codes (`latent` space only; 1 = unchanged). Latent codes live on [−π, π)^d while
   * image distances are often several times larger.
   */
  topo_data_scale: number;
}

export interface OptimizerSettings {
  lr: number;
  num_epochs: number;
  weight_decay: number;
}

export interface DataLoaderSettings {
  batch_size: number;
  split_ratio: number;
  random_shuffling: boolean;
  random_seed: number;
}

/** OOD parameters. No config defines them; they are required when a mode needs them. */
export interface OodSettings {
  N_extr?: number;
  n_ood?: number;
  sigma_ood?: number;
  r_ood?: number;
  T_ood?: number;
  start_ood?: number;
  OOD_w?: number;
  /** Number of uniform latent samples for the curvature term when `uniform_OOD_sampling_flag`. */
  n_OOD?: number;
}

export interface ExperimentConfig {
  architecture: ArchitectureSettings;
  dataset: DatasetSettings;
  experiment: ExperimentSettings;
  training_mode: TrainingModeSettings;
  loss_settings: LossSettings;
  optimizer_settings: OptimizerSettings;
  data_loader_settings: DataLoaderSettings;
  OOD_settings: OodSettings;
}

/** A partial config (any subset of sections and keys), e.g. for overrides. */
export type ConfigOverrides = { [S in keyof ExperimentConfig]?: Partial<ExperimentConfig[S]> };
