import { CurvInputError } from '@curv/core';
import { compareCurvature } from '@curv/diffusion-curvature';
import { torusGrid } from '@curv/geometry';
import type { TorusAE } from '@curv/models';
import { energyCurves, figureGrid, latentScatter, seriesPlot, torusHeatmap } from '@curv/plots';
import { experimentData } from '../data.js';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import { geometryAt } from '../geometryAt.js';
import type { PipelineParams } from '../params.js';
import { RunInterrupted, type StepContext, type StepDefinition } from '../step.js';
import { withModel } from '../weights.js';
import { areaUniformSample, decoderDiffusionCurvature, latentSample } from './decoderDiffusionCurvature.js';

type DiffusionParams = PipelineParams['diffusion'];

/** One-line input errors for the step's preset parameters (they can come from a user's `--set`). */
export function checkDiffusionParams(p: DiffusionParams): void {
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) {
      throw new CurvInputError(`diffusion.${name} ${v}: expected an integer ≥ ${min}`, `diffusion.${name}`);
    }
  };
  int('n', p.n, 10);
  int('graphKnn', p.graphKnn, 2);
  int('grid', p.grid, 2);
  int('seed', p.seed, 0);
  if (p.sampling !== 'mixed' && p.sampling !== 'area') {
    throw new CurvInputError(
      `diffusion.sampling '${p.sampling}': expected 'mixed' or 'area'`,
      'diffusion.sampling',
    );
  }
  if (p.graphKnn >= p.n) {
    throw new CurvInputError(
      `diffusion.graphKnn ${p.graphKnn}: expected fewer than diffusion.n = ${p.n} neighbours`,
      'diffusion.graphKnn',
    );
  }
  const [t0, t1] = p.times;
  if (p.times.length !== 2 || !Number.isInteger(t0) || !Number.isInteger(t1) || t0 < 1 || t1 < t0 + 1) {
    throw new CurvInputError(
      `diffusion.times [${p.times}]: expected [first, last] integer diffusion times with 1 ≤ first < last`,
      'diffusion.times',
    );
  }
}

/**
 * Step 9: diffusion curvature of the decoded cloud Ψ(z) ⊂ R^784 (intrinsic dimension 2) at n latent
 * points — half uniform on the torus, half data encodings — compared with the exact Gaussian curvature
 * K = R/2 of the decoded surface at the same points (R by @curv/geometry-autograd): Pearson, Spearman,
 * sign agreement, a k-vs-K scatter, torus maps of k and K, and diffusion-energy curves of a few points.
 * Key figures: the three agreement numbers, ν and the median support of the diffusion operator.
 */
export const step9: StepDefinition = {
  id: 9,
  name: 'diffusion',
  title: 'diffusion curvature vs exact R/2',
  inputs: () => [FILES.weights],
  params: (p) => p.diffusion,
  async run(ctx) {
    checkDiffusionParams(ctx.params.diffusion);
    await withModel(ctx.path(FILES.weights), (model) => runDiffusion(ctx, model, ctx.params.diffusion));
  },
};

async function runDiffusion(ctx: StepContext, model: TorusAE, p: DiffusionParams) {
  const data = experimentData(ctx.plan.config);
  const trainEnc = model.anglesOf(data.train.data);
  const testEnc = model.anglesOf(data.test.data);
  const encodings = new Float32Array(trainEnc.length + testEnc.length);
  encodings.set(trainEnc, 0);
  encodings.set(testEnc, trainEnc.length);
  const { z, source } =
    p.sampling === 'area'
      ? {
          z: areaUniformSample(
            (pts) => geometryAt(model, pts, { chunk: 1024 }).detg.map((d) => Math.sqrt(Math.max(d, 0))),
            p.n,
            p.seed,
          ),
          source: Array<'uniform' | 'data'>(p.n).fill('uniform'),
        }
      : latentSample(p.n, encodings, p.seed);
  await ctx.safePoint();

  const T = p.times[1] - p.times[0] + 1;
  const bar = ctx.progress.bar('diffusion curvature', 4 * T + 2);
  let stages = 0;
  let result: Awaited<ReturnType<typeof decoderDiffusionCurvature>>;
  try {
    result = await decoderDiffusionCurvature(model.decoder(), z, {
      graphKnn: p.graphKnn,
      times: p.times,
      seed: p.seed,
      signal: ctx.signal,
      onProgress: (stage) => bar.update(Math.min(++stages, 4 * T + 1), stage),
    });
  } catch (e) {
    if (ctx.signal.aborted) throw new RunInterrupted();
    throw e;
  }
  bar.done();
  await ctx.safePoint();

  // Agreement on each half of the sample (uniform latent points, data encodings).
  const bySource: Record<string, { n: number; pearson: number | null; spearman: number | null }> = {};
  for (const s of ['uniform', 'data'] as const) {
    const idx = source.flatMap((v, i) => (v === s ? [i] : []));
    let pearson: number | null = null;
    let spearman: number | null = null;
    if (idx.length >= 3) {
      try {
        const c = compareCurvature(
          idx.map((i) => result.k[i]),
          idx.map((i) => result.K[i]),
        );
        if (Number.isFinite(c.pearson) && Number.isFinite(c.spearman)) {
          pearson = c.pearson;
          spearman = c.spearman;
        }
      } catch {
        // constant values on this half: no correlation (recorded as null)
      }
    }
    bySource[s] = { n: idx.length, pearson, spearman };
  }

  // Exact K on the latent grid, for the heat map.
  const grid = torusGrid(p.grid);
  const Kgrid = geometryAt(model, grid.points, { chunk: 2500 }).R.map((r) => r / 2);
  if (Kgrid.some((v) => !Number.isFinite(v))) {
    throw new Error(`diffusion curvature: exact R is not finite on the ${p.grid}×${p.grid} latent grid`);
  }
  await ctx.safePoint();

  ctx.writeJson(FILES.diffusionCurvature, {
    k: result.k,
    K: result.K,
    z: result.z,
    source,
    pearson: result.pearson,
    spearman: result.spearman,
    signAgreement: result.signAgreement,
    signCount: result.signCount,
    signThreshold: result.signThreshold,
    nu: result.nu,
    sigma: result.sigma,
    curvatureAtKernelScale: result.curvatureAtKernelScale,
    support: result.support,
    converged: result.converged,
    bySource,
    settings: {
      n: p.n,
      graphKnn: p.graphKnn,
      times: p.times,
      seed: p.seed,
      dim: 2,
      ambientDim: result.ambientDim,
      method: 'entropic',
      exact: 'K = R/2, R of the pull-back metric by @curv/geometry-autograd (Gauss route)',
      sampling: p.sampling,
      sample:
        p.sampling === 'area'
          ? 'uniform by area on the decoded surface (rejection sampling by sqrt det g)'
          : 'half uniform on [-pi, pi)^2, half train/test encodings (source per point)',
    },
  });
  ctx.summary.pearson = result.pearson;
  ctx.summary.spearman = result.spearman;
  ctx.summary.sign_agreement = result.signAgreement;
  if (bySource.uniform.pearson !== null) ctx.summary.pearson_uniform = bySource.uniform.pearson;
  if (bySource.data.pearson !== null) ctx.summary.pearson_data = bySource.data.pearson;
  if (result.nu !== null) ctx.summary.nu = result.nu;
  ctx.summary.support = result.support;
  ctx.summary.max_abs_K_sigma2 = result.curvatureAtKernelScale;
  ctx.summary.points = p.n;

  writeFigures(ctx, result, source, Kgrid, p.grid);
}

function writeFigures(
  ctx: StepContext,
  r: Awaited<ReturnType<typeof decoderDiffusionCurvature>>,
  source: ('uniform' | 'data')[],
  Kgrid: Float32Array,
  n: number,
) {
  const name = ctx.plan.name;
  const pick = (s: 'uniform' | 'data', a: number[]) => a.filter((_, i) => source[i] === s);
  saveFigure(
    ctx,
    FILES.figDiffusionScatter,
    seriesPlot()
      .xLabel('exact Gaussian curvature K = R/2')
      .yLabel('diffusion curvature k')
      .legend('upper left')
      .title(
        `${name}: k vs K (Pearson ${r.pearson.toFixed(3)}, Spearman ${r.spearman.toFixed(3)}, sign ${r.signAgreement.toFixed(3)})`,
      )({
      series: (['uniform', 'data'] as const)
        .filter((s) => source.includes(s))
        .map((s) => ({
          x: pick(s, r.K),
          y: pick(s, r.k),
          label: s === 'uniform' ? 'uniform points' : 'data encodings',
          line: false,
          marker: 'circle' as const,
          opacity: 0.6,
        })),
    }),
  );

  // Maps on the torus: exact K on the grid, and K and k at the sampled points (same diverging colours,
  // each symmetric around 0 on its own scale: k and K have different units).
  const [e0, e1] = torusGrid(n).extent;
  const sym = (a: ArrayLike<number>): [number, number] => {
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
    return m > 0 ? [-m, m] : [-1, 1];
  };
  const zn = r.z.map((v) => v / Math.PI);
  const scatter = () => latentScatter().extent([-1, 1]).colormap('rdbu').colorBy('value');
  saveFigure(
    ctx,
    FILES.figDiffusionHeatmaps,
    figureGrid().columns(3).title(name)([
      torusHeatmap()
        .extent([e0 / Math.PI, e1 / Math.PI])
        .axisLabels(['x/π', 'y/π'])
        .scale('linear')
        .colormap('rdbu')
        .domain(sym(Kgrid))
        .title(`Exact K = R/2 on the ${n}×${n} grid`)
        .colorLabel('K')({ values: Kgrid, n }),
      scatter().title('Exact K at the sampled points').colorDomain(sym(r.K)).colorLabel('K')({
        points: zn,
        values: r.K,
      }),
      scatter().title('Diffusion curvature k at the same points').colorDomain(sym(r.k)).colorLabel('k')({
        points: zn,
        values: r.k,
      }),
    ]),
  );

  // Energy vs t for the points of largest and smallest K, the one closest to K = 0, and the flat walk.
  const order = r.K.map((_, i) => i).sort((a, b) => r.K[a] - r.K[b]);
  const zero = order.reduce((best, i) => (Math.abs(r.K[i]) < Math.abs(r.K[best]) ? i : best), order[0]);
  const chosen: [number, string][] = [
    [order[order.length - 1], 'largest K'],
    [zero, 'K ≈ 0'],
    [order[0], 'smallest K'],
  ];
  saveFigure(
    ctx,
    FILES.figDiffusionEnergy,
    energyCurves()
      .xLabel('diffusion time t')
      .yLabel('diffusion entropy')
      .title(`${name}: diffusion energy vs t`)({
      curves: [
        ...chosen.map(([i, label]) => ({
          x: r.times,
          energy: r.energy[i],
          label: `${label} (K ${r.K[i].toPrecision(2)}, k ${r.k[i].toPrecision(2)})`,
        })),
        { x: r.times, energy: r.flatEnergy, label: 'flat comparison', dashed: true },
      ],
    }),
  );
}
