/**
 * Progress output of `curv run`: one line per step, a progress bar inside long steps (redrawn in
 * place on a terminal; a few plain lines otherwise, e.g. in CI logs) and a summary table.
 * Everything goes to the given stream (stderr by default) so that stdout stays clean for JSON.
 */
export interface ProgressBar {
  /** Set the number of finished units and an optional short status (e.g. live losses). */
  update(done: number, status?: string): void;
  /** Finish the bar (clears the line on a terminal). */
  done(): void;
}

export interface Progress {
  /** A line of text (always printed). */
  line(text: string): void;
  /** A line printed only with --verbose. */
  detail(text: string): void;
  bar(label: string, total: number): ProgressBar;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  verbose?: boolean;
  /** Force terminal (true) or plain (false) rendering; default: the stream's isTTY, and plain when CI is set. */
  tty?: boolean;
  /** Silence everything (tests). */
  quiet?: boolean;
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
  const write = (s: string) => {
    if (!quiet) stream.write(s);
  };
  return {
    line: (text) => write(`${text}\n`),
    detail: (text) => {
      if (options.verbose) write(`  ${text}\n`);
    },
    bar(label, total) {
      const start = Date.now();
      let lastPlain = -1;
      let lastDraw = 0;
      const width = 24;
      return {
        update(done, status = '') {
          const frac = total > 0 ? Math.min(1, done / total) : 1;
          const elapsed = (Date.now() - start) / 1000;
          const eta = frac > 0 ? (elapsed * (1 - frac)) / frac : Number.NaN;
          if (tty) {
            const now = Date.now();
            if (now - lastDraw < 100 && done < total) return;
            lastDraw = now;
            const filled = Math.round(frac * width);
            const barText = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
            const cols = stream.columns ?? 100;
            const text = `    ${label} ${barText} ${done}/${total} ETA ${formatSeconds(eta)} ${status}`;
            write(`\r${text.slice(0, cols - 1).padEnd(Math.min(cols - 1, text.length))}\x1b[K`);
          } else {
            // Plain mode: a line at every 25 % (and at the end).
            const quarter = Math.floor(frac * 4);
            if (quarter > lastPlain) {
              lastPlain = quarter;
              write(`    ${label} ${done}/${total} (${Math.round(frac * 100)}%) ${status}\n`);
            }
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
