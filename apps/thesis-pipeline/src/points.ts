import { CurvInputError } from '@curv/core';
import { parseJsonText, readTextFile } from './yamlFile.js';

/**
 * Read latent points from a JSON file: an array of [z1, z2] pairs (or of d-vectors; `dim` 0 = the
 * length of the first point), e.g. `[[0, -2], [0.5, 1.25]]`. Wrong shapes and non-finite numbers are input errors naming
 * the file and the first offending element.
 */
export function readPointsFile(path: string, dim = 2): number[][] {
  const value = parseJsonText(readTextFile(path, 'points file'), path);
  return checkPoints(value, path, dim);
}

export function checkPoints(value: unknown, source: string, dim = 2): number[][] {
  const example = dim === 2 || dim === 0 ? '[[0, -2], [0.5, 1.25]]' : `an array of ${dim}-vectors`;
  if (!Array.isArray(value)) {
    throw new CurvInputError(
      `${source}: expected a JSON array of [z1, z2] points (e.g. ${example}), got ${kind(value)}`,
      source,
    );
  }
  if (value.length === 0)
    throw new CurvInputError(
      `${source}: the points array is empty; expected at least one [z1, z2] point`,
      source,
    );
  if (dim === 0) dim = Array.isArray(value[0]) && value[0].length > 0 ? value[0].length : 2;
  value.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== dim) {
      throw new CurvInputError(
        `${source}: point ${i} is ${JSON.stringify(p)}; expected an array of ${dim} numbers (shape [N, ${dim}])`,
        source,
      );
    }
    p.forEach((x) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new CurvInputError(
          `${source}: point ${i} has a non-finite or non-numeric coordinate ${JSON.stringify(x)}`,
          source,
        );
      }
    });
  });
  return value as number[][];
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
