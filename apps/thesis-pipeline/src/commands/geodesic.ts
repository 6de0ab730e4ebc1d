import { resolve } from 'node:path';
import { CurvInputError } from '@curv/core';
import { solveGeodesics } from '@curv/schauder';
import { parseBackend, parseCommandArgs, parsePoint } from '../args.js';
import { BOUNDS, boundedInt, checkGeodesicMemory, checkLatentPoint } from '../bounds.js';
import { computeGeodesicInterruptible } from '../interruptible.js';
import type { CliIO } from '../io.js';
import { writeResultFile } from '../outDir.js';
import { withModel } from '../weights.js';

/** Output of `curv geodesic` (discrete energies and lengths, in the decoded geometry). */
export interface GeodesicOutput {
  curve: number[][];
  energy: number;
  length: number;
  straightEnergy: number;
  straightLength: number;
  nMax: number;
  steps: number;
  iterations: number;
  periodic: boolean;
}

export interface GeodesicOptions {
  weights: string;
  from: [number, number];
  to: [number, number];
  /** Points on the curve S (default 100). */
  steps?: number;
  /** Schauder levels (default 7). */
  nMax?: number;
  /** Adam iterations (default 500, lr 0.01). */
  iterations?: number;
  /** Use the periodic shortest segment on the torus as base instead of the straight segment. */
  periodic?: boolean;
}

/**
 * The geodesic between two latent points of a TorusAE given only its weights: Schauder
 * boundary-value solver (@curv/schauder, decoded energy (S−1)Σ‖ΔΨ‖², Adam lr 0.01).
 * `straightEnergy`/`straightLength` are those of the base segment (straight or periodic).
 */
export async function computeGeodesic(options: GeodesicOptions): Promise<GeodesicOutput> {
  const S = options.steps ?? 100;
  const nMax = options.nMax ?? 7;
  const iterations = options.iterations ?? 500;
  const periodic = options.periodic ?? false;
  return withModel(options.weights, (ae) => {
    if (ae.latentDim !== 2) {
      throw new CurvInputError(
        `${options.weights}: latent dimension ${ae.latentDim}; curv geodesic needs d = 2`,
        options.weights,
      );
    }
    checkGeodesicMemory(S, nMax, [ae.inputDim, ...ae.hidden]);
    const r = solveGeodesics({ decoder: (z) => ae.decodeAngles(z) }, [options.from], [options.to], {
      nMax,
      S,
      steps: iterations,
      lr: 0.01,
      base: periodic ? 'periodic' : 'straight',
    });
    return {
      curve: r.curve(0),
      energy: r.energies[0],
      length: r.lengths[0],
      straightEnergy: r.baseEnergies[0],
      straightLength: r.baseLengths[0],
      nMax,
      steps: S,
      iterations: r.steps,
      periodic,
    };
  });
}

export async function geodesicCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'geodesic',
    argv,
    {
      weights: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      points: { type: 'string' },
      steps: { type: 'string' },
      nmax: { type: 'string' },
      iters: { type: 'string' },
      periodic: { type: 'boolean' },
      out: { type: 'string' },
      backend: { type: 'string' },
    },
    { min: 0, max: 0, names: '' },
  );
  for (const k of ['weights', 'from', 'to'] as const) {
    if (typeof values[k] !== 'string') throw new CurvInputError(`curv geodesic: missing --${k}`, `--${k}`);
  }
  const from = parsePoint(values.from as string, '--from');
  const to = parsePoint(values.to as string, '--to');
  // --steps (points on the curve) is the old name of --points: `curv run --steps` selects pipeline steps.
  if (values.steps !== undefined) {
    if (values.points !== undefined) {
      throw new CurvInputError(
        'curv geodesic: give --points only (--steps is its deprecated alias)',
        '--steps',
      );
    }
    io.stderr.write('curv geodesic: warning: --steps is deprecated; use --points (points on the curve)\n');
  }
  const steps =
    values.steps !== undefined
      ? boundedInt(values.steps as string, '--steps', 100, 3, BOUNDS.geodesicSteps)
      : boundedInt(values.points as string | undefined, '--points', 100, 3, BOUNDS.geodesicSteps);
  const nMax = boundedInt(values.nmax as string | undefined, '--nmax', 7, 1, BOUNDS.geodesicNmax);
  const iterations = boundedInt(values.iters as string | undefined, '--iters', 500, 0, BOUNDS.geodesicIters);
  checkLatentPoint(from, '--from');
  checkLatentPoint(to, '--to');
  const backend = parseBackend(values.backend as string | undefined);
  const result = await computeGeodesicInterruptible(
    {
      weights: resolve(values.weights as string),
      from,
      to,
      steps,
      nMax,
      iterations,
      periodic: Boolean(values.periodic),
    },
    backend,
    io.signal,
  );
  if (typeof values.out === 'string') writeResultFile(resolve(values.out), result);
  else io.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
