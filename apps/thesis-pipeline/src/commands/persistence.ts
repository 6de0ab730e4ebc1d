import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CurvInputError, readInputFile, writeJsonAtomic } from '@curv/core';
import { flattenPoints, type RipsPersistence, ripsPersistence } from '@curv/topology';
import type { CliIO } from '../io.js';
import { parseArgsErrorLine } from '../suggest.js';

/** Output of `curv persistence`: (birth, death) pairs per dimension, infinite deaths as null. */
export interface PersistenceOutput {
  h0: [number, number | null][];
  h1?: [number, number | null][];
}

/** `node:util` parseArgs with its errors as one-line input errors naming the command. */
export function parseTopologyArgs<O extends Record<string, { type: 'string' | 'boolean' }>>(
  command: string,
  argv: string[],
  options: O,
): Record<string, string | boolean | undefined> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if (positionals.length > 0) {
      throw new CurvInputError(`curv ${command}: unexpected argument '${positionals[0]}'`, command);
    }
    return values as Record<string, string | boolean | undefined>;
  } catch (e) {
    if (e instanceof CurvInputError) throw e;
    throw new CurvInputError(
      `curv ${command}: ${parseArgsErrorLine((e as Error).message, options)}`,
      command,
    );
  }
}

/** Read a JSON array of N points of equal dimension; errors name the file. */
export function readCloud(path: string): number[][] {
  const text = readInputFile(path, 'points file').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CurvInputError(`${path}: malformed JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
    throw new CurvInputError(
      `${path}: expected a non-empty JSON array of points (arrays of numbers), e.g. [[0, 0], [1, 0.5]]`,
      path,
    );
  }
  for (const [i, p] of (value as unknown[][]).entries()) {
    const bad = p.find((v) => typeof v !== 'number');
    if (bad !== undefined || p.length === 0) {
      throw new CurvInputError(
        `${path}: point ${i} is ${JSON.stringify(p)}; expected an array of numbers`,
        path,
      );
    }
  }
  flattenPoints(value as number[][], undefined, path); // shapes and finiteness, errors name the file
  return value as number[][];
}

/** Diagram pairs as JSON (Infinity → null). */
export function persistenceOutput(p: RipsPersistence): PersistenceOutput {
  const h0: [number, number | null][] = Array.from(p.h0.deaths, (d) => [0, d]);
  for (let i = 0; i < p.h0.essential.length; i++) h0.push([0, null]);
  const out: PersistenceOutput = { h0 };
  if (p.h1) {
    const { births, deaths } = p.h1;
    out.h1 = Array.from(births, (b, i) => [b, Number.isFinite(deaths[i]) ? deaths[i] : null]);
  }
  return out;
}

/**
 * `curv persistence --points X.json [--maxdim 0|1] [--periodic] [--threshold T] [--out D.json]`:
 * Vietoris–Rips persistence diagrams of a point cloud, `{ "h0": [[birth, death], …], "h1": […] }`.
 */
export async function persistenceCommand(argv: string[], io: CliIO): Promise<number> {
  const v = parseTopologyArgs('persistence', argv, {
    points: { type: 'string' },
    maxdim: { type: 'string' },
    periodic: { type: 'boolean' },
    threshold: { type: 'string' },
    out: { type: 'string' },
  });
  if (typeof v.points !== 'string') {
    throw new CurvInputError(
      'curv persistence: missing --points X.json (a JSON array of points)',
      '--points',
    );
  }
  const maxdim = v.maxdim === undefined ? 1 : Number(v.maxdim);
  if (maxdim !== 0 && maxdim !== 1) {
    throw new CurvInputError(`--maxdim '${v.maxdim}': expected 0 or 1`, '--maxdim');
  }
  const threshold = v.threshold === undefined ? Number.POSITIVE_INFINITY : Number(v.threshold);
  if (v.threshold !== undefined && !(threshold > 0)) {
    throw new CurvInputError(`--threshold '${v.threshold}': expected a number > 0`, '--threshold');
  }
  const path = resolve(v.points);
  const points = readCloud(path);
  const result = persistenceOutput(
    ripsPersistence(points, { maxdim, periodic: Boolean(v.periodic), threshold }),
  );
  if (typeof v.out === 'string') writeJsonAtomic(resolve(v.out), result);
  else io.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
