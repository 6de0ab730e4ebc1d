import type * as tf from '@tensorflow/tfjs-core';

/**
 * Elementwise activations with analytic derivatives up to order 3, so that jets can pass through
 * them (nested `tf.grad` is silently wrong for tanh/sigmoid/exp in tfjs; see TOOLCHAIN.md).
 */
export type ActivationName = 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'softplus' | 'identity' | 'relu';

/**
 * A dense layer y = x·kernel + bias. `kernel` is [in, out] (tfjs layout); PyTorch's `fc.weight` is
 * its transpose ([out, in]) — conversion happens only at safetensors import/export.
 */
export interface DenseLayer {
  kind: 'dense';
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

export interface ActivationLayer {
  kind: 'activation';
  fn: ActivationName;
}

/** z ∈ R^d ↦ [cos z₁..cos z_d, sin z₁..sin z_d] ∈ R^{2d} (cosines first, as the original TorusAE). */
export interface TorusLiftLayer {
  kind: 'torusLift';
}

/** One step of a jet-capable sequential network. */
export type JetLayer = DenseLayer | ActivationLayer | TorusLiftLayer;

/**
 * A decoder Ψ: R^d → R^D described as a sequence of jet-capable layers. `latentDim` is d.
 * Built by `@curv/models` (TorusAE exposes `decoderLayers()`), consumed by the jet engine here.
 */
export interface SequentialDecoder {
  latentDim: number;
  layers: JetLayer[];
}
