import { isInputError } from '@curv/core';
import { errorLine } from './errorLine.js';
import type { CliIO } from './io.js';
import { RunInterrupted } from './step.js';
import { didYouMean } from './suggest.js';
import { COMMAND_USAGE, COMMANDS } from './usage.js';
import { APP_VERSION } from './versions.js';

export type { CliIO };

export const USAGE = `curv — curvature-regularised torus autoencoders, latent geometry, geodesics and Riemannian K-means

Usage:
  curv run [--preset quick|thesis|topo|lso|ricci-flow] [--config FILE.yaml ...] [--steps 1-9] [--out DIR]
           [--set key=value ...] [--print-config] [--backend auto|wasm|cpu|tensorflow|tensorflow-gpu] [--force] [--quiet] [--verbose]
  curv geometry --weights W.safetensors --points P.json [--route gauss|intrinsic|fd] [--out R.json]
  curv geodesic --weights W.safetensors --from z1,z2 --to z1,z2 [--points S] [--nmax N] [--iters K] [--periodic] [--out G.json]
  curv report DIR/<experiment>
  curv results DIR [--out FILE.md] [--note TEXT]   Markdown results page of a finished run (numbers, machine, commit, wall times)
  curv diffusion-curvature --points X.json [--dim d] [--graph-knn 150] [--method entropic|w1] [--out K.json]
  curv chapter4 [--weights W.safetensors] [--out DIR] [--eval straight|adfd|all] [--points K] [--centres N] [--quick]
  curv persistence --points X.json [--maxdim 0|1] [--periodic] [--threshold T] [--out D.json]
  curv topo-synthetic [--test 1|2|3] [--out DIR] [--steps N] [--seed S] [--quiet]
  curv datasets-figures [--out DIR] [--n N] [--datasets mnist,synthetic,swissroll] [--methods pca,pca3d,tsne,umap,lle] [--seed S]
  curv lso [--out DIR] [--quick]   Latent Space Oddity: VAE expected metric, geodesics, random walks (DIR/lso/)

Presets: quick (default; MNIST digits 0-2, a curvature-regularised model and its unregularised twin,
a few minutes on a CPU), thesis (the original MNIST_Setting_3/1/1_exp1 configurations), topo (the
topological regulariser with and without), lso (the Latent Space Oddity experiment, the same as curv lso)
and ricci-flow (no curvature term, ∫R², Perelman F and W on the Synthetic Gaussians and the Swiss roll,
DIR/ricci_flow/).
Steps: 1 train, 2 geometry report, 3 geodesics, 4 3-D embedding, 5 mesh, 6 Riemannian K-means,
7 flat baseline + F-measures, 8 Chapter 4 evaluation (straight lines vs geodesics), 9 diffusion curvature vs
exact curvature. Artifacts and manifest.json in DIR/<experiment>/ (default DIR ./out);
a re-run skips current steps and resumes interrupted ones; --force recomputes everything.
Bad input exits with code 2 and one line on stderr (--verbose: stack trace).
curv <command> --help shows a command's options; curv --version prints the version.
`;

/**
 * Run the `curv` command line with `argv` (without `node cli.js`). Returns the exit code:
 * 0 success, 1 a step failed (or a bug), 2 bad input, 130 interrupted by Ctrl-C.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const args = argv.filter((a) => a !== '--verbose' && a !== '-v');
  const [command, ...rest] = args;
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(COMMAND_USAGE[command] ?? USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'run': {
        const { runCommand } = await import('./commands/run.js');
        return await runCommand(rest, io, verbose);
      }
      case 'geometry': {
        const { geometryCommand } = await import('./commands/geometry.js');
        return await geometryCommand(rest, io);
      }
      case 'geodesic': {
        const { geodesicCommand } = await import('./commands/geodesic.js');
        return await geodesicCommand(rest, io);
      }
      case 'diffusion-curvature': {
        const { diffusionCurvatureCommand } = await import('./commands/diffusionCurvature.js');
        return await diffusionCurvatureCommand(rest, io);
      }
      case 'chapter4': {
        const { chapter4Command } = await import('./commands/chapter4.js');
        return await chapter4Command(rest, io);
      }
      case 'persistence': {
        const { persistenceCommand } = await import('./commands/persistence.js');
        return await persistenceCommand(rest, io);
      }
      case 'topo-synthetic': {
        const { topoSyntheticCommand } = await import('./commands/topoSynthetic.js');
        return await topoSyntheticCommand(rest, io);
      }
      case 'datasets-figures': {
        const { datasetsFiguresCommand } = await import('./commands/datasetsFigures.js');
        return await datasetsFiguresCommand(rest, io);
      }
      case 'lso': {
        const { lsoCommand } = await import('./commands/lso.js');
        return await lsoCommand(rest, io);
      }
      case 'results': {
        const { resultsCommand } = await import('./commands/results.js');
        return await resultsCommand(rest, io);
      }
      case 'report': {
        const { reportCommand } = await import('./commands/report.js');
        return await reportCommand(rest, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr.write(
          `curv: unknown command '${command}'${didYouMean(command, COMMANDS) || `; expected ${COMMANDS.join(', ')}`} (curv --help)\n`,
        );
        return 2;
    }
  } catch (e) {
    if (e instanceof RunInterrupted) {
      io.stderr.write('curv: interrupted; nothing was written\n');
      return 130;
    }
    io.stderr.write(`curv: ${errorLine(e)}\n`);
    if (verbose && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return isInputError(e) ? 2 : 1;
  }
}
