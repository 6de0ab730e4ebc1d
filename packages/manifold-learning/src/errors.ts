/**
 * Bad input to a metric or a data view (wrong array length, k out of range, unknown option).
 * Mirrors `CurvInputError` from `@curv/core` (same `name` and `subject`) without importing it, so that
 * this package stays free of TensorFlow.js and of Node-only modules.
 */
export class ManifoldInputError extends Error {
  override readonly name = 'CurvInputError';
  /** The input field at fault, e.g. `trustworthiness: k`. */
  readonly subject: string | undefined;
  constructor(message: string, subject?: string) {
    super(message);
    this.subject = subject;
  }
}
