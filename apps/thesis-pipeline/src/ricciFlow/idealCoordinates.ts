import { CurvInputError } from '@curv/core';
import { type Dataset, swissRollArcLength } from '@curv/datasets';

/**
 * The ideal 2-D representation of a synthetic dataset, row-major [n, 2], in which Euclidean distances are the
 * ground-truth intrinsic distances: for the Swiss roll the unrolled chart (arc length of the spiral at t, y);
 * for the Synthetic Gaussians the in-plane coordinates s of every class (all classes realigned on one plane).
 */
export function idealCoordinates(ds: Dataset): Float64Array {
  const truth = ds.intrinsic;
  if (truth?.dim !== 2) {
    throw new CurvInputError(
      `${ds.name}: no 2-D ground-truth coordinates; expected the Swiss roll or the Synthetic Gaussians with d = 2`,
      ds.name,
    );
  }
  const n = ds.shape[0];
  const out = Float64Array.from(truth.data);
  if (ds.name === 'Swissroll') for (let i = 0; i < n; i++) out[2 * i] = swissRollArcLength(truth.data[2 * i]);
  return out;
}
