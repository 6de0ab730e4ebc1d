import {
  decisionBoundary,
  errorBoxPlot,
  figureGrid,
  geodesicPlot,
  histogram,
  kmeansHistory,
  latentScatter,
  lossCurves,
  octopusPlot,
  type ReportInput,
  reconstructionStrip,
  seriesPlot,
  surface3d,
  torusHeatmap,
} from '../src/index.js';
import * as F from './fixtures.js';

/** A report with figures for every step, built from the deterministic fixtures. */
export function fixtureReport(): { input: ReportInput; figureCount: number } {
  const c = F.clusters(30);
  const t = F.torusFields(40);
  const im = F.tinyImages();
  const o = F.octopusFixture(6, 10);
  const steps = [0.005, 0.05, 0.5];
  const surf = F.bumpSurface();
  const input: ReportInput = {
    title: 'MNIST_Setting_3 <fixture>',
    config: {
      experiment: { name: 'MNIST_Setting_3' },
      training_config: { num_epochs: 20, learning_rate: 0.001 },
      selected_labels: [0, 1, 2],
    },
    results: [
      {
        epoch_count: 20,
        learning_rate: 0.001,
        batch_size: 64,
        'R^2_test_data ': 0.8123,
        training_time: 12.5,
        'MSE test': 0.0312,
      },
    ],
    sections: [
      {
        title: 'Step 1 — Training',
        label: 'Step 1',
        figures: [
          { title: 'Loss curves', svg: lossCurves()(F.lossHistories()) },
          {
            title: 'Final latent space',
            svg: latentScatter().title('Latent space after epoch 20')({ points: c.points, labels: c.labels }),
          },
          {
            title: 'Reconstructions',
            svg: reconstructionStrip()({
              imageSize: [8, 8],
              rows: [
                { title: 'Original images', images: im.originals },
                { title: 'Reconstructed images', images: im.recons },
              ],
            }),
          },
        ],
      },
      {
        title: 'Step 2 — Geometry report',
        label: 'Step 2',
        figures: [
          {
            title: 'Heat maps',
            svg: figureGrid().columns(2)([
              torusHeatmap().scale('log').title('|R|')({ values: t.absR }),
              torusHeatmap().scale('symlog').title('R')({ values: t.R }),
              torusHeatmap().title('√det G')({ values: t.sqrtDet }),
              torusHeatmap().title('0.5·tr G')({ values: t.halfTrace }),
            ]),
          },
          {
            title: 'Curvature functional',
            svg: histogram().statsBox(true).clipPercentiles([1, 99])({ values: t.R }),
          },
        ],
      },
      {
        title: 'Step 3 — Geodesic grids',
        label: 'Step 3',
        figures: [
          {
            title: 'Single geodesic',
            svg: geodesicPlot()({
              curves: [{ points: F.segment([0, -2], [0, 3], 30), kind: 'single' }],
              start: [0, -2],
              end: [0, 3],
            }),
          },
        ],
      },
      {
        title: 'Step 4 — Quasi-isometric 3-D embedding',
        label: 'Step 4',
        figures: [{ title: '3-D embedding', svg: surface3d()(surf) }],
      },
      {
        title: 'Step 5 — Embedded surface (interactive)',
        label: 'Step 5',
        surface: { ...surf, title: 'Embedded 10×10 grid' },
      },
      {
        title: 'Step 6 — Riemannian K-means',
        label: 'Step 6',
        figures: [{ title: 'K-means history', svg: kmeansHistory()(F.kmeansFixture()) }],
      },
      {
        title: 'Step 7 — Clustering visualisation and report',
        label: 'Step 7',
        tables: [
          {
            title: 'F-measures',
            columns: ['method', 'F'],
            rows: [
              ['Riemannian', 0.91],
              ['Euclidean', 0.87],
            ],
          },
        ],
        figures: [
          { title: 'Octopus plot', svg: octopusPlot()(o) },
          {
            title: 'Decision boundary',
            svg: decisionBoundary()({
              points: c.points,
              labels: c.labels,
              grid: F.nearestCentreGrid(40, c.centres),
            }),
          },
        ],
      },
      {
        title: 'Chapter 4',
        figures: [
          {
            title: 'AD vs FD',
            svg: errorBoxPlot()({ steps, errors: F.fdErrors(steps, 60), fpLevel: 5.96e-8 }),
          },
          {
            title: 'Timing',
            svg: seriesPlot().xTicks([16, 32, 64])({
              series: [{ label: 'FD', x: [16, 32, 64], y: [1, 2, 4], marker: 'circle' }],
            }),
          },
        ],
      },
    ],
  };
  return { input, figureCount: 12 };
}
