import { runChapter4 } from '../chapter4/runChapter4.js';
import { FILES } from '../files.js';
import type { StepDefinition } from '../step.js';

/**
 * Step 8 — the Chapter 4 evaluation "how far straight lines are from geodesics" for the
 * experiment's trained model, as a pipeline step (manifest, skip/resume, report): it runs the straight-line
 * part of `curv chapter4` (`src/chapter4/`) into `DIR/<experiment>/chapter4/`, and with `chapter4.adfd`
 * also its AD vs FD part (accuracy of the finite-difference scalar curvature against the exact one over
 * seven step sizes, timing per batch size). Key figures: the means of Ẽ, E, A over the K(K−1)/2
 * straight segments and of the geodesic/straight energy ratio; with AD vs FD, the step size of the
 * smallest mean relative error and that error.
 */
export const step8: StepDefinition = {
  id: 8,
  name: 'chapter4',
  title: 'Chapter 4: straight lines vs geodesics',
  inputs: () => [FILES.weights],
  params: (p) => p.chapter4,
  async run(ctx) {
    const p = ctx.params.chapter4;
    const result = await runChapter4({
      weights: ctx.path(FILES.weights),
      outDir: ctx.plan.dir,
      evaluations: p.adfd ? 'all' : 'straight',
      points: p.points,
      quick: p.quick,
      log: (line) => ctx.progress.detail(line),
    });
    for (const f of result.files) ctx.addOutput(`chapter4/${f}`);
    const s = result.straight?.statistics;
    if (s) {
      ctx.summary.pairs = s.energy.count;
      ctx.summary.mean_E_tilde = s.eTilde.mean;
      ctx.summary.mean_E = s.energy.mean;
      ctx.summary.mean_A = s.acceleration.mean;
      if (s.ratio) ctx.summary.mean_energy_ratio = s.ratio.mean;
    }
    const a = result.adFd;
    if (a) {
      const best = a.steps.find((step) => step.h === a.bestStep);
      ctx.summary.adfd_best_h = a.bestStep;
      if (best) ctx.summary.adfd_best_mean_relative_error = best.meanRelativeError;
    }
  },
};
