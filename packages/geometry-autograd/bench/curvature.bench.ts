import { Adam, type Benchmark, defineBenchmark, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type CurvatureRoute,
  curvatureAndMetric,
  curvatureLoss,
  decode,
  decoderFunction,
  type JetLayer,
  periodicGridGeometry,
  type SequentialDecoder,
} from '../src/index.js';

const X_DIM = 784;
const H1 = 512;
const H2 = 256;
const D = 2;
const B = 128;

/** PyTorch-default Linear init: W, b ~ U(−1/√fan_in, 1/√fan_in); kernel stored [in, out]. */
function linear(rng: Random, nIn: number, nOut: number): JetLayer & { kind: 'dense' } {
  const k = 1 / Math.sqrt(nIn);
  return {
    kind: 'dense',
    kernel: tf.variable(tf.tensor2d(rng.uniformArray(nIn * nOut, -k, k), [nIn, nOut])),
    bias: tf.variable(tf.tensor1d(rng.uniformArray(nOut, -k, k))),
  };
}

interface TorusAE {
  encoder: SequentialDecoder;
  decoder: SequentialDecoder;
  vars: tf.Variable[];
}

/** TorusAE 784-512-256-2 (SPEC §2.1): encoder fc1 → sin → fc2 → sin → fc3; decoder lift → fc4 → sin → fc5 → sin → fc6. */
function torusAE(seed: number): TorusAE {
  const rng = new Random(seed);
  const fc = [
    linear(rng, X_DIM, H1),
    linear(rng, H1, H2),
    linear(rng, H2, D),
    linear(rng, 2 * D, H2),
    linear(rng, H2, H1),
    linear(rng, H1, X_DIM),
  ];
  const sin: JetLayer = { kind: 'activation', fn: 'sin' };
  return {
    encoder: { latentDim: X_DIM, layers: [fc[0], sin, fc[1], sin, fc[2]] },
    decoder: { latentDim: D, layers: [{ kind: 'torusLift' }, fc[3], sin, fc[4], sin, fc[5]] },
    vars: fc.flatMap((l) => [l.kernel as tf.Variable, l.bias as tf.Variable]),
  };
}

interface CurvCtx {
  ae: TorusAE;
  z: tf.Tensor2D;
}

function curvSetup(): CurvCtx {
  const rng = new Random(1);
  return { ae: torusAE(0), z: tf.tensor2d(rng.uniformArray(B * D, -Math.PI, Math.PI), [B, D]) };
}

function curvatureBench(route: CurvatureRoute): Benchmark {
  return defineBenchmark<CurvCtx>({
    name: `curvature-R-b128-${route}`,
    runs: 10,
    warmup: 2,
    setup: curvSetup,
    run: ({ ae, z }) => {
      const { R, g } = curvatureAndMetric(ae.decoder, z, { route });
      R.dataSync();
      tf.dispose([R, g]);
    },
    teardown: ({ ae, z }) => tf.dispose([...ae.vars, z]),
    meta: { network: '784-512-256-2 TorusAE decoder, PyTorch-default init', batch: B, route },
  }) as Benchmark;
}

interface StepCtx {
  ae: TorusAE;
  x: tf.Tensor2D;
  opt: Adam;
}

function stepSetup(): StepCtx {
  const rng = new Random(2);
  const ae = torusAE(0);
  return {
    ae,
    x: tf.tensor2d(rng.uniformArray(B * X_DIM), [B, X_DIM]),
    opt: new Adam(ae.vars, { lr: 1e-4 }),
  };
}

/**
 * One Adam step of the full TorusAE on a batch: MSE (+ λ·curvature loss on the batch's detached wrapped
 * encodings φ = atan2(sin h, cos h), Gauss route). Returns nothing; the harness times the call.
 */
export function aeStep({ ae, x, opt }: StepCtx, lambdaCurv: number): number {
  const { value, grads } = tf.variableGrads(() => {
    const h = decode(ae.encoder, x);
    const mse = tf.mean(tf.squaredDifference(decode(ae.decoder, h), x)) as tf.Scalar;
    if (lambdaCurv === 0) return mse;
    // Detached copy of the wrapped angles (gradient flows only into the decoder through R).
    const phi = tf.tensor2d(
      tf.atan2(tf.sin(h), tf.cos(h)).dataSync() as Float32Array,
      h.shape as [number, number],
    );
    return tf.add(mse, tf.mul(curvatureLoss(ae.decoder, phi), lambdaCurv)) as tf.Scalar;
  }, ae.vars);
  opt.step(ae.vars.map((v) => grads[v.name]));
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return loss;
}

function stepBench(name: string, lambdaCurv: number): Benchmark {
  return defineBenchmark<StepCtx>({
    name,
    runs: 10,
    warmup: 2,
    setup: stepSetup,
    run: (ctx) => {
      aeStep(ctx, lambdaCurv);
    },
    teardown: ({ ae, x }) => tf.dispose([...ae.vars, x]),
    meta: {
      network: '784-512-256-2 TorusAE, Adam lr 1e-4',
      batch: B,
      curvature: lambdaCurv ? 'gauss, 128 points' : 'none',
    },
  }) as Benchmark;
}

/** Whole-torus report grid: periodic finite differences on 200×200 points (one decoder pass per point). */
const gridBench = defineBenchmark<TorusAE>({
  name: 'periodic-grid-200-fd',
  runs: 3,
  warmup: 1,
  setup: () => torusAE(0),
  run: (ae) => {
    periodicGridGeometry(decoderFunction(ae.decoder), { n: 200 });
  },
  teardown: (ae) => tf.dispose(ae.vars),
  meta: { network: '784-512-256-2 TorusAE decoder', grid: '200×200 on [−π, π)²' },
}) as Benchmark;

export const benchmarks: Benchmark[] = [
  gridBench,
  curvatureBench('gauss'),
  curvatureBench('intrinsic'),
  curvatureBench('fd'),
  stepBench('ae-step-curvature-b128', 0.1),
  stepBench('ae-step-mse-b128', 0),
];
