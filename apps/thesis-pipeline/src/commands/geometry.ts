import { resolve } from 'node:path';
import { CurvInputError, initBackend } from '@curv/core';
import type { CurvatureRoute } from '@curv/geometry-autograd';
import { parseBackend, parseCommandArgs } from '../args.js';
import { geometryAt } from '../geometryAt.js';
import { computeGeometryInterruptible } from '../interruptible.js';
import type { CliIO } from '../io.js';
import { writeResultFile } from '../outDir.js';
import { readPointsFile } from '../points.js';
import { withModel } from '../weights.js';

/** Output of `curv geometry`: R, g = [[g11, g12], [g21, g22]] and det g at every point. */
export interface GeometryOutput {
  R: number[];
  g: number[][][];
  detg: number[];
}

const ROUTES: CurvatureRoute[] = ['gauss', 'intrinsic', 'fd'];

/**
 * Scalar curvature and pull-back metric of a TorusAE (architecture inferred from the weights) at
 * latent points. Points are checked before the (slower) weights are loaded.
 */
export function computeGeometry(
  weightsPath: string,
  points: number[][],
  route: CurvatureRoute = 'gauss',
): GeometryOutput {
  return withModel(weightsPath, (ae) => {
    const d = ae.latentDim;
    points.forEach((p, i) => {
      if (p.length !== d) {
        throw new CurvInputError(
          `point ${i} has ${p.length} coordinates; the model's latent dimension is ${d}`,
          'points',
        );
      }
    });
    const geo = geometryAt(ae, points.flat(), { route });
    const n = points.length;
    const g: number[][][] = [];
    for (let i = 0; i < n; i++) {
      g.push(
        Array.from({ length: d }, (_, a) =>
          Array.from({ length: d }, (_, b) => geo.g[i * d * d + a * d + b]),
        ),
      );
    }
    return { R: Array.from(geo.R), g, detg: Array.from(geo.detg) };
  });
}

export async function geometryCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'geometry',
    argv,
    {
      weights: { type: 'string' },
      points: { type: 'string' },
      route: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
    },
    { min: 0, max: 0, names: '' },
  );
  for (const k of ['weights', 'points'] as const) {
    if (typeof values[k] !== 'string') throw new CurvInputError(`curv geometry: missing --${k}`, `--${k}`);
  }
  const route = (values.route ?? 'gauss') as CurvatureRoute;
  if (!ROUTES.includes(route)) {
    throw new CurvInputError(`--route '${values.route}': expected gauss, intrinsic or fd`, '--route');
  }
  const points = readPointsFile(resolve(values.points as string), 0 /* any d, checked against the model */);
  await initBackend({ backend: parseBackend(values.backend as string | undefined), log: null });
  const result = await computeGeometryInterruptible(
    resolve(values.weights as string),
    points,
    route,
    io.signal,
  );
  if (typeof values.out === 'string') writeResultFile(resolve(values.out), result);
  else io.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
