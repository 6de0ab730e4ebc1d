import type { NamedTensor, Safetensors } from '@curv/core';
import type { JetCapable, SequentialDecoder } from '@curv/geometry-autograd';
import type * as tf from '@tensorflow/tfjs-core';
import type { LatentMeasure } from './latentMeasure.js';

/** The two latent spaces: the flat torus (angles) and the plane R^d. */
export type LatentType = 'torus' | 'euclidean';

/**
 * What the trainer and the losses need from an autoencoder, whatever its latent space: the forward pass,
 * the decoder as a function of the latent coordinates (in jet form, for curvature), the latent coordinates
 * of an encoding, and the Monte-Carlo measure of its latent space. `TorusAE`, `TorusConvAE` and `EuclideanAE` implement it.
 */
export interface Autoencoder {
  readonly latentType: LatentType;
  readonly inputDim: number;
  readonly latentDim: number;
  /** How latent samples for Monte-Carlo integrals are drawn and weighted. */
  readonly measure: LatentMeasure;
  variables(): tf.Variable[];
  encoderVariables(): tf.Variable[];
  decoderVariables(): tf.Variable[];
  parameterCount(): number;
  /** Reconstruction and the encoder's output (torus: [cos h, sin h]; plane: the codes). */
  forward(x: tf.Tensor2D): { reconstruction: tf.Tensor2D; encoding: tf.Tensor2D };
  /** Latent coordinates of an encoder output (torus: angles; plane: the codes), on the gradient tape. */
  latentOfEncoding(encoding: tf.Tensor2D): tf.Tensor2D;
  /** Latent coordinates of inputs x [B, x_dim] → [B, d]. */
  latentCoordinates(x: tf.Tensor2D): tf.Tensor2D;
  /** Latent coordinates of many rows given as plain numbers, in chunks: [n·x_dim] → [n·d]. */
  codesOf(data: Float32Array, chunk?: number): Float32Array;
  /** The decoder Ψ as a function of the latent coordinates, in jet form (torus: with the (cos, sin) lift). */
  decoder(): JetCapable;
  /**
   * The encoder x ↦ latent (before any wrapping) in jet form, for encoder Jacobian norms; absent for
   * encoders that are not row-wise maps (batch normalisation with batch statistics).
   */
  encoderNet?(): SequentialDecoder;
  toTensors(): Record<string, NamedTensor>;
  setTensors(st: Safetensors | Record<string, NamedTensor>, source?: string): void;
  save(path: string, metadata?: Record<string, string>): void;
  dispose(): void;
}
