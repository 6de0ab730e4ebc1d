import { PlotInputError } from './errors.js';
import type { NumericArray } from './input.js';

/** Pairs of one homology dimension: row-major (birth, death), death may be Infinity. */
export interface DiagramPairs {
  births: number[];
  deaths: number[];
}

/**
 * Check and split flat (birth, death) arrays, one per homology dimension; returns the pairs and the
 * finite extent of all values (including 0).
 */
export function readDiagrams(
  pairs: readonly NumericArray[],
  field: string,
): { dims: DiagramPairs[]; max: number } {
  if (!Array.isArray(pairs) || pairs.length === 0) {
    throw new PlotInputError(
      `${field}: expected one flat (birth, death) array per homology dimension`,
      field,
    );
  }
  let max = 0;
  const dims = pairs.map((a, k) => {
    if (a === undefined || a === null || typeof a.length !== 'number' || a.length % 2 !== 0) {
      throw new PlotInputError(
        `${field}[${k}]: expected a flat array of (birth, death) pairs (even length)`,
        `${field}[${k}]`,
      );
    }
    const births: number[] = [];
    const deaths: number[] = [];
    for (let i = 0; i < a.length; i += 2) {
      const b = a[i];
      const d = a[i + 1];
      if (!Number.isFinite(b) || Number.isNaN(d) || d < b) {
        throw new PlotInputError(
          `${field}[${k}]: pair ${i / 2} is (${b}, ${d}); expected a finite birth ≤ death (death may be Infinity)`,
          `${field}[${k}]`,
        );
      }
      births.push(b);
      deaths.push(d);
      max = Math.max(max, b, Number.isFinite(d) ? d : b);
    }
    return { births, deaths };
  });
  return { dims, max };
}
