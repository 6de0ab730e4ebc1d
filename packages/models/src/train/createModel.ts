import { CurvInputError } from '@curv/core';
import type { ExperimentConfig } from '../config/types.js';
import { TorusAE } from '../model/torusAE.js';

/** Build the model a config asks for: PyTorch-style init from `Random(random_seed)` or `weights_loaded_from`. */
export function createModel(config: ExperimentConfig): TorusAE {
  const a = config.architecture;
  const from = config.experiment.weights_loaded_from;
  if (from !== false) {
    const m = TorusAE.fromSafetensors(from);
    if (m.inputDim !== a.input_dim || m.latentDim !== a.latent_dim) {
      m.dispose();
      throw new CurvInputError(
        `experiment.weights_loaded_from: ${from} has input ${m.inputDim}/latent ${m.latentDim}, config asks ${a.input_dim}/${a.latent_dim}`,
        'weights_loaded_from',
      );
    }
    return m;
  }
  return new TorusAE({
    inputDim: a.input_dim,
    latentDim: a.latent_dim,
    hidden: a.hidden_dims,
    seed: config.data_loader_settings.random_seed,
  });
}
