import { CurvInputError, Random, Sgd } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { LatentGrid } from './gridEdgeLengths.js';
import { checkInt } from './validate.js';

export interface EmbedGridOptions {
  /** SGD rounds (default 10) × iterations per round (default 100); a fresh SGD each round (no state). */
  rounds?: number;
  iterations?: number;
  /** Plain SGD learning rate (default 0.01). */
  lr?: number;
  /** Loss weight (default 100). */
  weight?: number;
  /** Seed of the initial heights (default 666). */
  seed?: number;
  /** Called after each iteration with (iteration, loss) — e.g. to print "Iteration #n, loss: x". */
  onIteration?: (iteration: number, loss: number) => void;
}

export interface EmbeddedGrid {
  /** Embedded vertices `[num][num][3]`, `vertices[i][j]` for latent node (i, j). */
  vertices: number[][][];
  /** Normalising edge length: the shortest total geodesic length of a full grid line. */
  edge: number;
  /** Loss before each SGD step (length rounds × iterations), then the final loss. */
  lossHistory: number[];
  /** Embedded edge lengths, same layout as the input lengths. */
  horizontal: number[][];
  vertical: number[][];
}

/**
 * Quasi-isometric 3-D embedding of a latent grid (Step 4): the `[num, num, 3]` vertex
 * array is optimised by plain SGD so that Euclidean edge lengths match the given geodesic lengths.
 * 1. edge = min( min_j Σ_i L_h[i][j], min_i Σ_j L_v[i][j] );
 * 2. e(i,j) = (node(i,j) · edge/(hi − lo), ζ_ij), ζ ~ 0.01·edge/10 · N(0, 1) from `Random(seed)`;
 * 3. loss = weight · [ mean_{i<num−1, j} (L_h − ‖e(i+1,j) − e(i,j)‖)² + mean_{i, j<num−1} (L_v − ‖e(i,j+1) − e(i,j)‖)² ].
 *
 * ```ts
 * const emb = embedGrid(grid, gridEdgeLengths({ decoder }, grid));
 * emb.vertices[0][0]; // [x, y, z]
 * ```
 */
export function embedGrid(
  grid: LatentGrid,
  lengths: { horizontal: number[][]; vertical: number[][] },
  options: EmbedGridOptions = {},
): EmbeddedGrid {
  const { rounds = 10, iterations = 100, lr = 0.01, weight = 100, seed = 666, onIteration } = options;
  checkInt(rounds, 0, 'rounds');
  checkInt(iterations, 0, 'iterations');
  const n = grid.num;
  const Lh = lengths.horizontal;
  const Lv = lengths.vertical;
  if (
    Lh.length !== n - 1 ||
    Lh.some((r) => r.length !== n) ||
    Lv.length !== n ||
    Lv.some((r) => r.length !== n - 1)
  ) {
    throw new CurvInputError(
      `lengths: expected horizontal [${n - 1}][${n}] and vertical [${n}][${n - 1}] for a ${n} × ${n} grid`,
      'lengths',
    );
  }
  let minH = Number.POSITIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n - 1; i++) s += Lh[i][j];
    minH = Math.min(minH, s);
  }
  let minV = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++)
    minV = Math.min(
      minV,
      Lv[i].reduce((a, b) => a + b, 0),
    );
  const edge = Math.min(minH, minV);
  const rng = new Random(seed);
  const init = new Float32Array(n * n * 3);
  const scale = edge / (grid.hi - grid.lo);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const o = (i * n + j) * 3;
      init[o] = grid.nodes[i][j][0] * scale;
      init[o + 1] = grid.nodes[i][j][1] * scale;
      init[o + 2] = ((0.01 * edge) / 10) * rng.normal();
    }
  }
  const initTensor = tf.tensor3d(init, [n, n, 3]);
  const e = tf.variable(initTensor, true);
  initTensor.dispose();
  const th = tf.tensor2d(Lh.flat(), [n - 1, n]);
  const tv = tf.tensor2d(Lv.flat(), [n, n - 1]);
  const edgeLengths = () => {
    const dh = tf.sub(e.slice([1, 0, 0], [n - 1, n, 3]), e.slice([0, 0, 0], [n - 1, n, 3]));
    const dv = tf.sub(e.slice([0, 1, 0], [n, n - 1, 3]), e.slice([0, 0, 0], [n, n - 1, 3]));
    return [tf.sqrt(tf.sum(tf.square(dh), 2)), tf.sqrt(tf.sum(tf.square(dv), 2))];
  };
  const loss = () =>
    tf.tidy(() => {
      const [eh, ev] = edgeLengths();
      return tf.mul(
        tf.add(tf.mean(tf.square(tf.sub(th, eh))), tf.mean(tf.square(tf.sub(tv, ev)))),
        weight,
      ) as tf.Scalar;
    });
  const lossHistory: number[] = [];
  try {
    let it = 0;
    for (let r = 0; r < rounds; r++) {
      const opt = new Sgd([e], lr);
      for (let k = 0; k < iterations; k++) {
        const value = tf.tidy(() => {
          const { value, grads } = tf.variableGrads(loss, [e]);
          opt.step([grads[e.name]]);
          return value.dataSync()[0];
        });
        lossHistory.push(value);
        onIteration?.(it++, value);
      }
    }
    lossHistory.push(tf.tidy(() => loss().dataSync()[0]));
    const [eh, ev] = tf.tidy(() => edgeLengths().map((t) => t.arraySync() as number[][]));
    return { vertices: e.arraySync() as number[][][], edge, lossHistory, horizontal: eh, vertical: ev };
  } finally {
    tf.dispose([e, th, tv]);
  }
}
