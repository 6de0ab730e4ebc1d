/**
 * Run the three synthetic experiments with their full step budgets and print the outcome
 * (clusters beyond scale 2, H1 persistences, time per step).
 *   npx tsx packages/topology/scripts/syntheticFull.ts [test ...] [--seed S]
 */
import { initBackend } from '@curv/core';
import { ripsPersistence, runSyntheticExperiment, syntheticSetup, topologySummary } from '../src/index.js';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 0;
const tests = args.filter((a, i) => /^[123]$/.test(a) && (seedAt < 0 || i !== seedAt + 1)).map(Number);
await initBackend({ backend: 'wasm', log: null });
for (const test of tests.length ? tests : [1, 2, 3]) {
  const setup = syntheticSetup(test, seed);
  const t0 = performance.now();
  const r = await runSyntheticExperiment(setup);
  const ms = performance.now() - t0;
  const fmt = (s: ReturnType<typeof topologySummary>) =>
    `clusters(>2) ${s.clusters}, H1 top persistences [${s.loops
      .slice(0, 3)
      .map((v) => v.toFixed(3))
      .join(', ')}]`;
  // first saved frame at which the target topology is reached
  const goal = (f: { points: Float64Array }) => {
    const s = topologySummary(ripsPersistence(f.points, { dim: 2 }), 2);
    const loops = s.loops.filter((v) => v > 2).length;
    return test === 3
      ? loops === 1 && (s.loops[1] ?? 0) < 0.25 * s.loops[0]
      : s.clusters === [3, 4][test - 1];
  };
  const reached = r.frames.find(goal)?.step ?? 'never';
  const pushSteps = r.losses.filter((l) => l.pushApart).length * 5;
  console.log(
    `test ${test} (${setup.title}), seed ${seed}, ${r.steps} steps in ${(ms / 1000).toFixed(1)} s ` +
      `(${(ms / r.steps).toFixed(2)} ms/step), ~${pushSteps} push-apart steps, target topology first at step ${reached}\n` +
      `  target:  ${fmt(topologySummary(r.target, 2))}\n` +
      `  initial: ${fmt(topologySummary(r.initial, 2))}\n` +
      `  final:   ${fmt(topologySummary(r.final, 2))}; loss first ${r.losses[0].loss.toFixed(4)}, last ${r.losses.at(-1)!.loss.toFixed(4)}`,
  );
}
