import { statSync } from 'node:fs';
import { CurvInputError } from '@curv/core';
import { TorusAE } from '@curv/models';

/**
 * Load a TorusAE from a safetensors state dict (architecture inferred from the tensor shapes by
 * @curv/models). A missing file, a truncated file or wrong shapes are input errors naming the file.
 */
export function loadTorusAE(path: string): TorusAE {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new CurvInputError(`${path}: weights file not found`, path);
  }
  if (!isFile) throw new CurvInputError(`${path}: weights path is not a file`, path);
  return TorusAE.fromSafetensors(path);
}

/**
 * Run `fn` on the TorusAE of a weights file and dispose the model afterwards — also when `fn` throws
 * or its promise rejects. Returns what `fn` returns (a promise stays a promise).
 *
 * ```ts
 * const R = withModel('ae_weights.safetensors', (model) => geometryAt(model, points).R);
 * ```
 */
export function withModel<T>(path: string, fn: (model: TorusAE) => T): T {
  return using(loadTorusAE(path), fn);
}

/** Run `fn` on `model` and dispose it afterwards (also on a throw or a rejection). */
export function using<T>(model: TorusAE, fn: (model: TorusAE) => T): T {
  let result: T;
  try {
    result = fn(model);
  } catch (e) {
    model.dispose();
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => model.dispose()) as T;
  model.dispose();
  return result;
}
