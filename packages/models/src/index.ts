export type { ParseConfigOptions } from './config/parseConfig.js';
export {
  datasetSpec,
  defaultConfig,
  loadConfig,
  parseConfig,
  parseConfigYaml,
  stringifyConfig,
  validateConfig,
} from './config/parseConfig.js';
export type { CurvatureWeight, ResolvedLoss, TopoWeight } from './config/resolveLoss.js';
export { resolveLoss } from './config/resolveLoss.js';
export type { KeySpec, KeyType } from './config/schema.js';
export {
  CONFIG_LIMITS,
  CONFIG_SCHEMA,
  describeType,
  MAX_CONFIG_BYTES,
  MAX_CONFIG_KEYS,
} from './config/schema.js';
export type {
  ArchitectureSettings,
  ConfigOverrides,
  CurvatureFunctional,
  CurvatureMode,
  DataLoaderSettings,
  DatasetName,
  DatasetSettings,
  ExperimentConfig,
  ExperimentSettings,
  LossSettings,
  OodSettings,
  OptimizerSettings,
  TopoSpace,
  TrainingModeSettings,
} from './config/types.js';
export type { Autoencoder, LatentType } from './latent/autoencoder.js';
export type { LatentMeasure, LatentSample } from './latent/latentMeasure.js';
export { boxMeasure, codeBox, torusMeasure } from './latent/latentMeasure.js';
export type { PreparedBatch } from './losses/batchLoss.js';
export { LOSS_NAMES, TorusAELoss } from './losses/batchLoss.js';
export { contractiveLoss, encoderJacobianNorms, encoderNetOf } from './losses/contractive.js';
export type { CurvatureRoute } from './losses/curvature.js';
export { curvatureRoute, curvatureTerm, uniformTorusSamples } from './losses/curvature.js';
export type { DiagnosticModel, DiagnosticOptions } from './losses/diagnostics.js';
export { DIAGNOSTIC_NAMES, diagnosticMetrics } from './losses/diagnostics.js';
export { equidistributionLoss } from './losses/equidistribution.js';
export { mseLoss } from './losses/mse.js';
export type { OodParameters } from './losses/ood.js';
export { OodExtremes } from './losses/ood.js';
export type { PerelmanInputs } from './losses/perelman.js';
export { gradientNormAndVolume, perelmanF, perelmanW } from './losses/perelman.js';
export { PotentialNet } from './losses/potential.js';
export { dataPersistence, encodingAngles, topologicalTerm } from './losses/topological.js';
export { EuclideanAE, type EuclideanAEOptions } from './model/euclideanAE.js';
export type { DenseParams, TorusAEOptions } from './model/torusAE.js';
export { TorusAE, transpose } from './model/torusAE.js';
export type { ConvActivation, TorusConvAEOptions } from './model/torusConvAE.js';
export { CONV_ACTIVATIONS, TorusConvAE } from './model/torusConvAE.js';
export type { TorusModel } from './model/torusModel.js';
export type { Checkpoint, TrainerState } from './train/checkpoint.js';
export { readCheckpoint, writeCheckpoint } from './train/checkpoint.js';
export { createModel } from './train/createModel.js';
export { NonFiniteLossError } from './train/errors.js';
export { rSquared, unbiasedVariance } from './train/metrics.js';
export type {
  ResultsEntry,
  TrainBatchEvent,
  TrainEndEvent,
  TrainEpochEvent,
  TrainEvent,
  TrainOptions,
  TrainResult,
} from './train/trainer.js';
export { runTraining, train } from './train/trainer.js';
export type { TrainStepResult } from './train/trainStep.js';
export { TrainStep } from './train/trainStep.js';
export { yieldToEventLoop } from './train/yieldToEventLoop.js';
