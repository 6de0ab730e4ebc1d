import type { TorusAE } from '@curv/models';
import { geodesicPlot } from '@curv/plots';
import { geodesicGrid, solveGeodesics } from '@curv/schauder';
import { experimentData } from '../data.js';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { StepDefinition } from '../step.js';
import { withModel } from '../weights.js';
import { pick, strideIndices } from './scatter.js';

/**
 * Step 3: one geodesic (default (0, −2) → (0, 3)) by the Schauder boundary-value solver
 * and the geodesic grid over the square [−half, half]² (4 borders, `lines` vertical and horizontal
 * geodesics), all in the decoded geometry (energy (S−1)Σ‖ΔΨ‖², Adam). Key figures: the single
 * geodesic's length and its ratio to the straight segment's length.
 */
export const step3: StepDefinition = {
  id: 3,
  name: 'geodesics',
  title: 'Schauder geodesics and geodesic grid',
  inputs: () => [FILES.weights],
  params: (p) => p.geodesics,
  async run(ctx) {
    const p = ctx.params.geodesics;
    await withModel(ctx.path(FILES.weights), async (model) => {
      const geometry = { decoder: (z: Parameters<TorusAE['decodeAngles']>[0]) => model.decodeAngles(z) };
      const solver = { nMax: p.nMax, S: p.steps, steps: p.epochs, lr: p.lr };
      const single = solveGeodesics(geometry, [p.single.from], [p.single.to], {
        ...solver,
        objective: 'legacySingle',
      });
      ctx.writeJson(FILES.geodesicSingle, {
        from: p.single.from,
        to: p.single.to,
        curve: single.curve(0),
        energy: single.energies[0],
        length: single.lengths[0],
        straightEnergy: single.baseEnergies[0],
        straightLength: single.baseLengths[0],
        history: single.history,
        ...solver,
      });
      ctx.summary.geodesic_length = single.lengths[0];
      ctx.summary.straight_length = single.baseLengths[0];
      ctx.summary.length_ratio = single.lengths[0] / single.baseLengths[0];
      await ctx.safePoint();
      const bar = ctx.progress.bar('geodesic grid', 3);
      bar.update(0, 'borders, vertical and horizontal lines');
      const grid = geodesicGrid(geometry, { ...solver, side: 2 * p.half, N: p.lines, K: p.lines });
      bar.update(3);
      bar.done();
      ctx.writeJson(FILES.geodesicGrid, { ...grid, ...solver, half: p.half, lines: p.lines });
      ctx.summary.grid_mean_length =
        [...grid.lengths.vertical, ...grid.lengths.horizontal].reduce((a, b) => a + b, 0) / (2 * p.lines);

      const test = experimentData(ctx.plan.config).test;
      const sel = strideIndices(test.shape[0]);
      const points = pick(model.anglesOf(test.data), sel, 2);
      const labels = test.discreteLabels ? Int32Array.from(pick(test.labels, sel), Math.round) : undefined;
      saveFigure(
        ctx,
        FILES.figGeodesicSingle,
        geodesicPlot().title(`Geodesic (${p.single.from}) → (${p.single.to}), ${ctx.plan.name}`)({
          curves: [{ points: single.curve(0).flat(), kind: 'single' }],
          points,
          labels,
          start: p.single.from,
          end: p.single.to,
        }),
      );
      const b = grid.borders;
      saveFigure(
        ctx,
        FILES.figGeodesicGrid,
        geodesicPlot().title(`Geodesic grid (Schauder), ${ctx.plan.name}`)({
          curves: [
            ...[...grid.vertical, ...grid.horizontal].map((c) => ({
              points: c.flat(),
              kind: 'interior' as const,
            })),
            ...[b.bottom, b.top, b.left, b.right].map((c) => ({ points: c.flat(), kind: 'border' as const })),
          ],
          points,
          labels,
        }),
      );
    });
  },
};
