/**
 * Bad input to a statistic (empty sample, a non-finite value, samples of different lengths).
 * Its `name` is `'CurvInputError'` and it has a `subject` naming the argument at fault, so the
 * curv command line reports it as one line with exit code 2 — without this package importing
 * `@curv/core` (which brings TensorFlow.js).
 */
export class StatsInputError extends Error {
  override readonly name = 'CurvInputError';
  /** The argument at fault, e.g. `values`. */
  readonly subject: string | undefined;
  constructor(message: string, subject?: string) {
    super(message);
    this.subject = subject;
  }
}
