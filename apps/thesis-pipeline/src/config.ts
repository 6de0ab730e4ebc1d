import { type ExperimentConfig, validateConfig as validateWithSchema } from '@curv/models';

export type { ExperimentConfig };

/**
 * Validate a parsed YAML experiment configuration with @curv/models' schema (wrong type or missing
 * key → an input error naming the file and the key; defaults filled in). Unknown keys are passed to
 * `warn` (they are ignored, as the schema documents). `source` names the file in messages.
 */
export function validateConfig(
  raw: unknown,
  source: string,
  warn: (message: string) => void = () => {},
): ExperimentConfig {
  return validateWithSchema(raw, source, { onWarning: warn });
}

/** The experiment's name (= its output folder). */
export function experimentName(config: ExperimentConfig): string {
  return config.experiment.name;
}
