import { readFileSync, statSync } from 'node:fs';
import { CurvInputError } from '@curv/core';

/** Largest text file the CLI reads by default (configs are capped further by their parser). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Read a text file; a missing file, a directory or a file larger than `maxBytes` (checked before
 * reading) is an input error naming the path.
 */
export function readTextFile(path: string, what: string, maxBytes = MAX_TEXT_FILE_BYTES): string {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new CurvInputError(`${path}: ${what} not found`, path);
  }
  if (!st.isFile()) throw new CurvInputError(`${path}: ${what} is not a file`, path);
  if (st.size > maxBytes) {
    throw new CurvInputError(`${path}: ${what} of ${st.size} bytes exceeds the ${maxBytes}-byte limit`, path);
  }
  return readFileSync(path, 'utf8');
}

/** Parse JSON; errors name the file. */
export function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CurvInputError(`${path}: malformed JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
}

/** Recursively merge plain objects (`over` wins; arrays and scalars are replaced). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
