import { resolve } from 'node:path';
import { CurvInputError } from '@curv/core';
import { parseCommandArgs, parsePositiveInt } from '../args.js';
import { CHAPTER1_DATASETS } from '../datasetsFigures/chapter1Datasets.js';
import {
  DatasetsFiguresInterrupted,
  runDatasetsFigures,
  VIEW_METHODS,
  type ViewMethod,
} from '../datasetsFigures/runDatasetsFigures.js';
import type { CliIO } from '../io.js';

function parseList<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  flag: string,
): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim().toLowerCase());
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new CurvInputError(
        `${flag} '${text}': unknown '${item}'; expected a list of ${allowed.join(', ')}`,
        flag,
      );
    }
  }
  return [...new Set(items)] as T[];
}

/**
 * `curv datasets-figures [--out DIR] [--n N] [--datasets mnist,synthetic,swissroll] [--methods pca,pca3d,tsne,umap,lle]
 * [--seed S] [--quiet]`: the Chapter 1 dataset figures in `DIR/datasets_visualization/` (default DIR ./out).
 * Prints one JSON line with the directory and the views. Ctrl-C stops between iterations (exit 130), keeping
 * only complete files.
 */
export async function datasetsFiguresCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'datasets-figures',
    argv,
    {
      out: { type: 'string' },
      n: { type: 'string' },
      datasets: { type: 'string' },
      methods: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean' },
    },
    { min: 0, max: 0, names: '' },
  );
  const n = parsePositiveInt(values.n as string | undefined, '--n', 2000, 100);
  const seed = parsePositiveInt(values.seed as string | undefined, '--seed', 0, 0);
  const datasets = parseList(
    values.datasets as string | undefined,
    CHAPTER1_DATASETS.map((d) => d.key),
    '--datasets',
  );
  const methods = parseList<ViewMethod>(values.methods as string | undefined, VIEW_METHODS, '--methods');
  const quiet = Boolean(values.quiet);
  try {
    const result = await runDatasetsFigures({
      outDir: resolve(typeof values.out === 'string' ? values.out : 'out'),
      n,
      seed,
      datasets,
      methods,
      signal: io.signal,
      log: quiet ? undefined : (line) => io.stderr.write(`${line}\n`),
    });
    io.stdout.write(
      `${JSON.stringify({
        dir: result.dir,
        views: result.views.map((v) => ({
          dataset: v.dataset,
          method: v.method,
          seconds: Number(v.seconds.toFixed(2)),
          trustworthiness: Number(v.trustworthiness.toFixed(4)),
          continuity: Number(v.continuity.toFixed(4)),
        })),
      })}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof DatasetsFiguresInterrupted) {
      io.stderr.write('curv datasets-figures: interrupted; the figures written so far are complete\n');
      return 130;
    }
    throw e;
  }
}
