import { type BackendName, initBackend } from '@curv/core';
import type { CliIO } from '../io.js';
import { acquireRunLock } from '../lock.js';
import { pathInside, prepareOutDir } from '../outDir.js';
import type { Progress } from '../progress.js';
import {
  RICCI_FLOW_LARGE,
  RICCI_FLOW_QUICK,
  RICCI_FLOW_TINY,
  RicciFlowInterrupted,
  type RicciFlowSettings,
  runRicciFlow,
} from '../ricciFlow/runRicciFlow.js';

/** The presets of `curv run` that run the Ricci-flow comparison instead of the seven steps. */
export const RICCI_FLOW_PRESETS: Record<string, RicciFlowSettings> = {
  'ricci-flow': RICCI_FLOW_QUICK,
  'ricci-flow-large': RICCI_FLOW_LARGE,
  'ricci-flow-tiny': RICCI_FLOW_TINY,
};

/**
 * `curv run --preset ricci-flow [--out DIR]`: the comparison of no curvature term, ∫R², Perelman F and W on
 * the Synthetic Gaussians and the Swiss roll, written to `DIR/ricci_flow/` (ricci_flow.json, figures/,
 * report.html). Ctrl-C stops at the next batch (exit 130); the files written so far are complete.
 */
export async function ricciFlowPresetCommand(
  preset: string,
  out: string,
  io: CliIO,
  progress: Progress,
  backend?: BackendName,
): Promise<number> {
  const root = prepareOutDir(out);
  const info = await initBackend({ backend, log: null });
  progress.line(`curv run · preset ${preset} · backend ${info.backend} · out ${root}`);
  const lock = acquireRunLock(root);
  try {
    const dir = pathInside(root, 'ricci_flow');
    const result = await runRicciFlow(dir, RICCI_FLOW_PRESETS[preset], io.signal, (l) => progress.line(l));
    io.stdout.write(
      `${JSON.stringify({ dir, seconds: Number(result.seconds.toFixed(1)), report: 'report.html' })}\n`,
    );
    for (const d of result.datasets) io.stdout.write(d.conclusion);
    return 0;
  } catch (e) {
    if (e instanceof RicciFlowInterrupted) {
      io.stderr.write('curv run --preset ricci-flow: interrupted; the files written so far are complete\n');
      return 130;
    }
    throw e;
  } finally {
    lock.release();
  }
}
