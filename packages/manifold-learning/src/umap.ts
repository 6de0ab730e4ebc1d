import { UMAP } from 'umap-js';
import { ManifoldInputError } from './errors.js';
import { type PointSet, pointCount } from './pointSet.js';
import { seededUniform } from './random.js';
import { fromRows, toRows } from './rows.js';
import { nextMacrotask } from './tsne.js';

/** Options of {@link umap}. */
export interface UmapOptions {
  /** Embedding dimension (default 2). */
  components?: number;
  /** Size of the local neighbourhood (default 15, as umap-learn). */
  neighbors?: number;
  /** Minimum distance between embedded points (default 0.1). */
  minDist?: number;
  /** Optimisation epochs (default: umap-js's choice, 500 for up to 10 000 points, else 200). */
  epochs?: number;
  /** Seed (default 0); the same seed and data give the same embedding. */
  seed?: number;
  /** Uniform [0, 1) generator (wins over `seed`). */
  random?: () => number;
  /** Checked between epochs: when aborted the optimisation stops and `umap` throws the signal's reason. */
  signal?: AbortSignal;
}

function umapModel(points: PointSet, options: UmapOptions): { model: UMAP; epochs: number; k: number } {
  const n = pointCount(points, 'umap: points');
  const k = options.components ?? 2;
  const neighbors = options.neighbors ?? 15;
  if (!Number.isInteger(neighbors) || neighbors < 2 || neighbors >= n) {
    throw new ManifoldInputError(
      `umap: neighbors = ${neighbors}; expected an integer with 2 ≤ neighbors < n = ${n}`,
      'umap: neighbors',
    );
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new ManifoldInputError(`umap: components = ${k}; expected a positive integer`, 'umap: components');
  }
  if (options.epochs !== undefined && !(Number.isInteger(options.epochs) && options.epochs >= 1)) {
    throw new ManifoldInputError(
      `umap: epochs = ${options.epochs}; expected a positive integer`,
      'umap: epochs',
    );
  }
  const model = new UMAP({
    nComponents: k,
    nNeighbors: neighbors,
    minDist: options.minDist ?? 0.1,
    random: options.random ?? seededUniform(options.seed ?? 0),
    ...(options.epochs !== undefined ? { nEpochs: options.epochs } : {}),
  });
  const epochs = model.initializeFit(toRows(points));
  return { model, epochs, k };
}

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new Error('umap: aborted');

/**
 * UMAP embedding by umap-js (nearest-neighbour descent, fuzzy simplicial set, stochastic layout), seeded:
 * every random draw comes from one generator, so a seed reproduces the embedding exactly. See
 * {@link umapAsync} to keep an event loop responsive.
 *
 * ```ts
 * const { embedding } = umap(pointSet(data, 3), { seed: 0 }); // [n, 2]
 * ```
 */
export function umap(
  points: PointSet,
  options: UmapOptions = {},
): { embedding: Float64Array; components: number } {
  const { model, epochs, k } = umapModel(points, options);
  for (let e = 0; e < epochs; e++) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    model.step();
  }
  return { embedding: fromRows(model.getEmbedding(), k), components: k };
}

/**
 * {@link umap} that yields to the event loop every 10 epochs (signal handlers such as Ctrl-C run in between).
 * Same result as `umap` for the same seed.
 */
export async function umapAsync(
  points: PointSet,
  options: UmapOptions = {},
): Promise<{ embedding: Float64Array; components: number }> {
  await nextMacrotask();
  if (options.signal?.aborted) throw abortReason(options.signal);
  const { model, epochs, k } = umapModel(points, options);
  for (let e = 0; e < epochs; e++) {
    if (e % 10 === 0) {
      await nextMacrotask();
      if (options.signal?.aborted) throw abortReason(options.signal);
    }
    model.step();
  }
  return { embedding: fromRows(model.getEmbedding(), k), components: k };
}
