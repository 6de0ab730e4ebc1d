import { loadavg } from 'node:os';
import { type Benchmark, defineBenchmark } from '@curv/core';
import { createDatasets, type Dataset, take } from '@curv/datasets';
import { defaultConfig, type ExperimentConfig, runTraining } from '../src/index.js';

/**
 * One training epoch of MNIST_Setting_3's network (784-512-256-2) on the 48 000-image training
 * split, batch 128 (375 Adam steps), through the real `train()` path (history, progress off, no
 * files). The held-out split is cut to 128 images so the per-epoch test pass is negligible.
 * Returns the epoch wall time in seconds; `meta.peakRssMB` is the process' peak RSS afterwards,
 * `meta.cpuSeconds` the CPU time of the run and `meta.loadAverage1m` the machine load at its end.
 */
function epochBench(
  name: string,
  curvature: boolean,
): Benchmark<{ data: { train: Dataset; test: Dataset }; config: ExperimentConfig }> {
  const meta: Record<string, unknown> = {
    images: 48000,
    batchSize: 128,
    network: '784-512-256-2',
    lossTerms: curvature
      ? 'MSE + 5e-4·L_equi + 0.1·mean(R²√det g) on all 128 encodings (gauss route)'
      : 'MSE + 5e-4·L_equi',
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
        experiment: { name: name },
        training_mode: { compute_curvature: curvature },
        loss_settings: { lambda_unif: 0.0005, lambda_curv: curvature ? 0.1 : 0, curvature_points: null },
        optimizer_settings: { num_epochs: 1 },
      });
      return {
        data: {
          train: s.train,
          test: take(
            s.test,
            Array.from({ length: 128 }, (_, i) => i),
          ),
        },
        config,
      };
    },
    run: async ({ data, config }) => {
      const cpu0 = process.cpuUsage();
      const r = await runTraining({ config, data, evaluateTrain: false });
      const cpu = process.cpuUsage(cpu0);
      // CPU time of this process (wasm runs single-threaded): close to the idle-machine wall time
      // when other jobs share the cores.
      meta.cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
      meta.loadAverage1m = Math.round(loadavg()[0] * 100) / 100;
      r.model.dispose();
      meta.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
      meta.finalMse = r.history.MSE.at(-1);
      return r.trainingTime;
    },
  });
}

export const benchmarks: Benchmark[] = [
  epochBench('mnist-epoch-mse', false) as Benchmark,
  epochBench('mnist-epoch-curvature', true) as Benchmark,
];
