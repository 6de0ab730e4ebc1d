import { CurvInputError } from '@curv/core';
import { BOUNDS, checkLatentCoordinate } from './bounds.js';
import { parseJsonText, readTextFile } from './yamlFile.js';

/**
 * Read latent points from a JSON file: an array of [z1, z2] pairs (or of d-vectors; `dim` 0 = the
 * length of the first point), e.g. `[[0, -2], [0.5, 1.25]]`. Wrong shapes and non-finite numbers are input errors naming
 * the file and the first offending element.
 */
export function readPointsFile(path: string, dim = 2): number[][] {
  const value = parseJsonText(readTextFile(path, 'points file', BOUNDS.pointsFileBytes), path);
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
  if (value.length > BOUNDS.geometryPoints) {
    throw new CurvInputError(
      `${source}: ${value.length} points, more than the limit ${BOUNDS.geometryPoints}`,
      source,
    );
  }
  if (dim === 0) dim = Array.isArray(value[0]) && value[0].length > 0 ? value[0].length : 2;
  value.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== dim) {
      throw new CurvInputError(
        `${source}: point ${i} is ${preview(p)}; expected an array of ${dim} numbers (shape [N, ${dim}])`,
        source,
      );
    }
    p.forEach((x) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new CurvInputError(
          `${source}: point ${i} has a non-finite or non-numeric coordinate ${preview(x)}`,
          source,
        );
      }
      checkLatentCoordinate(x, `${source}: point ${i}`, source);
    });
  });
  return value as number[][];
}

/**
 * A short rendering of a JSON value for messages: at most 60 characters, never recursing deeper
 * than 3 levels (a 200 000-deep array must not overflow the stack while the error is built).
 */
export function preview(v: unknown, depth = 0): string {
  let text: string;
  if (Array.isArray(v)) {
    if (depth >= 3) text = v.length ? '[…]' : '[]';
    else {
      const items = v.slice(0, 4).map((x) => preview(x, depth + 1));
      text = `[${items.join(',')}${v.length > 4 ? ',…' : ''}]`;
    }
  } else if (v !== null && typeof v === 'object') text = '{…}';
  else text = typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
