/**
 * Training stopped because a loss term (or, with `term` = 'gradient', the gradient) became NaN or
 * ±Infinity (`batch` −1: in the final evaluation, e.g. after a diverged last epoch). The optimiser step for that batch
 * was not applied and the last checkpoint (end of the previous epoch, or the abort point) is kept.
 */
export class NonFiniteLossError extends Error {
  override readonly name = 'NonFiniteLossError';
  constructor(
    readonly term: string,
    readonly value: number,
    readonly epoch: number,
    readonly batch: number,
    readonly checkpoint: string | undefined,
  ) {
    super(
      `${term === 'gradient' ? 'the gradient of the loss' : `loss term '${term}'`} is ${value} ${batch < 0 ? `in the final evaluation after epoch ${epoch}` : `at epoch ${epoch}, batch ${batch} (0-based)`}; training stopped, ` +
        (checkpoint ? `last good checkpoint kept at ${checkpoint}` : 'no checkpoint written yet') +
        '. Try a smaller learning rate or λ, or eps > 0.',
    );
  }
}
