import { CurvInputError } from '@curv/core';
import { type ExperimentConfig, validateConfig as validateWithSchema } from '@curv/models';

export type { ExperimentConfig };

/**
 * Validate a parsed YAML experiment configuration with @curv/models' schema (wrong type or missing
 * key → an input error naming the file and the key; defaults filled in). Unknown keys are passed to
 * `warn` (they are ignored, as the schema documents). `source` names the file in messages.
 * `architecture.type: TorusConvAE` is refused: the steps after training read TorusAE weights (train the
 * convolutional model with `train()` of @curv/models).
 */
export function validateConfig(
  raw: unknown,
  source: string,
  warn: (message: string) => void = () => {},
): ExperimentConfig {
  const config = validateWithSchema(raw, source, { onWarning: warn });
  if (config.architecture.type !== 'TorusAE') {
    throw new CurvInputError(
      `${source}: architecture.type: the pipeline runs TorusAE only (its steps after training read TorusAE weights), got ${config.architecture.type}; train a TorusConvAE with train() of @curv/models`,
      'architecture.type',
    );
  }
  return config;
}

/** The experiment's name (= its output folder). */
export function experimentName(config: ExperimentConfig): string {
  return config.experiment.name;
}
