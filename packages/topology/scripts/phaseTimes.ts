/**
 * CPU time (process.cpuUsage, less sensitive to other load than wall time) of the phases of
 * ripsPersistence: distances, H0 alone, H0 + H1.   npx tsx packages/topology/scripts/phaseTimes.ts
 */
import { Random } from '@curv/core';
import {
  flattenPoints,
  pairwiseDistances,
  ripsPersistence,
  ripsPersistenceOfDistances,
} from '../src/index.js';

const r = new Random(3);
for (const [n, d] of [
  [128, 784],
  [128, 2],
  [500, 2],
]) {
  const x = Float64Array.from({ length: n * d }, () => r.normal());
  const reps = n > 200 ? 3 : 30;
  const f = flattenPoints(x, d);
  for (let i = 0; i < 3; i++) ripsPersistence(x, { dim: d });
  let c = process.cpuUsage();
  for (let i = 0; i < reps; i++) pairwiseDistances(f);
  const tDist = process.cpuUsage(c).user / 1000 / reps;
  const D = pairwiseDistances(f);
  c = process.cpuUsage();
  for (let i = 0; i < reps; i++) ripsPersistenceOfDistances(D, { maxdim: 0 });
  const tH0 = process.cpuUsage(c).user / 1000 / reps;
  c = process.cpuUsage();
  for (let i = 0; i < reps; i++) ripsPersistenceOfDistances(D);
  const tAll = process.cpuUsage(c).user / 1000 / reps;
  c = process.cpuUsage();
  for (let i = 0; i < reps; i++) ripsPersistence(x, { dim: d });
  const tFull = process.cpuUsage(c).user / 1000 / reps;
  console.log(
    n,
    d,
    'cpu ms: dist',
    tDist.toFixed(1),
    'fromD h0',
    tH0.toFixed(1),
    'fromD all',
    tAll.toFixed(1),
    'points all',
    tFull.toFixed(1),
  );
}
