import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSafetensors, Random, writeFileAtomic } from '@curv/core';
import { type Dataset, loadMnist, mnistSubset, surfaceWithHole } from '@curv/datasets';
import {
  figureGrid,
  latentFieldMap,
  type ReportSection,
  reconstructionStrip,
  report,
  toPng,
} from '@curv/plots';
import {
  type FittedExpectedMetric,
  fitExpectedMetric,
  GaussianVae,
  type GaussianVaeConfig,
  geodesicGraph,
  graphGeodesic,
  latentBox,
  VaeTrainer,
} from '@curv/vae';
import {
  alongPolyline,
  compareGeodesics,
  decodeImages,
  type GeodesicComparison,
  latentFields,
  nearestMean,
  vaeLogSigma,
  walks,
} from './lsoAnalysis.js';
import { LsoInterrupted } from './lsoInterrupted.js';
import { type LsoEmbedding, type LsoKMeans, lsoEmbedding, lsoKMeans } from './lsoMetricTools.js';
import type { LsoSettings } from './lsoSettings.js';
import { torusComparison } from './torusComparison.js';

/** What {@link runLso} wrote and measured. */
export interface LsoResult {
  dir: string;
  files: string[];
  results: Record<string, unknown>;
}

interface Experiment {
  name: 'mnist01' | 'surface';
  title: string;
  data: Dataset;
  model: GaussianVaeConfig;
  epochs: number;
  batchSize: number;
  lr: number;
  /** Geodesic endpoints (latent means picked from the data). */
  endpoints: (mu: Float32Array) => [[number, number], [number, number]];
}

/** Replace non-finite numbers by null so that no NaN leaves the program. */
function clean(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
  return v;
}

function meanOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/**
 * The Latent Space Oddity experiment: Gaussian VAEs on MNIST digits {0, 1} and on the synthetic surface with
 * a hole, their expected metrics (RBF precision network), magnification and variance maps, geodesics by the
 * graph and Schauder solvers against the straight line (with decoded images along each), Riemannian vs
 * Euclidean random walks, sweeps over the bandwidth factor a and the number of centres K, and the deterministic
 * TorusAE pull-back metric beside the VAE's expected metric on the same digits. Everything is written
 * atomically under `<outDir>/lso/<quick|full>/`, with `report.html` and `results.json`; VAE training
 * checkpoints after every epoch and resumes. Throws {@link LsoInterrupted} when `signal` fires.
 */
export async function runLso(
  outDir: string,
  settings: LsoSettings,
  signal?: AbortSignal,
  log: (line: string) => void = () => {},
): Promise<LsoResult> {
  const dir = join(outDir, 'lso', settings.quick ? 'quick' : 'full');
  const files: string[] = [];
  const write = (rel: string, data: string | Uint8Array) => {
    writeFileAtomic(join(dir, rel), data);
    files.push(rel);
  };
  const figure = (rel: string, svg: string) => {
    write(`${rel}.svg`, svg);
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    write(`${rel}.png`, toPng(svg, width > 0 ? { width: 2 * width } : {}));
  };
  const check = () => {
    if (signal?.aborted) throw new LsoInterrupted();
  };
  // Wall time of each stage, logged and written to results.json (stageSeconds).
  const stageSeconds: Record<string, number> = {};
  let stageStart = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    stageSeconds[name] = (stageSeconds[name] ?? 0) + (now - stageStart) / 1000;
    log(`lso ${name}: ${((now - stageStart) / 1000).toFixed(1)} s`);
    stageStart = now;
  };
  const rng = new Random(settings.seed);
  const mnist = mnistSubset(
    loadMnist(),
    { selectedLabels: [0, 1], numPointsPerLabel: settings.mnistPerDigit },
    rng,
  );
  const surface = surfaceWithHole({ n: settings.surfacePoints }, new Random(settings.seed + 1));
  const classMean = (mu: Float32Array, labels: Float32Array, label: number): [number, number] => {
    let x = 0;
    let y = 0;
    let c = 0;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] !== label) continue;
      x += mu[2 * i];
      y += mu[2 * i + 1];
      c++;
    }
    return [x / c, y / c];
  };
  const dataPointMean = (mu: Float32Array, target: [number, number]): [number, number] => {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = 0; i < surface.shape[0]; i++) {
      const dd = (surface.data[3 * i] - target[0]) ** 2 + (surface.data[3 * i + 1] - target[1]) ** 2;
      if (dd < bestD) {
        bestD = dd;
        best = i;
      }
    }
    return [mu[2 * best], mu[2 * best + 1]];
  };
  const experiments: Experiment[] = [
    {
      name: 'mnist01',
      title: 'MNIST digits 0 and 1',
      data: mnist,
      model: { inputDim: 784, hidden: [64, 32], decoderMean: 'sigmoid', minLogVar: -6, seed: settings.seed },
      epochs: settings.mnistEpochs,
      batchSize: 128,
      lr: 2e-3,
      endpoints: (mu) => [
        nearestMean(mu, classMean(mu, mnist.labels, 0)),
        nearestMean(mu, classMean(mu, mnist.labels, 1)),
      ],
    },
    {
      name: 'surface',
      title: 'Surface with a hole (R³)',
      data: surface,
      model: { inputDim: 3, hidden: [32, 32], seed: settings.seed },
      epochs: settings.surfaceEpochs,
      batchSize: 64,
      lr: 3e-3,
      endpoints: (mu) => [dataPointMean(mu, [-0.35, 0]), dataPointMean(mu, [0.35, 0])],
    },
  ];

  const sections: ReportSection[] = [];
  const results: Record<string, unknown> = { settings };
  stage('data');
  for (const ex of experiments) {
    check();
    const sub = (rel: string) => `${ex.name}/${rel}`;
    // 1. Train (or resume) the VAE with a checkpoint after every epoch.
    const ckPath = join(dir, sub('vae_checkpoint.safetensors'));
    const trainer = existsSync(ckPath)
      ? VaeTrainer.restore(readFileSync(ckPath), ex.data.data, ckPath, ex.epochs)
      : new VaeTrainer(new GaussianVae(ex.model), ex.data.data, {
          epochs: ex.epochs,
          batchSize: ex.batchSize,
          lr: ex.lr,
          seed: settings.seed,
        });
    const vae = trainer.vae;
    const t0 = performance.now();
    for await (const ev of trainer.run(signal)) {
      if (ev.kind === 'epoch') {
        writeFileAtomic(ckPath, await trainer.checkpoint());
        if (ev.epoch % 10 === 0 || ev.epoch === ev.epochs) {
          log(
            `lso ${ex.name}: epoch ${ev.epoch}/${ev.epochs} loss ${ev.loss.toFixed(3)} (kl weight ${ev.r.toFixed(2)})`,
          );
        }
      } else if (ev.kind === 'aborted') {
        writeFileAtomic(ckPath, await trainer.checkpoint());
        trainer.dispose();
        vae.dispose();
        throw new LsoInterrupted();
      }
    }
    if (!files.includes(sub('vae_checkpoint.safetensors'))) files.push(sub('vae_checkpoint.safetensors'));
    const trainSeconds = (performance.now() - t0) / 1000;
    stage(`${ex.name} train`);
    const history = trainer.progress.history;
    trainer.dispose();
    write(
      sub('vae_weights.safetensors'),
      encodeSafetensors(vae.weights(), { format: 'pt', 'curv.vae': JSON.stringify(vae.config) }),
    );

    // 2. Expected metric with the RBF precision network.
    check();
    const fitOpts = { k: settings.k, a: settings.a, restarts: settings.restarts, seed: settings.seed };
    const t1 = performance.now();
    const fit = await fitExpectedMetric(vae, ex.data.data, {
      ...fitOpts,
      fit: { epochs: settings.rbfEpochs, signal },
    });
    check();
    const fitSeconds = (performance.now() - t1) / 1000;
    write(sub('rbf.safetensors'), encodeSafetensors(fit.rbf.tensors(), { format: 'pt' }));
    stage(`${ex.name} expected metric`);
    const mu = fit.latentMeans;
    const box = latentBox(mu, 0.5);
    const extent: [number, number] = [box.lo, box.hi];
    const t2 = performance.now();
    const fields = latentFields(fit, box, settings.grid);
    const gridSeconds = (performance.now() - t2) / 1000;
    const ownSigma = vaeLogSigma(vae, box, settings.grid);
    const onData = fit.metric.measureAt(mu);
    const figs: { title: string; svg: string; caption?: string }[] = [];
    const addFigure = (rel: string, title: string, svg: string, caption?: string) => {
      figure(sub(`figures/${rel}`), svg);
      figs.push({ title, svg, caption });
    };
    addFigure(
      'magnification',
      'Magnification factor log √det M',
      latentFieldMap().extent(extent).title(`${ex.title}: log √det M`).colorLabel('log √det M')({
        values: fields.logMeasure,
        n: settings.grid,
        points: mu,
      }),
      `Expected metric with K = ${settings.k} RBF centres, a = ${settings.a}; black dots: latent means. Rescaled so that the largest measure on the data is 1.`,
    );
    addFigure(
      'log_sigma',
      'log Σσ(z): the VAE decoder vs the RBF precision network',
      figureGrid().columns(2)([
        latentFieldMap().extent(extent).title('VAE decoder σ').colorLabel('log Σσ').colormap('viridis')({
          values: ownSigma,
          n: settings.grid,
          points: mu,
        }),
        latentFieldMap().extent(extent).title('RBF σ').colorLabel('log Σσ').colormap('viridis')({
          values: fields.logSigmaRbf,
          n: settings.grid,
          points: mu,
        }),
      ]),
      'The decoder network extrapolates its variance arbitrarily away from the data; the RBF variance grows there.',
    );

    stage(`${ex.name} maps`);
    // 3. Geodesics: graph solver, Schauder solver, straight line.
    check();
    const [start, end] = ex.endpoints(mu);
    const geo: GeodesicComparison = compareGeodesics(
      fit.metric,
      fit.centres,
      start,
      end,
      settings.schauderSteps,
    );
    addFigure(
      'geodesics',
      'Geodesics vs the straight line',
      latentFieldMap().extent(extent).title(`${ex.title}: geodesics on log √det M`).colorLabel('log √det M')({
        values: fields.logMeasure,
        n: settings.grid,
        points: mu,
        curves: [
          {
            points: geo.graph.points,
            label: `graph solver (L = ${geo.graph.length.toFixed(3)})`,
            color: '#1f77b4',
          },
          {
            points: geo.schauder.points,
            label: `Schauder solver (L = ${geo.schauder.length.toFixed(3)})`,
            color: '#ff7f0e',
          },
          {
            points: geo.refined.points,
            label: `graph → Schauder (L = ${geo.refined.length.toFixed(3)})`,
            color: '#2ca02c',
          },
          {
            points: geo.straight.points,
            label: `straight line (L = ${geo.straight.length.toFixed(3)})`,
            color: '#ffffff',
            dashed: true,
          },
        ],
        start,
        end,
      }),
    );
    if (ex.data.imageShape) {
      const along = (pts: number[]) => decodeImages(vae, alongPolyline(pts, 12));
      addFigure(
        'decoded_along_curves',
        'Decoded means along the geodesic and the straight line',
        reconstructionStrip().title('μ(z) along each curve (12 points)')({
          imageSize: [28, 28],
          rows: [
            { title: 'Geodesic (graph)', images: along(geo.graph.points) },
            { title: 'Geodesic (Schauder)', images: along(geo.schauder.points) },
            { title: 'Geodesic (graph → Schauder)', images: along(geo.refined.points) },
            { title: 'Straight line', images: along(geo.straight.points) },
          ],
        }),
      );
    }

    stage(`${ex.name} geodesics`);
    // 4. Random walks.
    check();
    const walkStart = nearestMean(mu, [
      meanOf(mu.filter((_, i) => i % 2 === 0)),
      meanOf(mu.filter((_, i) => i % 2 === 1)),
    ]);
    const rw = walks(
      fit.metric,
      walkStart,
      settings.walkSteps,
      settings.walkStep * (box.hi - box.lo),
      settings.seed,
    );
    addFigure(
      'random_walks',
      'Riemannian vs Euclidean random walk',
      figureGrid().columns(2)([
        latentFieldMap()
          .extent(extent)
          .title('Riemannian walk')
          .colorLabel('log √det M')
          .pointColor('#d62728')
          .pointOpacity(0.5)({
          values: fields.logMeasure,
          n: settings.grid,
          points: rw.riemannian,
        }),
        latentFieldMap()
          .extent(extent)
          .title('Euclidean walk')
          .colorLabel('log √det M')
          .pointColor('#d62728')
          .pointOpacity(0.5)({
          values: fields.logMeasure,
          n: settings.grid,
          points: rw.euclidean,
        }),
      ]),
      `${settings.walkSteps} steps from the same latent mean with the same increments; Euclidean step ${rw.euclideanStep.toPrecision(3)} (${settings.walkStep} of the box side), Riemannian s = ${rw.stepSize.toPrecision(3)} (same mean first step).`,
    );
    const inBox = (w: Float64Array) => {
      let c = 0;
      for (let i = 0; i < w.length / 2; i++) {
        if (w[2 * i] >= box.lo && w[2 * i] <= box.hi && w[2 * i + 1] >= box.lo && w[2 * i + 1] <= box.hi) c++;
      }
      return c / (w.length / 2);
    };

    stage(`${ex.name} random walks`);

    // 4b. The 3-D embedding of a latent grid under the expected metric (a plane chart: a sheet, not a torus). It is
    // reported by numbers only: see lsoEmbedding for why no sheet realises these edge lengths.
    check();
    const emb: LsoEmbedding = lsoEmbedding(fit.metric, box.lo, box.hi, {
      nodes: settings.embedNodes,
      steps: settings.embedSteps,
      seed: settings.seed,
    });
    stage(`${ex.name} embedding`);
    // 5. Sweeps over a and K (MNIST only: the report's figures).
    const sweep: Record<string, unknown>[] = [];
    let kmeansSummary: Record<string, unknown> | null = null;
    if (ex.name === 'mnist01') {
      const configs = [
        ...settings.sweepA.map((a) => ({ a, k: settings.k })),
        ...settings.sweepK.filter((k) => k !== settings.k).map((k) => ({ a: settings.a, k })),
      ];
      const panelsSigma: string[] = [];
      const panelsMeasure: string[] = [];
      for (const c of configs) {
        check();
        const f: FittedExpectedMetric =
          c.a === settings.a && c.k === settings.k
            ? fit
            : await fitExpectedMetric(vae, ex.data.data, {
                ...fitOpts,
                a: c.a,
                k: c.k,
                // Same K: the clustering of the latent means is the main fit's (k-means is deterministic given the seed).
                ...(c.k === settings.k
                  ? { clusters: { centres: fit.centres, assignments: fit.assignments } }
                  : {}),
                fit: { epochs: settings.rbfEpochs, signal },
              });
        check();
        const fl = latentFields(f, box, settings.grid);
        const graph = geodesicGraph(f.metric, f.centres, 2, { k: 5 });
        const g = graphGeodesic(graph, f.metric, start, end);
        const label = `a = ${c.a}, K = ${c.k}`;
        panelsSigma.push(
          latentFieldMap()
            .extent(extent)
            .title(label)
            .colorLabel('log Σσ')
            .colormap('viridis')
            .size([420, 380])({
            values: fl.logSigmaRbf,
            n: settings.grid,
            points: mu,
          }),
        );
        panelsMeasure.push(
          latentFieldMap().extent(extent).title(label).colorLabel('log √det M').size([420, 380])({
            values: fl.logMeasure,
            n: settings.grid,
            points: mu,
            curves: [{ points: Array.from(g.points), color: '#1f77b4' }],
            start,
            end,
          }),
        );
        sweep.push({ a: c.a, k: c.k, graphGeodesicLength: g.length, rbfLoss: f.history.at(-1) });
        if (f !== fit) f.rbf.dispose();
      }
      addFigure(
        'sweep_log_sigma',
        'RBF variance for several a and K',
        figureGrid().columns(3)(panelsSigma),
        'Small a concentrates the variance at the centres, large a diffuses it; many centres over-fit.',
      );
      addFigure(
        'sweep_geodesics',
        'Magnification and graph geodesics for several a and K',
        figureGrid().columns(3)(panelsMeasure),
      );

      stage(`${ex.name} sweeps`);
      // 6. The deterministic TorusAE pull-back metric beside the VAE's expected metric.
      check();
      const torus = await torusComparison(ex.data.data, 784, {
        epochs: settings.torusEpochs,
        hidden: settings.torusHidden,
        grid: settings.grid,
        seed: settings.seed,
        signal,
      });
      addFigure(
        'torus_vs_vae',
        'Deterministic TorusAE pull-back metric vs VAE expected metric (same digits)',
        figureGrid().columns(2)([
          latentFieldMap()
            .extent([-Math.PI, Math.PI])
            .title('TorusAE: log √det JᵀJ')
            .colorLabel('log √det g')({
            values: torus.logMeasure,
            n: settings.grid,
            points: torus.angles,
          }),
          latentFieldMap().extent(extent).title('VAE: log √det M').colorLabel('log √det M')({
            values: fields.logMeasure,
            n: settings.grid,
            points: mu,
          }),
        ]),
        'The pull-back metric of a deterministic decoder knows nothing about where the data are; the expected metric of the VAE with an RBF variance grows off the data.',
      );
      results.torusAE = {
        finalMse: torus.finalLoss,
        epochs: settings.torusEpochs,
        hidden: settings.torusHidden,
      };
      stage(`${ex.name} torus comparison`);

      // 7. Riemannian vs Euclidean K-means on the latent means of the two digits.
      check();
      const km: LsoKMeans = lsoKMeans(fit.metric, mu, ex.data.labels, {
        perDigit: settings.kmeansPerDigit,
        outer: settings.kmeansOuter,
        inner: settings.kmeansInner,
        seed: settings.seed,
        lr: 0.01 * (box.hi - box.lo),
      });
      kmeansSummary = {
        points: km.truth.length,
        riemannianFMeasure: km.riemannian.fMeasure,
        euclideanFMeasure: km.euclidean.fMeasure,
        outerIterations: settings.kmeansOuter,
        innerIterations: settings.kmeansInner,
        seconds: km.riemannian.seconds,
      };
      const colours = ['#1f77b4', '#ff7f0e'];
      const euclideanSegments = Array.from({ length: km.truth.length }, (_, i) => {
        const c = km.euclidean.labels[i];
        return {
          points: [
            km.points[2 * i],
            km.points[2 * i + 1],
            km.euclidean.centroids[2 * c],
            km.euclidean.centroids[2 * c + 1],
          ],
          color: colours[c],
        };
      });
      addFigure(
        'kmeans',
        'Riemannian vs Euclidean K-means (K = 2) on digits 0 and 1',
        figureGrid().columns(2)([
          latentFieldMap()
            .extent(extent)
            .title(`Riemannian: F = ${km.riemannian.fMeasure.toFixed(3)}`)
            .colorLabel('log √det M')({
            values: fields.logMeasure,
            n: settings.grid,
            curves: km.riemannian.curves.map((points, i) => ({
              points,
              color: colours[km.riemannian.labels[i]],
            })),
          }),
          latentFieldMap()
            .extent(extent)
            .title(`Euclidean: F = ${km.euclidean.fMeasure.toFixed(3)}`)
            .colorLabel('log √det M')({
            values: fields.logMeasure,
            n: settings.grid,
            curves: euclideanSegments,
          }),
        ]),
        `${km.truth.length} latent means (${settings.kmeansPerDigit} per digit); each is joined to its centroid by its geodesic under M (left, @curv/kmeans with the expected metric as a RiemannianMetric, straight base segments: the latent plane is not periodic) or by a straight segment (right, Euclidean k-means). F: pair-counting F-measure against the digits.`,
      );
      stage(`${ex.name} k-means`);
    }

    // Off-data grid points: farther than 5 % of the box side from every latent mean.
    const far: number[] = [];
    const gridPts = fields.logMeasure;
    let farSum = 0;
    const n = mu.length / 2;
    const h = (box.hi - box.lo) / (settings.grid - 1);
    const offDataDistance = 0.05 * (box.hi - box.lo);
    for (let j = 0; j < settings.grid; j++) {
      for (let i = 0; i < settings.grid; i++) {
        const x = box.lo + i * h;
        const y = box.lo + j * h;
        let best = Number.POSITIVE_INFINITY;
        for (let p = 0; p < n; p++) best = Math.min(best, Math.hypot(x - mu[2 * p], y - mu[2 * p + 1]));
        if (best >= offDataDistance) {
          far.push(j * settings.grid + i);
          farSum += Math.exp(gridPts[j * settings.grid + i]);
        }
      }
    }
    const summary = {
      dataset: { name: ex.data.name, n: ex.data.shape[0], dim: ex.data.shape[1] },
      training: { epochs: ex.epochs, finalLoss: history.loss.at(-1), seconds: trainSeconds },
      metric: {
        k: fit.centres.length / 2,
        a: settings.a,
        zeta: fit.zeta,
        rbfLoss: fit.history.at(-1),
        fitSeconds,
        gridSeconds,
        meanMeasureOnData: meanOf(onData),
        maxMeasureOnData: Math.max(...onData),
        meanMeasureOffData: far.length ? farSum / far.length : null,
        offDataGridPoints: far.length,
        offDataDistance,
      },
      geodesics: {
        start: geo.start,
        end: geo.end,
        graphLength: geo.graph.length,
        schauderLength: geo.schauder.length,
        refinedLength: geo.refined.length,
        straightLength: geo.straight.length,
        relativeDifference:
          Math.abs(geo.graph.length - geo.schauder.length) / Math.min(geo.graph.length, geo.schauder.length),
        graphSeconds: geo.graph.seconds,
        schauderSeconds: geo.schauder.seconds,
        refinedSeconds: geo.refined.seconds,
      },
      randomWalk: {
        steps: settings.walkSteps,
        riemannianStepSize: rw.stepSize,
        euclideanStepSize: rw.euclideanStep,
        seconds: rw.seconds,
        fractionInBox: { riemannian: inBox(rw.riemannian), euclidean: inBox(rw.euclidean) },
      },
      sweep,
      embedding: {
        nodes: settings.embedNodes,
        lengthScale: emb.scale,
        edgeLengthRange: emb.range,
        meanRelativeEdgeError: emb.edgeError,
        finalLoss: emb.embedding.lossHistory.at(-1),
        seconds: emb.seconds,
      },
      ...(kmeansSummary ? { kmeans: kmeansSummary } : {}),
    };
    results[ex.name] = summary;
    write(sub('geodesics.json'), `${JSON.stringify(clean(geo))}\n`);
    write(sub('results.json'), `${JSON.stringify(clean(summary), null, 2)}\n`);
    sections.push({
      id: ex.name,
      title: ex.title,
      figures: figs,
      tables: [
        {
          title: 'Geodesic lengths under the expected metric',
          columns: ['curve', 'length', 'seconds'],
          rows: [
            [
              'graph solver (k-means nodes, kNN 5, Dijkstra, smoothing, spline)',
              geo.graph.length,
              geo.graph.seconds,
            ],
            [
              'Schauder energy solver (metric mode, from the straight line)',
              geo.schauder.length,
              geo.schauder.seconds,
            ],
            ['Schauder energy solver started from the graph curve', geo.refined.length, geo.refined.seconds],
            ['straight line', geo.straight.length, null],
          ].map((r) => r.map((v) => (typeof v === 'number' ? Number(v.toPrecision(5)) : v))),
        },
      ],
      notes: [
        `VAE: ${ex.epochs} epochs, final loss ${history.loss.at(-1)?.toFixed(3)}; RBF: K = ${fit.centres.length / 2}, a = ${settings.a}, ζ = ${fit.zeta.toExponential(2)}.`,
        `Mean measure on the data ${meanOf(onData).toExponential(3)} (max 1 by the rescaling); off the data ${summary.metric.meanMeasureOffData?.toExponential(3)}.`,
        `Random walks: fraction of states inside the plotted box — Riemannian ${summary.randomWalk.fractionInBox.riemannian.toFixed(3)}, Euclidean ${summary.randomWalk.fractionInBox.euclidean.toFixed(3)}.`,
        ...(kmeansSummary
          ? [
              `K-means (K = 2) on ${kmeansSummary.points} latent means of digits 0 and 1: pair-counting F-measure ${Number(kmeansSummary.riemannianFMeasure).toFixed(3)} with geodesic lengths under M, ${Number(kmeansSummary.euclideanFMeasure).toFixed(3)} with Euclidean distances.`,
            ]
          : []),
        `3-D embedding: geodesic lengths of the ${2 * settings.embedNodes * (settings.embedNodes - 1)} edges of a ${settings.embedNodes}² grid over the plotted box range from ${emb.range[0].toExponential(2)} to ${emb.range[2].toExponential(2)} (median ${emb.range[1].toExponential(2)}); the SGD sheet embedding of the thesis pipeline leaves a mean relative edge-length error of ${emb.edgeError.toFixed(2)}, so it is not drawn: no sheet in R³ with this grid realises edges ${(emb.range[2] / emb.range[0]).toExponential(1)} times longer than their neighbours across the high-measure band.`,
      ],
    });
    fit.rbf.dispose();
    vae.dispose();
    stage(`${ex.name} summary`);
  }
  results.stageSeconds = stageSeconds;
  write('results.json', `${JSON.stringify(clean(results), null, 2)}\n`);
  write(
    'report.html',
    report({
      title: 'Latent Space Oddity: the expected metric of a VAE',
      config: { ...settings },
      results: clean(results),
      sections,
    }),
  );
  return { dir, files, results: clean(results) as Record<string, unknown> };
}
