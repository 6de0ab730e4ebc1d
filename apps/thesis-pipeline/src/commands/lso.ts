import { resolve } from 'node:path';
import { initBackend } from '@curv/core';
import { parseBackend, parseCommandArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { LsoInterrupted } from '../lso/lsoInterrupted.js';
import { lsoSettings } from '../lso/lsoSettings.js';
import { runLso } from '../lso/runLso.js';

/**
 * `curv lso [--out DIR] [--quick] [--backend B] [--quiet]`: the Latent Space Oddity experiment (Gaussian VAEs on
 * MNIST digits 0/1 and on a surface with a hole, expected metric, geodesics, random walks, sweeps, TorusAE
 * comparison) written to `DIR/lso/<quick|full>/` (default DIR ./out). Prints one JSON line with the directory
 * and the report. Ctrl-C stops after the current batch (checkpoint kept) and exits with 130.
 */
export async function lsoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'lso',
    argv,
    {
      out: { type: 'string' },
      quick: { type: 'boolean' },
      quiet: { type: 'boolean' },
      backend: { type: 'string' },
    },
    { min: 0, max: 0, names: '' },
  );
  const backend = parseBackend(values.backend as string | undefined);
  await initBackend({ backend, log: null });
  const quiet = Boolean(values.quiet);
  try {
    const r = await runLso(
      resolve(typeof values.out === 'string' ? values.out : 'out'),
      lsoSettings(Boolean(values.quick)),
      io.signal,
      quiet ? undefined : (line) => io.stderr.write(`${line}\n`),
    );
    io.stdout.write(
      `${JSON.stringify({ dir: r.dir, report: `${r.dir}/report.html`, files: r.files.length })}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof LsoInterrupted) {
      io.stderr.write('curv lso: interrupted; the VAE checkpoint is kept and a re-run resumes\n');
      return 130;
    }
    throw e;
  }
}
