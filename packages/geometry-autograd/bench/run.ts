/**
 * Run this package's benchmarks directly (without the repository harness):
 *   pnpm tsx packages/geometry-autograd/bench/run.ts [filter]
 * Prints median/min/max wall time per benchmark and the median process CPU time (less sensitive to other
 * processes competing for the cores).
 */
import { initBackend } from '@curv/core';
import { benchmarks } from './curvature.bench.js';

await initBackend({ backend: 'wasm', log: (m) => console.error(m) });
const filter = process.argv[2] ?? '';
for (const b of benchmarks) {
  if (!b.name.includes(filter)) continue;
  const ctx = b.setup ? await b.setup() : undefined;
  for (let i = 0; i < (b.warmup ?? 1); i++) await b.run(ctx);
  const t: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < (b.runs ?? 5); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await b.run(ctx);
    t.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  cpu.sort((x, y) => x - y);
  if (b.teardown) await b.teardown(ctx);
  t.sort((x, y) => x - y);
  console.log(
    `${b.name}: median ${t[t.length >> 1].toFixed(1)} ms (min ${t[0].toFixed(1)}, max ${t[t.length - 1].toFixed(1)}); CPU median ${cpu[cpu.length >> 1].toFixed(1)} ms`,
  );
}
