import { StatsInputError } from './errors.js';

/** Anything indexable by number with a length: `number[]`, `Float32Array`, `Float64Array`, … */
export type Sample = ArrayLike<number>;

/** The sample as float64, after checking it is non-empty (at least `min` values) and finite. */
export function checkedSample(values: Sample, name = 'values', min = 1): Float64Array {
  const n = values.length;
  if (n < min) {
    throw new StatsInputError(
      `${name}: expected at least ${min} value${min === 1 ? '' : 's'}; got ${n}`,
      name,
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v))
      throw new StatsInputError(`${name}[${i}]: expected a finite number, got ${v}`, name);
    out[i] = v;
  }
  return out;
}

/** The finite values of a sample, in order (NaN and ±Infinity dropped), as float64. */
export function finiteValues(values: Sample): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[j++] = values[i];
  return out;
}
