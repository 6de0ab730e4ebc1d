import { writeFileAtomic } from '../io/atomic.js';
import { readInputFile } from '../io/readInputFile.js';
import { type NamedTensor, parseSafetensors, type Safetensors } from './read.js';
import { encodeSafetensors } from './write.js';

/** Read a safetensors file from disk (see {@link parseSafetensors}). Errors name the file. Node only. */
export function readSafetensors(path: string): Safetensors {
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
