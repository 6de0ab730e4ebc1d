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
import { ripsPersistence } from '../src/index.js';

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
  // ripser prints 6 significant digits and computes in float32
  const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 2e-5 * Math.max(1, Math.abs(b));
  const same =
    ours.length === theirs.length &&
    ours.every((q, i) => close(q[0], theirs[i][0]) && close(q[1], theirs[i][1]));
  console.log(
    `n=${n} D=${d}${thr ? ` threshold ${thr}` : ''}: H1 pairs ours ${ours.length}, ripser ${theirs.length}, ` +
      `equal ${same}; time ours ${tOurs.toFixed(1)} ms, ripser process ${tRipser.toFixed(1)} ms`,
  );
}
