import type { StepId } from '../args.js';
import type { StepDefinition } from '../step.js';
import { step1 } from './step1Train.js';
import { step2 } from './step2Geometry.js';
import { step3 } from './step3Geodesics.js';
import { step4 } from './step4Embedding.js';
import { step5 } from './step5Mesh.js';
import { step6 } from './step6KMeans.js';
import { step7 } from './step7Clustering.js';
import { step8 } from './step8Chapter4.js';
import { step9 } from './step9DiffusionCurvature.js';

/** The seven quick-start steps, the Chapter 4 evaluation and the diffusion-curvature comparison. */
export const STEPS: Record<StepId, StepDefinition> = {
  1: step1,
  2: step2,
  3: step3,
  4: step4,
  5: step5,
  6: step6,
  7: step7,
  8: step8,
  9: step9,
};
