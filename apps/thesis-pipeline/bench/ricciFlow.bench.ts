import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Benchmark, defineBenchmark } from '@curv/core';
import { RICCI_FLOW_QUICK, runRicciFlow } from '../src/ricciFlow/runRicciFlow.js';

const meta: Record<string, unknown> = {
  preset: 'ricci-flow',
  note: 'wall time of `curv run --preset ricci-flow` (seconds): 2 datasets × 2 latent types × 7 models (no curvature term; ∫R², F, W at λ 0.01 and 0.1), views (PCA, t-SNE, UMAP, LLE), tables, report',
};

/**
 * `ricci-flow-preset`: wall time of the whole `ricci-flow` preset (Synthetic Gaussians and Swiss roll, torus and
 * Euclidean latent, seven models each, t-SNE/UMAP/LLE views, the tables, figures and report) from scratch in a
 * temporary directory.
 * Per-model training seconds go to `meta.training`.
 */
export const benchmarks: Benchmark[] = [
  defineBenchmark<{ out: string }>({
    name: 'ricci-flow-preset',
    unit: 's',
    warmup: 0,
    runs: 1,
    meta,
    setup: () => ({ out: mkdtempSync(join(tmpdir(), 'curv-bench-ricci-')) }),
    async run({ out }) {
      const t0 = performance.now();
      const result = await runRicciFlow(out, RICCI_FLOW_QUICK);
      const total = (performance.now() - t0) / 1000;
      meta.training = result.datasets.flatMap((d) =>
        d.models.map((m) => ({
          dataset: d.dataset,
          model: m.name,
          seconds: Number(m.trainingSeconds.toFixed(2)),
        })),
      );
      return total;
    },
    teardown: ({ out }) => rmSync(out, { recursive: true, force: true }),
  }),
];
