import { CurvInputError } from '@curv/core';
import type { ExperimentConfig } from '../config/types.js';
import type { Autoencoder } from '../latent/autoencoder.js';
import { EuclideanAE } from '../model/euclideanAE.js';
import { TorusAE } from '../model/torusAE.js';
import { TorusConvAE } from '../model/torusConvAE.js';

/**
 * Build the model a config asks for (`architecture.type`: TorusAE, TorusConvAE or EuclideanAE):
 * PyTorch-style init from `Random(random_seed)` or the weights in `weights_loaded_from`.
 */
export function createModel(config: ExperimentConfig): Autoencoder {
  const a = config.architecture;
  const Model = a.type === 'EuclideanAE' ? EuclideanAE : TorusAE;
  const from = config.experiment.weights_loaded_from;
  if (a.type === 'TorusConvAE') {
    const activation = a.activation ?? 'relu';
    if (from === false) {
      return new TorusConvAE({
        latentDim: a.latent_dim,
        activation,
        seed: config.data_loader_settings.random_seed,
      });
    }
    const m = TorusConvAE.fromSafetensors(from);
    if (m.latentDim !== a.latent_dim || m.activation !== activation) {
      m.dispose();
      throw new CurvInputError(
        `experiment.weights_loaded_from: ${from} is a TorusConvAE with latent ${m.latentDim} and activation ${m.activation}, config asks ${a.latent_dim} and ${activation}`,
        'weights_loaded_from',
      );
    }
    return m;
  }
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
