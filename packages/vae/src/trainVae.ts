import {
  Adam,
  type AdamState,
  CurvInputError,
  encodeSafetensors,
  type NamedTensor,
  parseSafetensors,
  Random,
  type RandomState,
} from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { GaussianVae, type GaussianVaeConfig } from './gaussianVae.js';
import { vaeLoss } from './vaeLoss.js';

/** Training settings of {@link VaeTrainer} (defaults of the original Gaussian VAE). */
export interface VaeTrainOptions {
  /** Epochs (default 500). */
  epochs?: number;
  /** Batch size (default 128). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** L2 weight decay (default 1e-7). */
  weightDecay?: number;
  /** KL warm-up: r = min(1, epoch / (warmup·epochs)) with epoch counted from 1 (default 0.33). */
  warmup?: number;
  /** Seed of the shuffles and reparameterisation noise (default 0). */
  seed?: number;
}

/** Progress of a run. `batch` after every optimiser step, `epoch` after every completed epoch. */
export type VaeTrainEvent =
  | {
      kind: 'batch';
      epoch: number;
      batch: number;
      batches: number;
      loss: number;
      nll: number;
      kl: number;
      r: number;
    }
  | {
      kind: 'epoch';
      epoch: number;
      epochs: number;
      loss: number;
      nll: number;
      kl: number;
      r: number;
      seconds: number;
    }
  | { kind: 'done'; epoch: number }
  | { kind: 'aborted'; epoch: number; batch: number };

/** Resumable trainer state (stored in checkpoints). */
export interface VaeTrainerState {
  version: 1;
  /** Completed epochs. */
  epoch: number;
  /** Batches done in epoch `epoch + 1` (non-zero after an abort mid-epoch). */
  batchInEpoch: number;
  rng: RandomState;
  /** Mean loss per completed epoch. */
  history: { loss: number[]; nll: number[]; kl: number[] };
  options: Required<VaeTrainOptions>;
  model: GaussianVaeConfig;
}

function resolveOptions(o: VaeTrainOptions): Required<VaeTrainOptions> {
  const r = {
    epochs: o.epochs ?? 500,
    batchSize: o.batchSize ?? 128,
    lr: o.lr ?? 1e-3,
    weightDecay: o.weightDecay ?? 1e-7,
    warmup: o.warmup ?? 0.33,
    seed: o.seed ?? 0,
  };
  for (const k of ['epochs', 'batchSize'] as const) {
    if (!Number.isInteger(r[k]) || r[k] <= 0)
      throw new CurvInputError(`train.${k}: expected a positive integer; got ${r[k]}`, k);
  }
  if (!(r.lr > 0)) throw new CurvInputError(`train.lr: expected a positive number; got ${r.lr}`, 'lr');
  if (!(r.weightDecay >= 0))
    throw new CurvInputError(`train.weightDecay: expected ≥ 0; got ${r.weightDecay}`, 'weightDecay');
  if (!(r.warmup >= 0 && r.warmup <= 1))
    throw new CurvInputError(`train.warmup: expected a fraction in [0, 1]; got ${r.warmup}`, 'warmup');
  return r;
}

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains a {@link GaussianVae} on row-major data [n, D] with Adam and KL warm-up. {@link VaeTrainer.run} is an
 * async generator of events that yields to the event loop after every batch and stops at a batch boundary
 * when its AbortSignal fires; {@link VaeTrainer.checkpoint} and {@link VaeTrainer.restore} save and resume the
 * whole state (weights, Adam moments, generator, position) as one safetensors byte array, which the caller
 * writes atomically.
 *
 * ```ts
 * const trainer = new VaeTrainer(new GaussianVae({ inputDim: 3 }), data, { epochs: 50 });
 * for await (const ev of trainer.run(signal)) if (ev.kind === 'epoch') save(await trainer.checkpoint());
 * ```
 */
export class VaeTrainer {
  readonly options: Required<VaeTrainOptions>;
  private readonly n: number;
  private readonly opt: Adam;
  private state: VaeTrainerState;

  constructor(
    readonly vae: GaussianVae,
    private readonly data: Float32Array,
    options: VaeTrainOptions = {},
  ) {
    this.options = resolveOptions(options);
    const D = vae.inputDim;
    if (data.length === 0 || data.length % D !== 0) {
      throw new CurvInputError(
        `data: expected a non-empty row-major [n, ${D}] array; got ${data.length} values`,
        'data',
      );
    }
    this.n = data.length / D;
    // Built inside tidy: Adam's constructor leaves zerosLike temporaries alive otherwise.
    let created: Adam | undefined;
    tf.tidy(() => {
      created = new Adam(vae.variables(), { lr: this.options.lr, weightDecay: this.options.weightDecay });
    });
    this.opt = created as unknown as Adam;
    this.state = {
      version: 1,
      epoch: 0,
      batchInEpoch: 0,
      rng: new Random(this.options.seed).state(),
      history: { loss: [], nll: [], kl: [] },
      options: this.options,
      model: vae.config,
    };
  }

  /** Completed epochs and per-epoch mean losses so far. */
  get progress(): Readonly<VaeTrainerState> {
    return this.state;
  }

  /** KL weight of epoch e (1-based). */
  klWeight(epoch: number): number {
    const w = this.options.warmup * this.options.epochs;
    return w <= 0 ? 1 : Math.min(1, epoch / w);
  }

  /** Train until `options.epochs` epochs are complete or `signal` fires (then the last event is `aborted`). */
  async *run(signal?: AbortSignal): AsyncGenerator<VaeTrainEvent> {
    const { epochs, batchSize } = this.options;
    const D = this.vae.inputDim;
    const d = this.vae.latentDim;
    const batches = Math.ceil(this.n / batchSize);
    const rng = Random.fromState(this.state.rng);
    const vars = this.vae.variables();
    while (this.state.epoch < epochs) {
      const epoch = this.state.epoch + 1;
      const r = this.klWeight(epoch);
      // The shuffle of an epoch depends only on (seed, epoch), so a resumed run continues the same order.
      const perm = new Random(this.options.seed * 7919 + epoch).permutation(this.n);
      const t0 = performance.now();
      const sums = [0, 0, 0];
      let count = 0;
      for (let b = this.state.batchInEpoch; b < batches; b++) {
        if (signal?.aborted) {
          this.state.rng = rng.state();
          yield { kind: 'aborted', epoch: this.state.epoch, batch: this.state.batchInEpoch };
          return;
        }
        const lo = b * batchSize;
        const hi = Math.min(this.n, lo + batchSize);
        const rows = new Float32Array((hi - lo) * D);
        for (let i = lo; i < hi; i++)
          rows.set(this.data.subarray(perm[i] * D, (perm[i] + 1) * D), (i - lo) * D);
        const eps = rng.normalArray((hi - lo) * d);
        let terms: Float32Array | Int32Array | Uint8Array = new Float32Array(3);
        tf.tidy(() => {
          const x = tf.tensor2d(rows, [hi - lo, D]);
          const e = tf.tensor2d(eps, [hi - lo, d]);
          const { grads } = tf.variableGrads(() => {
            const t = vaeLoss(this.vae, x, e, r);
            terms = tf.stack([t.loss, t.nll, t.kl]).dataSync();
            return t.loss;
          }, vars);
          this.opt.step(vars.map((v) => grads[v.name]));
        });
        const [loss, nll, kl] = Array.from(terms);
        if (!Number.isFinite(loss)) {
          throw new Error(
            `VaeTrainer: the loss became ${loss} at epoch ${epoch}, batch ${b + 1} (lower lr?)`,
          );
        }
        sums[0] += loss;
        sums[1] += nll;
        sums[2] += kl;
        count++;
        this.state.batchInEpoch = b + 1;
        yield { kind: 'batch', epoch, batch: b + 1, batches, loss, nll, kl, r };
        await nextTick();
      }
      this.state.epoch = epoch;
      this.state.batchInEpoch = 0;
      this.state.rng = rng.state();
      const mean = sums.map((v) => v / Math.max(1, count));
      this.state.history.loss.push(mean[0]);
      this.state.history.nll.push(mean[1]);
      this.state.history.kl.push(mean[2]);
      yield {
        kind: 'epoch',
        epoch,
        epochs,
        loss: mean[0],
        nll: mean[1],
        kl: mean[2],
        r,
        seconds: (performance.now() - t0) / 1000,
      };
    }
    yield { kind: 'done', epoch: this.state.epoch };
  }

  /** The whole training state as one safetensors byte array (weights, Adam moments, state JSON in the metadata). */
  async checkpoint(): Promise<Uint8Array> {
    const tensors: Record<string, NamedTensor> = this.vae.weights();
    const adam = await this.opt.state();
    const vars = this.vae.variables();
    adam.m.forEach((m, i) => {
      tensors[`adam.m.${i}`] = { shape: [...vars[i].shape], data: m };
      tensors[`adam.v.${i}`] = { shape: [...vars[i].shape], data: adam.v[i] };
    });
    return encodeSafetensors(tensors, {
      format: 'pt',
      'curv.vae_trainer': JSON.stringify(this.state),
      'curv.adam_step': String(adam.step),
    });
  }

  /**
   * Rebuild a trainer (and its model) from {@link VaeTrainer.checkpoint} bytes; `data` must be the same
   * training set. `epochs` may raise the target to continue a finished run.
   */
  static restore(
    bytes: Uint8Array,
    data: Float32Array,
    source = '<checkpoint>',
    epochs?: number,
  ): VaeTrainer {
    const st = parseSafetensors(bytes, source);
    const raw = st.metadata['curv.vae_trainer'];
    if (!raw)
      throw new CurvInputError(
        `${source}: not a VAE trainer checkpoint (no 'curv.vae_trainer' metadata)`,
        source,
      );
    const state = JSON.parse(raw) as VaeTrainerState;
    if (state.version !== 1)
      throw new CurvInputError(`${source}: unsupported checkpoint version ${state.version}`, source);
    const vae = new GaussianVae(state.model);
    vae.setWeights(st.tensors, source);
    const trainer = new VaeTrainer(vae, data, { ...state.options, epochs: epochs ?? state.options.epochs });
    const m: Float32Array[] = [];
    const v: Float32Array[] = [];
    for (let i = 0; st.tensors[`adam.m.${i}`]; i++) {
      m.push(st.tensors[`adam.m.${i}`].data);
      v.push(st.tensors[`adam.v.${i}`].data);
    }
    trainer.opt.setState({ step: Number(st.metadata['curv.adam_step'] ?? 0), m, v } satisfies AdamState);
    trainer.state = { ...state, options: trainer.options };
    return trainer;
  }

  /** Free the optimiser buffers (the model stays alive). */
  dispose(): void {
    this.opt.dispose();
  }
}
