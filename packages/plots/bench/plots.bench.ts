import type { Benchmark } from '@curv/core';
import { latentScatter, report, toPng, torusHeatmap } from '../src/index.js';
import { clusters, torusFields } from '../test/fixtures.js';
import { fixtureReport } from '../test/reportFixture.js';

const grid = torusFields(200); // SPEC §11: 200×200 latent grid
const many = clusters(3000); // 9 000 encoded points

/** Rendering cost of the largest figures the pipeline makes (ms per call). */
export const benchmarks: Benchmark[] = [
  {
    name: 'plots.torusHeatmap.symlog.200x200',
    runs: 10,
    warmup: 2,
    run: () => {
      torusHeatmap().scale('symlog')({ values: grid.R });
      return undefined;
    },
    meta: { grid: 200 },
  },
  {
    name: 'plots.latentScatter.9000points',
    runs: 10,
    warmup: 2,
    run: () => {
      latentScatter()({ points: many.points, labels: many.labels });
      return undefined;
    },
    meta: { points: 9000 },
  },
  {
    name: 'plots.toPng.heatmap.1200px',
    runs: 5,
    warmup: 1,
    setup: () => torusHeatmap().scale('log')({ values: grid.absR }),
    run: (svg) => {
      toPng(svg as string, { width: 1200 });
      return undefined;
    },
  },
  {
    name: 'plots.report.fixture',
    runs: 5,
    warmup: 1,
    run: () => {
      report(fixtureReport().input);
      return undefined;
    },
  },
];
