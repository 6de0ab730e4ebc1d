/** Thrown when the LSO experiment stops on its AbortSignal (Ctrl-C); the CLI exits with code 130. */
export class LsoInterrupted extends Error {
  override readonly name = 'LsoInterrupted';
  constructor() {
    super('interrupted');
  }
}
