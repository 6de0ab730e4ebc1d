/**
 * Progress output of `curv run`: one line per step, a progress bar inside long steps (redrawn in
 * place on a terminal; otherwise plain lines with ETA at most every few seconds, e.g. in CI logs)
 * and a summary table. Everything goes to the given stream (stderr by default) so that stdout stays
 * clean for JSON.
 */
export interface ProgressBar {
  /**
   * Set the number of finished units and an optional short status (e.g. live losses). `milestone`
   * (e.g. the end of an epoch) always prints a plain line.
   */
  update(done: number, status?: string, milestone?: boolean): void;
  /** Finish the bar (clears the line on a terminal). */
  done(): void;
}

export interface Progress {
  /** A line of text (always printed). */
  line(text: string): void;
  /** A line printed only with --verbose. */
  detail(text: string): void;
  /** A bar over `total` units; `initial` units were done before (a resumed run): the ETA counts from there. */
  bar(label: string, total: number, initial?: number): ProgressBar;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  verbose?: boolean;
  /** Force terminal (true) or plain (false) rendering; default: the stream's isTTY, and plain when CI is set. */
  tty?: boolean;
  /** Silence everything (tests). */
  quiet?: boolean;
  /** Plain mode: the least time between two progress lines of a bar, besides milestones (default 5000 ms). */
  plainIntervalMs?: number;
  /** Clock in ms (tests; default Date.now). */
  now?: () => number;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const total = Math.round(s);
  if (total < 60) return `${total}s`;
  const m = Math.floor(total / 60);
  return `${m}m${String(total - 60 * m).padStart(2, '0')}s`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? (Boolean(stream.isTTY) && !process.env.CI);
  const quiet = options.quiet ?? false;
  const plainInterval = options.plainIntervalMs ?? 5000;
  const now = options.now ?? Date.now;
  const write = (s: string) => {
    if (!quiet) stream.write(s);
  };
  return {
    line: (text) => write(`${text}\n`),
    detail: (text) => {
      if (options.verbose) write(`  ${text}\n`);
    },
    bar(label, total, initial = 0) {
      const start = now();
      let lastPlain = Number.NEGATIVE_INFINITY;
      let lastDraw = 0;
      const width = 24;
      return {
        update(done, status = '', milestone = false) {
          const frac = total > 0 ? Math.min(1, done / total) : 1;
          const t = now();
          const rate = done > initial ? (t - start) / 1000 / (done - initial) : Number.NaN;
          const eta = rate * (total - done);
          if (tty) {
            if (t - lastDraw < 100 && done < total) return;
            lastDraw = t;
            const filled = Math.round(frac * width);
            const barText = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
            const cols = stream.columns ?? 100;
            const text = `    ${label} ${barText} ${done}/${total} ETA ${formatSeconds(eta)} ${status}`;
            write(`\r${text.slice(0, cols - 1).padEnd(Math.min(cols - 1, text.length))}\x1b[K`);
          } else if (milestone || done >= total || t - lastPlain >= plainInterval) {
            lastPlain = t;
            const pct = Math.round(frac * 100);
            const text = `    ${label} ${done}/${total} (${pct}%) ETA ${formatSeconds(eta)} ${status}`;
            write(`${text.trimEnd()}\n`);
          }
        },
        done() {
          if (tty) write('\r\x1b[K');
        },
      };
    },
  };
}

/** A plain-text table with aligned columns. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const fmt = (r: string[]) =>
    r
      .map((c, j) => (c ?? '').padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

export { formatSeconds };
