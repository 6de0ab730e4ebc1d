import type { NumericArray } from './input.js';

/**
 * Symmetric Hann window of length M (numpy.hanning): w[n] = 0.5 − 0.5·cos(2πn/(M−1)), n = 0..M−1;
 * M = 1 gives [1]. For M ≥ 3 the end points are 0.
 */
export function hannWindow(m: number): Float64Array {
  if (!Number.isInteger(m) || m < 1) throw new Error(`hannWindow: length ${m}; expected an integer ≥ 1`);
  const w = new Float64Array(m);
  if (m === 1) {
    w[0] = 1;
    return w;
  }
  for (let n = 0; n < m; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (m - 1));
  return w;
}

/**
 * Hann smoothing: "valid" convolution of `values` with the Hann window of length M,
 * divided by the window sum. Output length N − M + 1; output k is centred at input index k + (M−1)/2.
 * If N < M the window is shortened to N.
 */
export function hannSmooth(values: NumericArray, m: number): { x: Float64Array; y: Float64Array } {
  const n = values.length;
  const M = Math.max(1, Math.min(m, n));
  if (n === 0) return { x: new Float64Array(0), y: new Float64Array(0) };
  const w = hannWindow(M);
  let sum = 0;
  for (let i = 0; i < M; i++) sum += w[i];
  const len = n - M + 1;
  const x = new Float64Array(len);
  const y = new Float64Array(len);
  for (let k = 0; k < len; k++) {
    let acc = 0;
    for (let j = 0; j < M; j++) acc += w[j] * values[k + j];
    y[k] = acc / sum;
    x[k] = k + (M - 1) / 2;
  }
  return { x, y };
}

/**
 * Put a test-loss history on the train batch axis: test index j sits at
 * j·nTrain/nTest; values are linearly interpolated at 0..nTrain−1 (held constant beyond the ends, like numpy.interp).
 */
export function interpolateOntoTrainAxis(test: NumericArray, nTrain: number): Float64Array {
  const nTest = test.length;
  const out = new Float64Array(nTrain);
  if (nTest === 0) return out.fill(Number.NaN);
  if (nTest === 1) return out.fill(test[0]);
  const scale = nTrain / nTest;
  for (let i = 0; i < nTrain; i++) {
    const u = i / scale;
    if (u <= 0) out[i] = test[0];
    else if (u >= nTest - 1) out[i] = test[nTest - 1];
    else {
      const j = Math.floor(u);
      const f = u - j;
      out[i] = test[j] * (1 - f) + test[j + 1] * f;
    }
  }
  return out;
}
