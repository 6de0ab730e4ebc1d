/**
 * Bad input to a figure (wrong array length, empty data, unknown option).
 * Mirrors `CurvInputError` from `@curv/core` (same `name` and `subject`) without importing it,
 * so that `@curv/plots` stays free of TensorFlow.js.
 */
export class PlotInputError extends Error {
  override readonly name = 'CurvInputError';
  /** The figure input field at fault, e.g. `latentScatter: points`. */
  readonly subject: string | undefined;
  constructor(message: string, subject?: string) {
    super(message);
    this.subject = subject;
  }
}
