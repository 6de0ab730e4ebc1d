import * as tf from '@tensorflow/tfjs-core';

/** `P^t` by repeated squaring (t ≥ 0 integer; P^0 = I). Caller disposes the result. */
export function matrixPower(p: tf.Tensor2D, t: number): tf.Tensor2D {
  if (!Number.isInteger(t) || t < 0) throw new Error(`matrixPower: t must be an integer ≥ 0, got ${t}`);
  return tf.tidy(() => {
    let result: tf.Tensor2D | null = null;
    let base = p;
    let e = t;
    while (e > 0) {
      if (e & 1) result = result ? (tf.matMul(result, base) as tf.Tensor2D) : base.clone();
      e >>= 1;
      if (e > 0) base = tf.matMul(base, base) as tf.Tensor2D;
    }
    return result ?? (tf.eye(p.shape[0]) as tf.Tensor2D);
  });
}

/** Sorted, de-duplicated positive integer diffusion times; throws on anything else. */
export function checkTimes(times: readonly number[]): number[] {
  if (!times.length) throw new Error('diffusion times: expected at least one time');
  for (const t of times) {
    if (!Number.isInteger(t) || t < 1) throw new Error(`diffusion times: expected integers ≥ 1, got ${t}`);
  }
  return [...new Set(times)].sort((a, b) => a - b);
}

/**
 * Walks the diffusion forward from `start` ([m, n] rows of P^0, e.g. some rows of the identity; `null`
 * = the whole identity, which skips one product): calls `visit(t, rows)` with the rows of
 * `start · P^t` for every t in `times` (ascending), one dense matMul per time step, and yields after
 * every step (so a driver can report progress or stop). `rows` is disposed after the next step: clone
 * what you keep.
 */
export function* walkDiffusion(
  p: tf.Tensor2D,
  start: tf.Tensor2D | null,
  times: readonly number[],
  visit: (t: number, rows: tf.Tensor2D) => void,
): Generator<number, void, void> {
  const ts = checkTimes(times);
  let current: tf.Tensor2D = start ? start.clone() : p.clone();
  let t = start ? 0 : 1;
  try {
    for (const target of ts) {
      while (t < target) {
        const next = tf.matMul(current, p) as tf.Tensor2D;
        current.dispose();
        current = next;
        t++;
        if (t < target) yield t;
      }
      visit(t, current);
      yield t;
    }
  } finally {
    current.dispose();
  }
}

/**
 * The diffusion powers `P^t` for every t in `times` (dense n × n each; caller disposes them). For
 * long lists prefer {@link walkDiffusion}, which keeps only one power alive.
 *
 * ```ts
 * const [p1, p2] = diffusionPowers(P, [1, 2]);
 * ```
 */
export function diffusionPowers(p: tf.Tensor2D, times: readonly number[]): tf.Tensor2D[] {
  const out: tf.Tensor2D[] = [];
  for (const _ of walkDiffusion(p, null, times, (_t, rows) => out.push(rows.clone()))) {
    // drain
  }
  return out;
}

/**
 * Propagates a distribution (or several, as rows of `v` [m, n]) t steps: `v · P^t`, one
 * vector–matrix product per step, for every t in `times`.
 *
 * ```ts
 * const [row0AtT5] = propagateRows(P, dirac0, [5]); // row 0 of P^5
 * ```
 */
export function propagateRows(p: tf.Tensor2D, v: tf.Tensor2D, times: readonly number[]): tf.Tensor2D[] {
  const out: tf.Tensor2D[] = [];
  for (const _ of walkDiffusion(p, v, times, (_t, rows) => out.push(rows.clone()))) {
    // drain
  }
  return out;
}
