import { CurvInputError } from '@curv/core';
import type { ExperimentConfig } from '../config/types.js';
import type { Autoencoder } from '../latent/autoencoder.js';
import { EuclideanAE } from '../model/euclideanAE.js';
import { TorusAE } from '../model/torusAE.js';

/**
 * Build the model a config asks for (`architecture.type`: TorusAE or EuclideanAE): PyTorch-style init from
 * `Random(random_seed)` or the weights in `weights_loaded_from`.
 */
export function createModel(config: ExperimentConfig): Autoencoder {
  const a = config.architecture;
  const Model = a.type === 'EuclideanAE' ? EuclideanAE : TorusAE;
  const from = config.experiment.weights_loaded_from;
  if (from !== false) {
    const m = Model.fromSafetensors(from);
    if (m.inputDim !== a.input_dim || m.latentDim !== a.latent_dim) {
      m.dispose();
      throw new CurvInputError(
        `experiment.weights_loaded_from: ${from} has input ${m.inputDim}/latent ${m.latentDim}, config asks ${a.input_dim}/${a.latent_dim}`,
        'weights_loaded_from',
      );
    }
    return m;
  }
  return new Model({
    inputDim: a.input_dim,
    latentDim: a.latent_dim,
    hidden: a.hidden_dims,
    seed: config.data_loader_settings.random_seed,
  });
}
