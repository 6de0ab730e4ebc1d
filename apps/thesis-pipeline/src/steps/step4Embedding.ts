import { seriesPlot, surface3d } from '@curv/plots';
import { embedGrid, gridEdgeLengths, latentGrid } from '@curv/schauder';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { StepDefinition } from '../step.js';
import { withModel } from '../weights.js';

/** Relative error |ℓ_embedded − L_geodesic| / L_geodesic averaged over all grid edges. */
function meanRelativeEdgeError(target: number[][], got: number[][]): number {
  let acc = 0;
  let n = 0;
  for (let i = 0; i < target.length; i++) {
    for (let j = 0; j < target[i].length; j++) {
      const L = target[i][j];
      if (L > 0) {
        acc += Math.abs(got[i][j] - L) / L;
        n++;
      }
    }
  }
  return n ? acc / n : Number.NaN;
}

/**
 * Step 4: geodesic lengths of the edges of a nodes × nodes latent grid on [−half, half]²
 * (Schauder solver, decoded geometry), then the quasi-isometric 3-D embedding of the grid (plain SGD
 * on the vertex positions so that Euclidean edge lengths match the geodesic ones). Key figures: final
 * embedding loss and mean relative edge-length error.
 */
export const step4: StepDefinition = {
  id: 4,
  name: 'embedding',
  title: '3-D embedding of a latent grid',
  inputs: () => [FILES.weights],
  params: (p) => p.embedding,
  async run(ctx) {
    const p = ctx.params.embedding;
    await withModel(ctx.path(FILES.weights), async (model) => {
      const grid = latentGrid({ num: p.nodes, lo: -p.half, hi: p.half });
      const edges = 2 * p.nodes * (p.nodes - 1);
      const bar = ctx.progress.bar('edge geodesics + embedding', edges + p.rounds * p.iterations);
      bar.update(0, `${edges} edge geodesics`);
      const lengths = gridEdgeLengths({ decoder: (z) => model.decodeAngles(z) }, grid, {
        nMax: p.nMax,
        S: p.steps,
        steps: p.epochs,
        lr: p.lr,
      });
      ctx.writeJson(FILES.embeddingLengths, { grid, ...lengths, nMax: p.nMax, S: p.steps, epochs: p.epochs });
      await ctx.safePoint();
      const emb = embedGrid(grid, lengths, {
        rounds: p.rounds,
        iterations: p.iterations,
        lr: p.sgdLr,
        weight: p.weight,
        seed: p.seed,
        onIteration: (it, loss) => bar.update(edges + it + 1, `loss ${loss.toFixed(4)}`),
      });
      bar.done();
      ctx.writeJson(FILES.embeddedGrid, { num: p.nodes, ...emb });
      const finalLoss = emb.lossHistory[emb.lossHistory.length - 1];
      ctx.summary.embedding_loss = finalLoss;
      ctx.summary.edge_rel_error =
        (meanRelativeEdgeError(lengths.horizontal, emb.horizontal) +
          meanRelativeEdgeError(lengths.vertical, emb.vertical)) /
        2;
      ctx.summary.edge = emb.edge;
      const lambda = ctx.plan.config.training_mode.compute_curvature
        ? ctx.plan.config.loss_settings.lambda_curv
        : 0;
      saveFigure(
        ctx,
        FILES.figEmbedding,
        surface3d()
          .title(
            `3d embedding of a grid on torus with λ_curv = ${lambda}.\nAfter ${emb.lossHistory.length - 1} iterations.`,
          )
          .colormap('spectral')
          .colorLabel('Height')({ vertices: emb.vertices.flat(2), nu: p.nodes, nv: p.nodes }),
      );
      saveFigure(
        ctx,
        FILES.figEmbeddingLoss,
        seriesPlot()
          .title('Training Loss Over Time')
          .xLabel('Iterations')
          .yLabel('Loss')
          .yScale('log')
          .legend('none')({
          series: [
            {
              x: emb.lossHistory.map((_, i) => i),
              y: emb.lossHistory.map((v) => Math.max(v, 1e-12)),
              label: 'loss',
            },
          ],
        }),
      );
    });
  },
};
