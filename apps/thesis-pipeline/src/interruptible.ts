import { Worker } from 'node:worker_threads';
import { CurvInputError } from '@curv/core';
import type { CurvatureRoute } from '@curv/geometry-autograd';
import { checkFiniteResult } from './bounds.js';
import type { GeodesicOptions, GeodesicOutput } from './commands/geodesic.js';
import type { GeometryOutput } from './commands/geometry.js';
import { geometryAt } from './geometryAt.js';
import { RunInterrupted, yieldToEventLoop } from './step.js';
import { loadTorusAE } from './weights.js';

/** Points per chunk of `curv geometry`: small enough that Ctrl-C is seen within about a second. */
const GEOMETRY_CHUNK = 256;

/**
 * {@link computeGeometry} in chunks of points, yielding to the event loop between chunks so that
 * Ctrl-C (`signal`) stops it promptly with {@link RunInterrupted}. Results that are not finite are
 * refused (they would otherwise leave as JSON null).
 */
export async function computeGeometryInterruptible(
  weightsPath: string,
  points: number[][],
  route: CurvatureRoute = 'gauss',
  signal?: AbortSignal,
): Promise<GeometryOutput> {
  const ae = loadTorusAE(weightsPath);
  try {
    const d = ae.latentDim;
    points.forEach((p, i) => {
      if (p.length !== d) {
        throw new CurvInputError(
          `point ${i} has ${p.length} coordinates; the model's latent dimension is ${d}`,
          'points',
        );
      }
    });
    const out: GeometryOutput = { R: [], g: [], detg: [] };
    for (let s = 0; s < points.length; s += GEOMETRY_CHUNK) {
      await yieldToEventLoop();
      if (signal?.aborted) throw new RunInterrupted();
      const chunk = points.slice(s, s + GEOMETRY_CHUNK);
      const geo = geometryAt(ae, chunk.flat(), { route });
      for (let i = 0; i < chunk.length; i++) {
        const R = geo.R[i];
        const g = Array.from({ length: d }, (_, a) =>
          Array.from({ length: d }, (_, b) => geo.g[i * d * d + a * d + b]),
        );
        checkFiniteResult(
          { R, g: g.flat(), detg: geo.detg[i] },
          `${weightsPath} at point ${s + i}`,
          weightsPath,
        );
        out.R.push(R);
        out.g.push(g);
        out.detg.push(geo.detg[i]);
      }
    }
    return out;
  } finally {
    ae.dispose();
  }
}

/**
 * {@link computeGeodesic} in a worker thread, so that the main thread stays responsive: Ctrl-C
 * (`signal`) terminates the worker at once and rejects with {@link RunInterrupted}; nothing has
 * been written then (the caller writes the result). Errors of the worker keep their one-line
 * message and their input-error kind. Results that are not finite are refused.
 */
export async function computeGeodesicInterruptible(
  options: GeodesicOptions,
  backend: string | undefined,
  signal?: AbortSignal,
): Promise<GeodesicOutput> {
  if (signal?.aborted) throw new RunInterrupted();
  const worker = startWorker('./geodesicWorker', { options, backend });
  const result = await new Promise<GeodesicOutput>((resolve, reject) => {
    const onAbort = () => {
      void worker.terminate();
      reject(new RunInterrupted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: WorkerReply) => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (m.ok) resolve(m.result);
      else if (m.input) reject(new CurvInputError(m.message, m.subject));
      else reject(Object.assign(new Error(m.message), { name: m.name, stack: m.stack }));
    });
    worker.once('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new Error(`geodesic worker exited with code ${code}`));
    });
  });
  checkFiniteResult(
    {
      curve: result.curve.flat(),
      energy: result.energy,
      length: result.length,
      straightEnergy: result.straightEnergy,
      straightLength: result.straightLength,
    },
    `${options.weights}: geodesic from ${options.from} to ${options.to}`,
    options.weights,
  );
  return result;
}

/**
 * Start the worker module `rel` (without extension, next to this file). Compiled (`dist/*.js`): the
 * `.js` file. From sources under tsx (tests, `--import tsx`): tsx does not hook a worker's entry
 * point, so a small bootstrap registers tsx in the worker before importing the `.ts` module.
 */
function startWorker(rel: string, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`${rel}.js`, import.meta.url), { workerData });
  const entry = new URL(`${rel}.ts`, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** The message a geodesic worker posts back. */
export type WorkerReply =
  | { ok: true; result: GeodesicOutput }
  | { ok: false; input: boolean; message: string; subject?: string; name: string; stack?: string };
