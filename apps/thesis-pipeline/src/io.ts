/** Where the CLI writes: stdout for results (JSON, the summary table), stderr for messages. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}
