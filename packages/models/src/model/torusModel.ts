import type { NamedTensor, Safetensors } from '@curv/core';
import type { JetCapable, SequentialDecoder } from '@curv/geometry-autograd';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the losses and the trainer need from a torus autoencoder (the fully connected `TorusAE` and the
 * convolutional `TorusConvAE` both are one): encodings [cos h, sin h] (cosines first), angles
 * φ = atan2(sin h, cos h), the 2π-periodic decoder Ψ(φ) in jet form for the geometry routes, weights
 * as PyTorch-named tensors.
 */
export interface TorusModel {
  readonly inputDim: number;
  readonly latentDim: number;
  /** Reconstruction decode(encode(x)) [B, x_dim] and encoding encode(x) [B, 2d]. */
  forward(x: tf.Tensor2D): { reconstruction: tf.Tensor2D; encoding: tf.Tensor2D };
  /** [cos h, sin h]: [B, x_dim] → [B, 2d]. */
  encode(x: tf.Tensor2D): tf.Tensor2D;
  /** φ ∈ (−π, π]: [B, x_dim] → [B, d]. */
  encoderToAngles(x: tf.Tensor2D): tf.Tensor2D;
  /** Ψ(φ): [B, d] → [B, x_dim]. */
  decodeAngles(phi: tf.Tensor2D): tf.Tensor2D;
  /** Ψ for `@curv/geometry-autograd` (metric, curvature), referencing the model's variables. */
  decoder(): JetCapable;
  /**
   * The raw-angle encoder x ↦ h as a sequential jet network, when it is one (per-sample encoder
   * Jacobians: contractive loss and diagnostics); absent for encoders that are not row-wise maps.
   */
  encoderNet?(): SequentialDecoder;
  /** Encode many rows (plain arrays) to angles: [n·x_dim] → [n·d]. */
  anglesOf(data: Float32Array, chunk?: number): Float32Array;
  parameterCount(): number;
  variables(): tf.Variable[];
  encoderVariables(): tf.Variable[];
  decoderVariables(): tf.Variable[];
  /** Weights as PyTorch-layout tensors under their state-dict names. */
  toTensors(): Record<string, NamedTensor>;
  setTensors(st: Safetensors | Record<string, NamedTensor>, source?: string): void;
  /** Save as safetensors (atomic write). */
  save(path: string, metadata?: Record<string, string>): void;
  dispose(): void;
}
