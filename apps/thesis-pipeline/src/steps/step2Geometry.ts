import type { Dataset } from '@curv/datasets';
import { torusGrid } from '@curv/geometry';
import { encoderJacobianNorms, type TorusAE } from '@curv/models';
import { figureGrid, histogram, latentScatter, reconstructionStrip, torusHeatmap } from '@curv/plots';
import { finiteValues, summary } from '@curv/stats';
import * as tf from '@tensorflow/tfjs-core';
import { experimentData } from '../data.js';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import { geometryAt } from '../geometryAt.js';
import type { StepContext, StepDefinition } from '../step.js';
import { withModel } from '../weights.js';
import { latentScatterSvg, pick, strideIndices } from './scatter.js';

/** The report grid: the `torusGrid` of @curv/geometry (half-open [−π, π)², x fastest), row-major [n², 2]. */
export function latentGridPoints(n: number): Float32Array {
  return torusGrid(n).points;
}

/** mean, unbiased std, min, max of the finite values, and the count of non-finite values. */
export function stats(values: ArrayLike<number>) {
  const finite = finiteValues(values);
  const nonFinite = values.length - finite.length;
  if (finite.length === 0) {
    const none = Number.NaN;
    return {
      mean: none,
      std: 0,
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
      count: 0,
      nonFinite,
    };
  }
  const { mean, std, min, max, count } = summary(finite);
  return { mean, std, min, max, count, nonFinite };
}

/** Per-sample reconstruction errors ‖x − x̂‖²/D of a dataset. */
function reconstructionErrors(model: TorusAE, ds: Dataset, chunk = 1024): Float32Array {
  const [n, D] = ds.shape;
  const error = new Float32Array(n);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const r = tf.tidy(
      () => model.forward(tf.tensor2d(ds.data.subarray(s * D, e * D), [e - s, D])).reconstruction,
    );
    const v = r.dataSync() as Float32Array;
    r.dispose();
    for (let i = s; i < e; i++) {
      let acc = 0;
      for (let k = 0; k < D; k++) acc += (v[(i - s) * D + k] - ds.data[i * D + k]) ** 2;
      error[i] = acc / D;
    }
  }
  return error;
}

function encoderNorms(model: TorusAE, ds: Dataset, chunk = 512): Float32Array {
  const [n, D] = ds.shape;
  const out = new Float32Array(n);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const t = tf.tidy(() =>
      encoderJacobianNorms(model, tf.tensor2d(ds.data.subarray(s * D, e * D), [e - s, D])),
    );
    out.set(t.dataSync() as Float32Array, s);
    t.dispose();
  }
  return out;
}

/**
 * The four histograms of the report, keyed by file base name: scalar curvature R on the data (⌈√N⌉ bins)
 * and on the n × n grid (`bins`), and the curvature functional R²√det g on the data and on the grid
 * (`bins`, values outside the 1st–99th percentile dropped, density, mean/std box on all values). Each
 * grid histogram is built from the grid values only.
 */
export function curvatureHistograms(input: {
  rData: ArrayLike<number>;
  rGrid: ArrayLike<number>;
  fData: ArrayLike<number>;
  fGrid: ArrayLike<number>;
  n: number;
  bins: number;
}): Record<string, string> {
  const { rData, rGrid, fData, fGrid, n, bins } = input;
  const functional = (values: ArrayLike<number>, title: string) =>
    histogram()
      .title(title)
      .bins(bins)
      .clipPercentiles([1, 99])
      .density(true)
      .statsBox(true)
      .xLabel('R²√det g')({ values });
  const curvature = (values: ArrayLike<number>, b: number | 'sqrt', title: string) =>
    histogram().title(title).bins(b).statsBox(true).xLabel('scalar curvature R')({ values });
  return {
    [FILES.figCurvatureHistData]: curvature(
      rData,
      'sqrt',
      `Histogram of curvature values over ${rData.length} test data samples`,
    ),
    [FILES.figCurvatureHistGrid]: curvature(
      rGrid,
      bins,
      `Histogram of curvature values over the ${n}×${n} grid`,
    ),
    [FILES.figHistData]: functional(fData, 'R²(Y_i)√det(g(Y_i)) values on test data (without outliers)'),
    [FILES.figHistGrid]: functional(fGrid, `R²√det g values on the ${n}×${n} grid (without outliers)`),
  };
}

/**
 * Step 2: geometry report of the trained AE on the test split and on an n × n latent grid —
 * scalar curvature R and pull-back metric g by @curv/geometry-autograd (Gauss route by default; exact),
 * √det g, ½ tr g, the curvature functional R²√det g, encoder Jacobian norms, reconstruction errors;
 * scatters, heat maps, histograms. Key figures: mean R² and mean R²√det g on data and grid.
 */
export const step2: StepDefinition = {
  id: 2,
  name: 'geometry',
  title: 'curvature and metric report',
  inputs: () => [FILES.weights],
  params: (p) => p.report,
  async run(ctx) {
    const { grid: n, bins, route } = ctx.params.report;
    await withModel(ctx.path(FILES.weights), (model) => runReport(ctx, model, n, bins, route));
  },
};

async function runReport(
  ctx: StepContext,
  model: TorusAE,
  n: number,
  bins: number,
  route: 'gauss' | 'intrinsic',
) {
  const data = experimentData(ctx.plan.config);
  const test = data.test;
  const name = ctx.plan.name;
  const phi = model.anglesOf(test.data);
  const phiTrain = model.anglesOf(data.train.data);
  const error = reconstructionErrors(model, test);
  const encNorm = encoderNorms(model, test);
  await ctx.safePoint();

  const bar = ctx.progress.bar('curvature', test.shape[0] + n * n);
  const onData = geometryAt(model, phi, { route });
  bar.update(test.shape[0]);
  const gridPts = latentGridPoints(n);
  const onGrid = geometryAt(model, gridPts, { route, chunk: 2500 });
  bar.update(test.shape[0] + n * n);
  bar.done();
  await ctx.safePoint();

  const sqrtDet = (a: Float32Array) => a.map((v) => Math.sqrt(Math.max(v, 0)));
  const fData = onData.density;
  const fGrid = onGrid.density;
  const sqrtDetGrid = sqrtDet(onGrid.detg);
  const halfTrGrid = onGrid.trg.map((v) => v / 2);
  const sqrtDetData = sqrtDet(onData.detg);
  const halfTrData = onData.trg.map((v) => v / 2);
  const R2 = (r: Float32Array) => r.map((v) => v * v);

  const st = {
    route,
    grid: n,
    data: {
      count: test.shape[0],
      R: stats(onData.R),
      R2: stats(R2(onData.R)),
      curvatureFunctional: stats(fData),
      sqrtDetG: stats(sqrtDetData),
      halfTraceG: stats(halfTrData),
      encoderJacobianNorm: stats(encNorm),
      reconstructionError: stats(error),
    },
    grid_values: {
      R: stats(onGrid.R),
      R2: stats(R2(onGrid.R)),
      curvatureFunctional: stats(fGrid),
      sqrtDetG: stats(sqrtDetGrid),
      halfTraceG: stats(halfTrGrid),
    },
  };
  ctx.writeJson(FILES.geometryStats, st);
  ctx.writeJson(FILES.geometryData, {
    points: Array.from(phi),
    labels: Array.from(test.labels),
    R: Array.from(onData.R),
    detg: Array.from(onData.detg),
    trg: Array.from(onData.trg),
    reconstructionError: Array.from(error),
    encoderJacobianNorm: Array.from(encNorm),
  });
  ctx.writeJson(FILES.geometryGrid, {
    n,
    extent: [-Math.PI, Math.PI],
    order:
      'x fastest, row 0 at y = -pi; x_i = -pi + 2 pi i / n, i = 0..n-1, in both coordinates (periodic, pi excluded)',
    R: Array.from(onGrid.R),
    sqrtDetG: Array.from(sqrtDetGrid),
    halfTraceG: Array.from(halfTrGrid),
  });
  ctx.summary.meanR2_data = st.data.R2.mean;
  ctx.summary.meanR2_grid = st.grid_values.R2.mean;
  ctx.summary.L_curv_data = st.data.curvatureFunctional.mean;
  ctx.summary.L_curv_grid = st.grid_values.curvatureFunctional.mean;
  ctx.summary.nonfinite_R = st.data.R.nonFinite + st.grid_values.R.nonFinite;

  // Figures.
  saveFigure(
    ctx,
    FILES.figLatentTest,
    latentScatterSvg(phi, test, `Latent space of ${name}, test data`, { normalize: true }),
  );
  saveFigure(ctx, FILES.figLatentTrain, latentScatterSvg(phiTrain, data.train, '', { normalize: true }));
  if (test.imageShape && test.discreteLabels) {
    const src = data.officialTest ?? test;
    const labels = [...new Set(Array.from(test.labels, Math.round))].sort((a, b) => a - b);
    const idx = labels.map((l) => src.labels.findIndex((v) => Math.round(v) === l)).filter((i) => i >= 0);
    const D = src.shape[1];
    const originals = idx.map((i) => src.data.subarray(i * D, (i + 1) * D));
    const recons = tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(originals.flatMap((o) => Array.from(o))), [idx.length, D]);
      return model.forward(x).reconstruction;
    });
    const rv = recons.dataSync() as Float32Array;
    recons.dispose();
    saveFigure(
      ctx,
      FILES.figRecon,
      reconstructionStrip().title('Original and reconstructed images')({
        imageSize: [test.imageShape[1], test.imageShape[0]],
        rows: [
          { title: 'Original images', images: originals },
          { title: 'Reconstructed images', images: idx.map((_, k) => rv.subarray(k * D, (k + 1) * D)) },
        ],
        columnLabels: labels.map(String),
      }),
    );
  }
  // Scatter figures draw at most MAX_SCATTER_POINTS encodings; statistics above use all of them.
  const sel = strideIndices(test.shape[0]);
  const normPts = pick(phi, sel, 2).map((v) => v / Math.PI);
  const thin = (a: Float32Array) => pick(a, sel);
  const scatter = () => latentScatter().extent([-1, 1]);
  saveFigure(
    ctx,
    FILES.figReconLoss,
    figureGrid().columns(2)([
      latentScatterSvg(phi, test, 'AE latent space', { normalize: true }),
      scatter().title('Reconstruction loss').colorScale('log').colorLabel('squared l2 norm errors')({
        points: normPts,
        values: thin(error),
      }),
    ]),
  );
  saveFigure(
    ctx,
    FILES.figEncoderNorm,
    scatter().title('Jacobian of the encoder Frobenius norm').colorScale('log').colorLabel('‖∂h/∂x‖_F')({
      points: normPts,
      values: thin(encNorm),
    }),
  );
  for (const [file, svg] of Object.entries(
    curvatureHistograms({ rData: onData.R, rGrid: onGrid.R, fData, fGrid, n, bins }),
  )) {
    saveFigure(ctx, file, svg);
  }

  const absR = onGrid.R.map(Math.abs);
  const [e0, e1] = torusGrid(n).extent;
  const heat = () =>
    torusHeatmap()
      .extent([e0 / Math.PI, e1 / Math.PI])
      .axisLabels(['x/π', 'y/π']);
  saveFigure(
    ctx,
    FILES.figHeatmaps,
    figureGrid().columns(2).title(name)([
      heat().scale('log').title('Absolute value of scalar curvature').colorLabel('curvature abs value')({
        values: absR,
        n,
      }),
      heat().scale('symlog').title('Scalar curvature').colorLabel('curvature')({ values: onGrid.R, n }),
      heat().scale('linear').title('√det(G)').colorLabel('√det(G)')({ values: sqrtDetGrid, n }),
      heat().scale('linear').title('0.5·tr(G)').colorLabel('0.5·tr(G)')({ values: halfTrGrid, n }),
    ]),
  );
  // Common scaling.
  const sAbs = stats(absR);
  const sR = stats(onGrid.R);
  const absDomain: [number, number] = [
    Math.max(0.01 * sAbs.mean, Number.MIN_VALUE),
    Math.max(sAbs.max, 0.01 * sAbs.mean * 10),
  ];
  const rDomain: [number, number] = [sR.min, sR.max];
  const linthresh = Math.abs(0.01 * sR.mean) || 1e-3 * Math.max(Math.abs(sR.min), Math.abs(sR.max), 1e-12);
  const dataAbsR = onData.R.map(Math.abs);
  saveFigure(
    ctx,
    FILES.figCurvHeatmaps,
    figureGrid().columns(2).title(name)([
      scatter()
        .title('Absolute value of scalar curvature')
        .colorScale('log')
        .colorDomain(absDomain)
        .colorLabel('|R|')({ points: normPts, values: thin(dataAbsR) }),
      heat()
        .scale('log')
        .domain(absDomain)
        .title('Absolute value of scalar curvature overall')
        .colorLabel('|R|')({ values: absR, n }),
      scatter().title('Scalar curvature').colorScale('symlog').colorDomain(rDomain).colorLabel('R')({
        points: normPts,
        values: thin(onData.R),
      }),
      heat()
        .scale('symlog')
        .linthresh(linthresh)
        .domain(rDomain)
        .title('Scalar curvature overall')
        .colorLabel('R')({ values: onGrid.R, n }),
    ]),
  );
  // The single panels of the figures above, as separate files: R on the grid (symmetric-log scale),
  // the encodings coloured by |R| and |R| on the grid, on the common scale of curvature_heatmaps.
  saveFigure(
    ctx,
    FILES.figScalarCurvatureHeatmap(name),
    heat().size([640, 540]).scale('symlog').linthresh(linthresh).colorLabel('curvature')({
      values: onGrid.R,
      n,
    }),
  );
  saveFigure(
    ctx,
    FILES.figManifoldCurvature,
    scatter().size([560, 470]).colorScale('log').colorDomain(absDomain).colorLabel('|R|')({
      points: normPts,
      values: thin(dataAbsR),
    }),
  );
  saveFigure(
    ctx,
    FILES.figCurvatureHeatmap,
    heat().size([660, 540]).scale('log').domain(absDomain).colorLabel('curvature absolute value')({
      values: absR,
      n,
    }),
  );
  const detMax = stats(sqrtDetGrid).max;
  const trMax = stats(halfTrGrid).max;
  saveFigure(
    ctx,
    FILES.figMetricDetTrace,
    figureGrid().columns(2).title(name)([
      scatter().title('√det(G)').colorDomain([0, detMax]).colorLabel('√det(G)')({
        points: normPts,
        values: thin(sqrtDetData),
      }),
      heat().scale('linear').title('√det(G)').colorLabel('√det(G)')({ values: sqrtDetGrid, n }),
      scatter().title('0.5·tr(G)').colorDomain([0, trMax]).colorLabel('0.5·tr(G)')({
        points: normPts,
        values: thin(halfTrData),
      }),
      heat().scale('linear').domain([0, trMax]).title('0.5·tr(G)').colorLabel('0.5·tr(G)')({
        values: halfTrGrid,
        n,
      }),
    ]),
  );
}
