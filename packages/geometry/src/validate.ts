import { CurvInputError } from '@curv/core';
import type * as tf from '@tensorflow/tfjs-core';

/** Check that `z` is a rank-2 float tensor [B, d] with B ≥ 1 (and d = `dim` when given). */
export function checkLatentBatch(z: tf.Tensor, name: string, dim?: number): void {
  if (z.rank !== 2) {
    throw new CurvInputError(
      `${name}: expected a rank-2 tensor [B, d], got shape [${z.shape.join(', ')}]`,
      name,
    );
  }
  if (z.shape[0] < 1)
    throw new CurvInputError(`${name}: expected at least one point, got an empty batch`, name);
  if (dim !== undefined && z.shape[1] !== dim) {
    throw new CurvInputError(
      `${name}: expected ${dim} latent coordinates per point, got ${z.shape[1]}`,
      name,
    );
  }
  if (z.dtype !== 'float32')
    throw new CurvInputError(`${name}: expected dtype float32, got ${z.dtype}`, name);
}

/** Check a positive finite step size. */
export function checkStep(h: number, name: string): void {
  if (!(Number.isFinite(h) && h > 0))
    throw new CurvInputError(`${name}: expected a positive finite step, got ${h}`, name);
}

/** Check a non-negative finite regulariser. */
export function checkEps(eps: number, name: string): void {
  if (!(Number.isFinite(eps) && eps >= 0)) {
    throw new CurvInputError(`${name}: expected a finite number ≥ 0, got ${eps}`, name);
  }
}
