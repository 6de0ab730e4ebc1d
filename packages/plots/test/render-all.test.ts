import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import * as P from '../src/index.js';
import * as F from './fixtures.js';

it('renders everything (manual look)', () => {
  const out = 'packages/plots/test-output';
  mkdirSync(out, { recursive: true });
  const save = (name: string, svg: string) => {
    writeFileSync(`${out}/${name}.svg`, svg);
    writeFileSync(`${out}/${name}.png`, P.toPng(svg));
  };
  const c = F.clusters();
  const t = F.torusFields(50);
  save('loss', P.lossCurves()(F.lossHistories()));
  save(
    'hm-log',
    P.torusHeatmap().scale('log').title('Absolute value of scalar curvature').colorLabel('|R|')({
      values: t.absR,
    }),
  );
  save('hm-sym', P.torusHeatmap().scale('symlog').colorLabel('R')({ values: t.R }));
  save(
    'hist',
    P.histogram().statsBox(true).clipPercentiles([1, 99]).bins(30).title('R² √det g')({ values: t.R }),
  );
  const curves = [
    { points: F.segment([-2, -2], [2, -2], 20), kind: 'border' as const },
    { points: F.segment([-2, 2], [2, 2], 20), kind: 'border' as const },
    { points: F.segment([0, -2], [0, 2], 20), kind: 'interior' as const },
  ];
  save('geo', P.geodesicPlot()({ curves, points: c.points, labels: c.labels }));
  save(
    'geo1',
    P.geodesicPlot()({
      curves: [{ points: F.segment([0, -2], [0, 3], 30), kind: 'single' }],
      start: [0, -2],
      end: [0, 3],
    }),
  );
  save('surf', P.surface3d().title('3d embedding')(F.bumpSurface()));
  const o = F.octopusFixture();
  save('octo', P.octopusPlot()(o));
  save('kmh', P.kmeansHistory()(F.kmeansFixture()));
  save(
    'db',
    P.decisionBoundary().title('Voronoi cells via 7-NN')({
      points: c.points,
      labels: c.labels,
      grid: F.nearestCentreGrid(60, c.centres),
    }),
  );
  const steps = [0.005, 0.01077, 0.02321, 0.05, 0.1077, 0.2321, 0.5];
  save(
    'box',
    P.errorBoxPlot()({ steps, errors: F.fdErrors(steps), fpLevel: 5.96e-8, fpLabel: 'FP32 error (5.96e-8)' }),
  );
  save(
    'timing',
    P.seriesPlot().xTicks([16, 32, 64, 128]).xLabel('Batch size').yLabel('Average time (s)')({
      series: [
        { label: 'FD', x: [16, 32, 64, 128], y: [0.01, 0.02, 0.035, 0.07], marker: 'circle' },
        { label: 'AD', x: [16, 32, 64, 128], y: [0.02, 0.05, 0.09, 0.2], marker: 'square' },
      ],
    }),
  );
  const im = F.tinyImages();
  save(
    'strip',
    P.reconstructionStrip()({
      imageSize: [8, 8],
      rows: [
        { title: 'Original images', images: im.originals },
        { title: 'Reconstructed images', images: im.recons },
      ],
      columnLabels: ['0', '1', '2'],
    }),
  );
  save(
    'grid',
    P.figureGrid().title('Heat maps')([
      P.torusHeatmap().scale('linear')({ values: t.sqrtDet }),
      P.torusHeatmap()({ values: t.halfTrace }),
    ]),
  );
});
