import { loadavg } from 'node:os';
import { type Benchmark, defineBenchmark, Random } from '@curv/core';
import { TorusAE } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { diffusionCurvature, type PointCloud, torus } from '../src/index.js';

/**
 * Full entropic diffusion curvature with the default settings (ν tuned to a median support of 150,
 * t = 1…39, 3 flat comparison samples, P² smoothing). Returns the wall time in seconds; `meta` records
 * the CPU time, the time per stage (tuning + kernel, the 39 dense diffusion products with their
 * energies, the flat comparison spaces, the rest), the process' peak RSS and the machine load.
 */
function curvatureBench(
  name: string,
  meta: Record<string, unknown>,
  makePoints: () => PointCloud,
): Benchmark {
  return defineBenchmark<{ points: PointCloud }>({
    name,
    unit: 's',
    runs: 1,
    warmup: 0,
    meta,
    setup: () => ({ points: makePoints() }),
    run: async ({ points }) => {
      const stages: Record<string, number> = {};
      let last = performance.now();
      let stage = 'setup';
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await diffusionCurvature().run(points, 2, {
        onProgress: (s) => {
          const now = performance.now();
          stages[stage] = (stages[stage] ?? 0) + (now - last) / 1000;
          last = now;
          stage =
            s === 'tune'
              ? 'tuning + kernel'
              : s.startsWith('flat')
                ? 'flat comparison'
                : s.startsWith('t=')
                  ? 'diffusion t=1…39'
                  : stage;
        },
      });
      const wall = (performance.now() - t0) / 1000;
      stages[`${stage} + curvature + smoothing`] = (performance.now() - last) / 1000;
      delete stages.setup;
      const cpu = process.cpuUsage(cpu0);
      meta.cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
      meta.stageSeconds = Object.fromEntries(
        Object.entries(stages).map(([k, v]) => [k, Math.round(v * 100) / 100]),
      );
      meta.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
      meta.loadAverage1m = Math.round(loadavg()[0] * 100) / 100;
      meta.nu = r.nu;
      meta.support = r.support;
      meta.numTensorsAfter = tf.memory().numTensors;
      return wall;
    },
  }) as Benchmark;
}

export const benchmarks: Benchmark[] = [
  curvatureBench(
    'diffusion-curvature-n2000',
    { points: 'torus c = 2, a = 1, n = 2000 in R³', settings: 'defaults (entropic, graphKnn 150, t = 1…39)' },
    () => torus(2000, { seed: 1 }).points,
  ),
  curvatureBench(
    'diffusion-curvature-decoded-n1000',
    {
      points: '1000 uniform latent angles decoded by a random-init 784-512-256-2 TorusAE (seed 0) → R^784',
      settings: 'defaults (entropic, graphKnn 150, t = 1…39), dim 2',
    },
    () => {
      const ae = new TorusAE({ inputDim: 784, seed: 0 });
      const rng = new Random(3);
      const phi = tf.tensor2d(rng.uniformArray(2000, -Math.PI, Math.PI), [1000, 2]);
      const x = ae.decodeAngles(phi);
      const points = x.arraySync() as number[][];
      tf.dispose([phi, x]);
      ae.dispose();
      return points;
    },
  ),
];
