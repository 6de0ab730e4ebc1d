import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CurvInputError, writeFileAtomic, writeJsonAtomic } from '@curv/core';
import { createDatasets, type Dataset, take } from '@curv/datasets';
import { lle, neighborhoodQuality, pca, pointSet, tsneAsync, umapAsync } from '@curv/manifold-learning';
import { latentScatter, scatter3d, toPng } from '@curv/plots';
import { CHAPTER1_DATASETS, type Chapter1Dataset } from './chapter1Datasets.js';

/** The 2-D views of the Chapter 1 figures. */
export const VIEW_METHODS = ['pca', 'pca3d', 'tsne', 'umap', 'lle'] as const;
export type ViewMethod = (typeof VIEW_METHODS)[number];

const METHOD_FILE: Record<ViewMethod, string> = {
  pca: 'PCA',
  pca3d: 'PCA3D',
  tsne: 'TSNE',
  umap: 'UMAP',
  lle: 'LLE',
};
const METHOD_TITLE: Record<ViewMethod, string> = {
  pca: 'PCA',
  pca3d: '3-D PCA',
  tsne: 't-SNE',
  umap: 'UMAP',
  lle: 'LLE',
};

export interface DatasetsFiguresOptions {
  /** Output root; files go to `<outDir>/datasets_visualization/`. */
  outDir: string;
  /** Points per dataset: the first n of the held-out split (default 2000). */
  n?: number;
  /** Which datasets (default all three). */
  datasets?: readonly Chapter1Dataset['key'][];
  /** Which views (default 2-D PCA, 3-D PCA, t-SNE, UMAP, LLE). */
  methods?: readonly ViewMethod[];
  /** Seed of t-SNE and UMAP (default 0). */
  seed?: number;
  /** Directory of MNIST IDX files (default: the bundled copy). */
  dataRoot?: string;
  /** Aborted on Ctrl-C: the run stops between iterations, keeping only complete files. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** What one view of one dataset gave. */
export interface ViewRecord {
  dataset: Chapter1Dataset['id'];
  method: ViewMethod;
  points: number;
  seconds: number;
  /** Neighbourhood scores of the view against the data itself (k = 10). */
  trustworthiness: number;
  continuity: number;
  files: string[];
}

/** Thrown when the signal stops the run; the command maps it to exit code 130. */
export class DatasetsFiguresInterrupted extends Error {
  constructor() {
    super('datasets-figures: interrupted');
  }
}

/** One view; t-SNE and UMAP yield to the event loop between iterations so that Ctrl-C is seen promptly. */
async function viewOf(
  method: ViewMethod,
  ds: Dataset,
  seed: number,
  signal?: AbortSignal,
): Promise<Float64Array> {
  const points = pointSet(ds.data, ds.shape[1]);
  if (method === 'pca') return pca(points).embedding;
  if (method === 'pca3d') return pca(points, { components: 3 }).embedding;
  if (method === 'tsne') return (await tsneAsync(points, { seed, signal })).embedding;
  // LLE (k = 10) runs in one piece (seconds at n = 2000): Ctrl-C is seen before and after it.
  if (method === 'lle') return lle(points, { neighbors: 10, seed }).embedding;
  return (await umapAsync(points, { seed, signal })).embedding;
}

/** The first n points of the dataset's held-out split (seed 0, split 0.2, as the original configurations). */
export function chapter1Sample(d: Chapter1Dataset, n: number, dataRoot?: string): Dataset {
  const { test } = createDatasets(d.spec, { seed: 0, splitRatio: 0.2, dataRoot });
  if (n > test.shape[0]) {
    throw new CurvInputError(
      `--n ${n}: the ${d.title} held-out split has only ${test.shape[0]} points; expected --n ≤ ${test.shape[0]}`,
      '--n',
    );
  }
  return take(
    test,
    Array.from({ length: n }, (_, i) => i),
  );
}

/**
 * `curv datasets-figures`: views (2-D and 3-D PCA, t-SNE, UMAP, LLE) of MNIST, the Synthetic Gaussians and the Swiss roll
 * (first n points of each held-out split), coloured by class or by the roll parameter t, written as
 * `<outDir>/datasets_visualization/<dataset>_<method>.{svg,png}` plus `views.json` (timings and
 * trustworthiness / continuity of each view against the data, k = 10). Every file is written atomically.
 */
export async function runDatasetsFigures(
  options: DatasetsFiguresOptions,
): Promise<{ dir: string; views: ViewRecord[] }> {
  const n = options.n ?? 2000;
  if (!Number.isInteger(n) || n < 100) {
    throw new CurvInputError(`--n ${n}: expected an integer ≥ 100 (t-SNE uses perplexity 30)`, '--n');
  }
  const keys = options.datasets ?? CHAPTER1_DATASETS.map((d) => d.key);
  const methods = options.methods ?? VIEW_METHODS;
  const seed = options.seed ?? 0;
  const log = options.log ?? (() => {});
  const stopIfAborted = () => {
    if (options.signal?.aborted) throw new DatasetsFiguresInterrupted();
  };
  const dir = join(options.outDir, 'datasets_visualization');
  mkdirSync(dir, { recursive: true });
  const views: ViewRecord[] = [];
  for (const d of CHAPTER1_DATASETS.filter((x) => keys.includes(x.key))) {
    stopIfAborted();
    log(`datasets-figures: ${d.title}, ${n} points of the held-out split`);
    const ds = chapter1Sample(d, n, options.dataRoot);
    const data = pointSet(ds.data, ds.shape[1]);
    for (const method of methods) {
      stopIfAborted();
      log(`datasets-figures: ${d.title} ${METHOD_TITLE[method]}`);
      const t0 = performance.now();
      let embedding: Float64Array;
      try {
        embedding = await viewOf(method, ds, seed, options.signal);
      } catch (e) {
        if (options.signal?.aborted) throw new DatasetsFiguresInterrupted();
        throw e;
      }
      const seconds = (performance.now() - t0) / 1000;
      const dim = method === 'pca3d' ? 3 : 2;
      const [q] = neighborhoodQuality(data, pointSet(embedding, dim), { ks: [10] });
      const base = `${d.id}_${METHOD_FILE[method]}`;
      const colour = ds.discreteLabels
        ? { labels: Int32Array.from(ds.labels, Math.round) }
        : { values: ds.labels };
      const fig = latentScatter()
        .extent(null)
        .title(`${d.title}: ${METHOD_TITLE[method]}`)
        .axisLabels([`${METHOD_TITLE[method]} 1`, `${METHOD_TITLE[method]} 2`])
        .colormap('jet')
        .opacity(0.5)
        .labelTitle(d.id === 'Swissroll' ? 't' : 'Label')
        .colorLabel('t (roll parameter)');
      const svg =
        dim === 3
          ? scatter3d()
              .title(`${d.title}: ${METHOD_TITLE[method]}`)
              .axisNames(['PC 1', 'PC 2', 'PC 3'])
              .colormap('jet')
              .opacity(0.5)
              .labelTitle('Label')
              .colorLabel('t (roll parameter)')({ points: embedding, ...colour })
          : fig({ points: embedding, ...colour });
      const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
      writeFileAtomic(join(dir, `${base}.svg`), svg);
      writeFileAtomic(join(dir, `${base}.png`), toPng(svg, width > 0 ? { width: 2 * width } : {}));
      views.push({
        dataset: d.id,
        method,
        points: n,
        seconds,
        trustworthiness: q.trustworthiness,
        continuity: q.continuity,
        files: [`${base}.svg`, `${base}.png`],
      });
      writeJsonAtomic(join(dir, 'views.json'), { seed, views });
    }
  }
  return { dir, views };
}
