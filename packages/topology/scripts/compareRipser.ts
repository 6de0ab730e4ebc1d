/**
 * Development check (not a test; needs Debian's `ripser`): persistence diagrams of random clouds from
 * ripsPersistence and from the ripser command line, compared value by value, with timings.
 *   npx tsx packages/topology/scripts/compareRipser.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '@curv/core';
import { bottleneckDistance, ripsPersistence } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'topo-ripser-'));
const rng = new Random(2024);
const cases: [number, number, number?][] = [
  [64, 2],
  [128, 2],
  [128, 784],
  [200, 3],
  [500, 2, 0.1],
];
for (const [n, d, thr] of cases) {
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.uniform()));
  const file = join(dir, `pc-${n}-${d}.txt`);
  // ripser reads decimal text: write float64 values with full precision
  writeFileSync(file, x.map((r) => r.map((v) => v.toPrecision(17)).join(',')).join('\n'));
  const t0 = performance.now();
  const args = ['--format', 'point-cloud', '--dim', '1', ...(thr ? ['--threshold', String(thr)] : []), file];
  const out = execFileSync('ripser', args, { encoding: 'utf8' });
  const tRipser = performance.now() - t0;
  const t1 = performance.now();
  const p = ripsPersistence(x, { threshold: thr });
  const tOurs = performance.now() - t1;
  const h1 = out.split('persistence intervals in dim 1:')[1] ?? '';
  const theirs = [...h1.matchAll(/\[([\d.e-]+),\s*([\d.e-]*)\)/g)]
    .map((m) => [Number(m[1]), m[2] === '' ? Number.POSITIVE_INFINITY : Number(m[2])])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ours = Array.from(p.h1!.births, (b, i) => [b, p.h1!.deaths[i]]);
  // ripser prints 6 significant digits and computes in float32: compare by the bottleneck distance
  const finite = (q: number[][]) => q.filter((x) => Number.isFinite(x[1])) as [number, number][];
  const bn = bottleneckDistance(finite(ours), finite(theirs)).distance;
  const inf = (q: number[][]) => q.filter((x) => !Number.isFinite(x[1])).length;
  console.log(
    `n=${n} D=${d}${thr ? ` threshold ${thr}` : ''}: H1 pairs ours ${ours.length} (${inf(ours)} infinite), ` +
      `ripser ${theirs.length} (${inf(theirs)} infinite), bottleneck distance ${bn.toExponential(2)}; ` +
      `time ours ${tOurs.toFixed(1)} ms, ripser process ${tRipser.toFixed(1)} ms`,
  );
}
