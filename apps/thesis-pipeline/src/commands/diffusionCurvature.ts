import { resolve } from 'node:path';
import { CurvInputError, initBackend, readInputFile, writeJsonAtomic } from '@curv/core';
import { type DiffusionCurvatureMethod, diffusionCurvature } from '@curv/diffusion-curvature';
import { parseBackend, parseCommandArgs, parsePositiveInt } from '../args.js';
import type { CliIO } from '../io.js';

/** Output of `curv diffusion-curvature`. */
export interface DiffusionCurvatureOutput {
  /** Signed diffusion curvature per point. */
  k: number[];
  /** Tuned bandwidth factor ν (σ = ν · mean nearest-neighbour distance). */
  nu: number;
  /** Median number of non-negligible entries of a row of the diffusion operator. */
  support: number;
  /** False when the tuning did not reach graph-knn ± 5 (e.g. fewer points than graph-knn). */
  converged: boolean;
  method: DiffusionCurvatureMethod;
  dim: number;
}

/** Read a point cloud: a JSON array of at least 2 points, each an array of the same number of finite numbers. */
export function readPointCloud(path: string): number[][] {
  let value: unknown;
  try {
    value = JSON.parse(readInputFile(path, 'points file').toString('utf8'));
  } catch (e) {
    if (e instanceof CurvInputError) throw e;
    throw new CurvInputError(`${path}: not valid JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
  if (!Array.isArray(value) || value.length < 2) {
    throw new CurvInputError(
      `${path}: expected a JSON array of at least 2 points (e.g. [[0, 0, 1], [0, 1, 0]]), got ${
        Array.isArray(value) ? `${value.length} point(s)` : value === null ? 'null' : typeof value
      }`,
      path,
    );
  }
  const D = Array.isArray(value[0]) ? value[0].length : 0;
  value.forEach((p, i) => {
    if (!Array.isArray(p) || p.length === 0 || p.length !== D) {
      throw new CurvInputError(
        `${path}: point ${i} is ${JSON.stringify(p)?.slice(0, 60)}; expected an array of ${D || 'one or more'} numbers like point 0`,
        path,
      );
    }
    for (const x of p) {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new CurvInputError(
          `${path}: point ${i} has a non-finite or non-numeric coordinate ${JSON.stringify(x)}`,
          path,
        );
      }
    }
  });
  return value as number[][];
}

export async function diffusionCurvatureCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'diffusion-curvature',
    argv,
    {
      points: { type: 'string' },
      dim: { type: 'string' },
      'graph-knn': { type: 'string' },
      method: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
    },
    { min: 0, max: 0, names: '' },
  );
  if (typeof values.points !== 'string') {
    throw new CurvInputError('curv diffusion-curvature: missing --points X.json', '--points');
  }
  const dim = parsePositiveInt(values.dim as string | undefined, '--dim', 2, 1);
  const graphKnn = parsePositiveInt(values['graph-knn'] as string | undefined, '--graph-knn', 150, 1);
  const method = (values.method ?? 'entropic') as DiffusionCurvatureMethod;
  if (method !== 'entropic' && method !== 'w1') {
    throw new CurvInputError(`--method '${values.method}': expected entropic or w1`, '--method');
  }
  const pointsPath = resolve(values.points);
  const points = readPointCloud(pointsPath);
  if (dim > points[0].length) {
    throw new CurvInputError(
      `--dim ${dim}: larger than the ambient dimension ${points[0].length} of ${pointsPath}`,
      '--dim',
    );
  }
  await initBackend({ backend: parseBackend(values.backend as string | undefined), log: null });
  io.stderr.write(
    `curv diffusion-curvature: ${points.length} points in R^${points[0].length}, dimension ${dim}, ${method} method\n`,
  );
  let r: Awaited<ReturnType<ReturnType<typeof diffusionCurvature>['run']>>;
  try {
    r = await diffusionCurvature().graphKnn(graphKnn).method(method).run(points, dim, { signal: io.signal });
  } catch (e) {
    if (io.signal?.aborted) {
      io.stderr.write('curv diffusion-curvature: interrupted; nothing written\n');
      return 130;
    }
    throw e;
  }
  if (!r.converged) {
    io.stderr.write(
      `curv diffusion-curvature: bandwidth tuning reached a median support of ${r.support}, not ${graphKnn} ± 5 (${points.length} points)\n`,
    );
  }
  const result: DiffusionCurvatureOutput = {
    k: Array.from(r.k),
    nu: r.nu as number,
    support: r.support,
    converged: r.converged,
    method,
    dim,
  };
  if (typeof values.out === 'string') writeJsonAtomic(resolve(values.out), result);
  else io.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
