import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Benchmark, defineBenchmark } from '@curv/core';
import { planExperiments } from '../src/commands/run.js';
import { runPipeline } from '../src/pipeline.js';
import { createProgress } from '../src/progress.js';

const meta: Record<string, unknown> = {
  preset: 'quick',
  note: 'wall time of `curv run --preset quick --force` (seconds)',
};

/**
 * `pipeline-quick`: wall time of the whole quick preset (both experiments, all seven steps, the
 * reports), from scratch in a temporary directory. Per-step seconds go to `meta.steps`.
 */
export const benchmarks: Benchmark[] = [
  defineBenchmark<{ out: string }>({
    name: 'pipeline-quick',
    unit: 's',
    warmup: 0,
    runs: 1,
    meta,
    setup: () => ({ out: mkdtempSync(join(tmpdir(), 'curv-bench-')) }),
    async run({ out }) {
      const { plans, preset } = planExperiments({ preset: 'quick', out });
      const t0 = performance.now();
      const result = await runPipeline({
        experiments: plans,
        params: preset.params,
        preset: preset.name,
        out,
        force: true,
        progress: createProgress({ stream: process.stderr, tty: false }),
      });
      const total = (performance.now() - t0) / 1000;
      if (!result.ok) {
        const bad = result.outcomes.find((o) => o.status !== 'done');
        throw new Error(
          `pipeline-quick: step ${bad?.step} of ${bad?.experiment} ${bad?.status}: ${bad?.error ?? ''}`,
        );
      }
      meta.ok = result.ok;
      meta.steps = result.outcomes.map((o) => ({
        experiment: o.experiment,
        step: o.step,
        name: o.name,
        status: o.status,
        seconds: Number(o.seconds.toFixed(2)),
      }));
      const perStep: Record<string, number> = {};
      for (const o of result.outcomes)
        perStep[`step${o.step}`] = Number(((perStep[`step${o.step}`] ?? 0) + o.seconds).toFixed(2));
      meta.perStepSeconds = perStep;
      return total;
    },
    teardown: ({ out }) => rmSync(out, { recursive: true, force: true }),
  }),
];
