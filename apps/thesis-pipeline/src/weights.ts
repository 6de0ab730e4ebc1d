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
