import { readFileSync } from 'node:fs';
import { CurvInputError } from '../errors.js';

/**
 * Read a file a user pointed us at. A missing or unreadable file is a {@link CurvInputError} naming the
 * path: `"<path>: no such <what>"` or `"<path>: cannot read (<reason>)"`.
 *
 * ```ts
 * const bytes = readInputFile('weights.safetensors', 'weights file');
 * ```
 */
export function readInputFile(path: string, what = 'file'): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CurvInputError(
      code === 'ENOENT' ? `${path}: no such ${what}` : `${path}: cannot read (${(e as Error).message})`,
      path,
    );
  }
}
