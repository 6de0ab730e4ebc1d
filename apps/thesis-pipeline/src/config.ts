import { CurvInputError } from '@curv/core';
import { type ExperimentConfig, validateConfig as validateWithSchema } from '@curv/models';

export type { ExperimentConfig };

/**
 * Validate a parsed YAML experiment configuration with @curv/models' schema (wrong type or missing
 * key → an input error naming the file and the key; defaults filled in). Unknown keys are passed to
 * `warn` (they are ignored, as the schema documents). `source` names the file in messages.
 * Every model type passes here; `curv run` accepts TorusAE only (see `requirePipelineModel`).
 */
export function validateConfig(
  raw: unknown,
  source: string,
  warn: (message: string) => void = () => {},
): ExperimentConfig {
  return validateWithSchema(raw, source, { onWarning: warn });
}

/**
 * The pipeline's steps after training read TorusAE weights: other model types are refused with one line
 * saying where they are trained instead.
 */
export function requirePipelineModel(config: ExperimentConfig, source: string): void {
  const type = config.architecture.type;
  if (type === 'TorusAE') return;
  const where =
    type === 'EuclideanAE'
      ? 'EuclideanAE models are trained by the ricci-flow preset'
      : 'train a TorusConvAE with train() of @curv/models';
  throw new CurvInputError(
    `${source}: architecture.type: the pipeline runs TorusAE only (its steps after training read TorusAE weights), got ${type}; ${where}`,
    'architecture.type',
  );
}

/** The experiment's name (= its output folder). */
export function experimentName(config: ExperimentConfig): string {
  return config.experiment.name;
}
