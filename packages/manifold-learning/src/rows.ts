import type { PointSet } from './pointSet.js';

/** The points as an array of rows (the input format of ml-pca and umap-js). */
export function toRows(p: PointSet): number[][] {
  const n = p.data.length / p.dim;
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(p.dim);
    for (let c = 0; c < p.dim; c++) r[c] = p.data[i * p.dim + c];
    rows[i] = r;
  }
  return rows;
}

/** Rows of equal length back to one row-major Float64Array. */
export function fromRows(rows: ArrayLike<ArrayLike<number>>, dim: number): Float64Array {
  const out = new Float64Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) for (let c = 0; c < dim; c++) out[i * dim + c] = rows[i][c];
  return out;
}
