import { CurvInputError } from '@curv/core';
import type { LatentFunction } from '@curv/geometry-fd';
import type * as tf from '@tensorflow/tfjs-core';
import { isJetDecoder, type JetDecoder } from './jetOps.js';
import type { SequentialDecoder } from './layers.js';

/** A decoder: jet-capable layers, or any tfjs function [N, d] → [N, D] (then only FD curvature). */
export type Decoder = SequentialDecoder | JetDecoder | LatentFunction;

/** Decoders whose latent derivatives are computed exactly by jets. */
export type JetCapable = SequentialDecoder | JetDecoder;

export function hasJets(dec: Decoder): dec is JetCapable {
  return isSequential(dec) || isJetDecoder(dec);
}

/** Validate a jet-capable decoder and its latent batch z. */
export function checkJetCapable(dec: JetCapable, z: tf.Tensor, name: string): void {
  if (isSequential(dec)) outputDim(dec);
  checkInput(z, dec.latentDim, name);
}

export function isSequential(dec: unknown): dec is SequentialDecoder {
  return typeof dec === 'object' && dec !== null && Array.isArray((dec as SequentialDecoder).layers);
}

const ACTIVATIONS = new Set(['sin', 'cos', 'tanh', 'sigmoid', 'softplus', 'identity', 'relu']);

/**
 * Check a SequentialDecoder's layer shapes and return its output width.
 * Throws CurvInputError naming the offending layer.
 */
export function outputDim(dec: SequentialDecoder): number {
  if (!Number.isInteger(dec.latentDim) || dec.latentDim < 1) {
    throw new CurvInputError(
      `SequentialDecoder latentDim: expected a positive integer, got ${dec.latentDim}`,
      'latentDim',
    );
  }
  let width = dec.latentDim;
  dec.layers.forEach((layer, k) => {
    const where = `SequentialDecoder layers[${k}]`;
    if (layer.kind === 'dense') {
      const [rows, cols] = layer.kernel.shape;
      if (layer.kernel.rank !== 2 || rows !== width) {
        throw new CurvInputError(
          `${where}: dense kernel must be [in, out] with in = ${width}, got [${layer.kernel.shape.join(', ')}]`,
          where,
        );
      }
      if (layer.bias.rank !== 1 || layer.bias.shape[0] !== cols) {
        throw new CurvInputError(
          `${where}: bias must have shape [${cols}], got [${layer.bias.shape.join(', ')}]`,
          where,
        );
      }
      width = cols;
    } else if (layer.kind === 'torusLift') {
      width *= 2;
    } else if (layer.kind === 'activation') {
      if (!ACTIVATIONS.has(layer.fn))
        throw new CurvInputError(`${where}: unknown activation '${layer.fn}'`, where);
    } else {
      throw new CurvInputError(`${where}: unknown layer kind '${(layer as { kind: string }).kind}'`, where);
    }
  });
  return width;
}

export function checkInput(z: tf.Tensor, dim: number, name: string): void {
  if (z.rank !== 2 || z.shape[1] !== dim || z.shape[0] < 1) {
    throw new CurvInputError(`${name}: expected a tensor [B ≥ 1, ${dim}], got [${z.shape.join(', ')}]`, name);
  }
  if (z.dtype !== 'float32')
    throw new CurvInputError(`${name}: expected dtype float32, got ${z.dtype}`, name);
}
