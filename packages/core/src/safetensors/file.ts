import { statSync } from 'node:fs';
import { CurvInputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readInputFile } from '../io/readInputFile.js';
import { MAX_SAFETENSORS_BYTES, type NamedTensor, parseSafetensors, type Safetensors } from './read.js';
import { encodeSafetensors } from './write.js';

/**
 * Read a safetensors file from disk (see {@link parseSafetensors}). Files larger than
 * {@link MAX_SAFETENSORS_BYTES} are refused before reading. Errors name the file. Node only.
 */
export function readSafetensors(path: string): Safetensors {
  let size = -1;
  try {
    size = statSync(path).size;
  } catch {
    // readInputFile reports the missing / unreadable file
  }
  if (size > MAX_SAFETENSORS_BYTES) {
    throw new CurvInputError(
      `${path}: weights file of ${size} bytes exceeds the ${MAX_SAFETENSORS_BYTES}-byte limit`,
      path,
    );
  }
  return parseSafetensors(readInputFile(path, 'weights file'), path);
}

/** Write a safetensors file atomically (temp file + rename: a crash never leaves a half file). Node only. */
export function writeSafetensors(
  path: string,
  tensors: Record<string, NamedTensor>,
  metadata: Record<string, string> = {},
): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}
