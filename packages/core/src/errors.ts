/**
 * An error caused by bad input (a file, a config value, a shape) rather than by a bug.
 * The message names the offending file / field and says what was expected.
 * Command-line tools print `message` alone and exit with code 2.
 */
export class CurvInputError extends Error {
  override readonly name = 'CurvInputError';
  /** The file, config key or argument at fault, when there is one. */
  readonly subject: string | undefined;
  constructor(message: string, subject?: string) {
    super(message);
    this.subject = subject;
  }
}

/**
 * True for errors that should be reported to a user as one line (bad input, not a bug). Also
 * recognises input errors of packages that do not depend on core (e.g. `@curv/plots`, which has no
 * tfjs dependency) by their `name`.
 */
export function isInputError(e: unknown): e is CurvInputError {
  return e instanceof CurvInputError || (e instanceof Error && e.name === 'CurvInputError');
}
