/** How training progress is shown. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

export interface ProgressSink {
  batch(epoch: number, epochs: number, batch: number, batches: number, losses: Record<string, number>): void;
  epoch(epoch: number, epochs: number, summary: string): void;
  done(): void;
}

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  const r = Math.round(s % 60);
  return m > 0 ? `${m}m${String(r).padStart(2, '0')}s` : `${r}s`;
}

function fmtLosses(l: Record<string, number>): string {
  return Object.entries(l)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join(' ');
}

/**
 * A progress reporter: on a TTY (`auto` → `bar`) a single live line with a bar, current losses
 * (4 decimals) and ETA; otherwise (`lines`) one plain line per epoch plus one every ~10 % of an
 * epoch — suitable for CI logs. `none` prints nothing.
 */
export function createProgress(
  mode: ProgressMode,
  stream: NodeJS.WritableStream = process.stderr,
): ProgressSink {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  const m = mode === 'auto' ? (tty ? 'bar' : 'lines') : mode;
  let epochStart = Date.now();
  let lastEpoch = -1;
  let lastLine = '';
  if (m === 'none') return { batch() {}, epoch() {}, done() {} };
  return {
    batch(epoch, epochs, batch, batches, losses) {
      if (epoch !== lastEpoch) {
        lastEpoch = epoch;
        epochStart = Date.now();
      }
      const done = batch + 1;
      const elapsed = (Date.now() - epochStart) / 1000;
      const eta = (elapsed / done) * (batches - done);
      if (m === 'bar') {
        const width = 24;
        const fill = Math.round((done / batches) * width);
        lastLine = `Epoch ${epoch}/${epochs} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${batches} ${fmtLosses(losses)} ETA ${fmtTime(eta)}`;
        stream.write(`\r\u001b[2K${lastLine}`);
      } else {
        const step = Math.max(1, Math.floor(batches / 10));
        if (done % step === 0 || done === batches) {
          stream.write(
            `epoch ${epoch}/${epochs} batch ${done}/${batches} ${fmtLosses(losses)} eta ${fmtTime(eta)}\n`,
          );
        }
      }
    },
    epoch(epoch, epochs, summary) {
      if (m === 'bar' && lastLine) stream.write('\n');
      lastLine = '';
      stream.write(`Epoch ${epoch}/${epochs}: ${summary}\n`);
    },
    done() {
      if (m === 'bar' && lastLine) stream.write('\n');
    },
  };
}
