import { loadavg } from 'node:os';
import { type Benchmark, defineBenchmark } from '@curv/core';
import { createDatasets, type Dataset, take } from '@curv/datasets';
import { defaultConfig, type ExperimentConfig, runTraining } from '../src/index.js';

const IMAGES = 12000;

/**
 * The cost of diagnostic mode: one training epoch of MNIST_Setting_3's network (784-512-256-2) on
 * the first 12 000 training images, batch 128 (94 Adam steps), with and without the per-batch
 * diagnostics (R² and the curvature functional on the batch's encodings, det g, tr g, ‖(g + εI)⁻¹‖_F,
 * the encoder Jacobian norms), for a loss without and with the curvature term. Returns the epoch wall
 * time in seconds; `meta.cpuSeconds` is the CPU time of the run (robust to other load).
 */
function diagnosticBench(
  name: string,
  curvature: boolean,
  diagnostics: boolean,
): Benchmark<{ data: { train: Dataset; test: Dataset }; config: ExperimentConfig }> {
  const meta: Record<string, unknown> = {
    images: IMAGES,
    batchSize: 128,
    network: '784-512-256-2',
    lossTerms: curvature
      ? 'MSE + 5e-4·L_equi + 0.1·mean(R²√det g) on all 128 encodings (gauss route)'
      : 'MSE + 5e-4·L_equi',
    diagnosticMode: diagnostics,
  };
  return defineBenchmark({
    name,
    unit: 's',
    runs: 1,
    warmup: 0,
    meta,
    setup: () => {
      const s = createDatasets({ name: 'MNIST' }, { seed: 0, splitRatio: 0.2 });
      const config = defaultConfig({
        experiment: { name },
        training_mode: { compute_curvature: curvature, diagnostic_mode: diagnostics },
        loss_settings: { lambda_unif: 0.0005, lambda_curv: curvature ? 0.1 : 0, curvature_points: null },
        optimizer_settings: { num_epochs: 1 },
      });
      const first = (n: number) => Array.from({ length: n }, (_, i) => i);
      return { data: { train: take(s.train, first(IMAGES)), test: take(s.test, first(128)) }, config };
    },
    run: async ({ data, config }) => {
      const cpu0 = process.cpuUsage();
      const r = await runTraining({ config, data, evaluateTrain: false });
      const cpu = process.cpuUsage(cpu0);
      meta.cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
      meta.loadAverage1m = Math.round(loadavg()[0] * 100) / 100;
      r.model.dispose();
      return r.trainingTime;
    },
  });
}

export const benchmarks: Benchmark[] = [
  diagnosticBench('diagnostics-epoch-mse-off', false, false) as Benchmark,
  diagnosticBench('diagnostics-epoch-mse-on', false, true) as Benchmark,
  diagnosticBench('diagnostics-epoch-curvature-off', true, false) as Benchmark,
  diagnosticBench('diagnostics-epoch-curvature-on', true, true) as Benchmark,
] as Benchmark[];
