import { resolve } from 'node:path';
import { CurvInputError, initBackend } from '@curv/core';
import { parseBackend, parseCommandArgs } from '../args.js';
import { BOUNDS, boundedInt } from '../bounds.js';
import { type Chapter4Evaluation, runChapter4 } from '../chapter4/runChapter4.js';
import type { CliIO } from '../io.js';

/**
 * `curv chapter4 [--weights W.safetensors] [--out DIR] [--eval straight|adfd|all] [--points K]
 * [--centres N] [--quick] [--backend B]`: the Chapter 4 evaluations (straight lines vs geodesics, AD vs FD) written to
 * `DIR/chapter4/` (default DIR ./out). Prints one JSON line listing the directory and files.
 */
export async function chapter4Command(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'chapter4',
    argv,
    {
      weights: { type: 'string' },
      out: { type: 'string' },
      eval: { type: 'string' },
      points: { type: 'string' },
      centres: { type: 'string' },
      quick: { type: 'boolean' },
      quiet: { type: 'boolean' },
      backend: { type: 'string' },
    },
    { min: 0, max: 0, names: '' },
  );
  const evaluations = (values.eval ?? 'all') as string;
  if (!['straight', 'adfd', 'all'].includes(evaluations)) {
    throw new CurvInputError(`--eval '${evaluations}': expected straight, adfd or all`, '--eval');
  }
  const points =
    values.points === undefined
      ? undefined
      : boundedInt(values.points as string, '--points', 10, 2, BOUNDS.chapter4Points);
  const centres =
    values.centres === undefined
      ? undefined
      : boundedInt(values.centres as string, '--centres', 1024, 1, BOUNDS.chapter4Centres);
  await initBackend({ backend: parseBackend(values.backend as string | undefined), log: null });
  const quiet = Boolean(values.quiet);
  const result = await runChapter4({
    weights: typeof values.weights === 'string' ? resolve(values.weights) : undefined,
    outDir: resolve(typeof values.out === 'string' ? values.out : 'out'),
    evaluations: evaluations as Chapter4Evaluation,
    points,
    centres,
    quick: Boolean(values.quick),
    log: quiet ? undefined : (line) => io.stderr.write(`${line}\n`),
  });
  io.stdout.write(`${JSON.stringify({ dir: result.dir, model: result.tag, files: result.files })}\n`);
  return 0;
}
