import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress.js';

function sink(): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => buf };
}

describe('createProgress', () => {
  it('bar() in plain mode prints at most one line per interval plus milestones and the end, each with an ETA', () => {
    const s = sink();
    let t = 0;
    const p = createProgress({ stream: s.stream, tty: false, plainIntervalMs: 5000, now: () => t });
    const bar = p.bar('training', 1000);
    // 1000 batches of 100 ms; a milestone every 250 batches (an epoch)
    for (let done = 1; done <= 1000; done++) {
      t += 100;
      bar.update(done, `MSE ${(1 / done).toFixed(4)}`, done % 250 === 0);
    }
    const lines = s.text().trim().split('\n');
    // first update, then every 5 s = 50 batches → 20 lines over 100 s, plus none extra: the epoch ends and
    // the last batch fall on the same 50-batch grid
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(s.text()).not.toContain('\r');
    expect(lines[0]).toMatch(/^ *training 1\/1000 \(0%\) ETA \d+m\d{2}s MSE 1\.0000$/);
    // after 500 batches of 0.1 s, 500 remain: ETA 50 s
    const half = lines.find((l) => l.includes(' 500/1000 '));
    expect(half).toMatch(/\(50%\) ETA 50s/);
    expect(lines.at(-1)).toMatch(/1000\/1000 \(100%\) ETA 0s/);
  });

  it('bar() in plain mode prints every milestone even within the interval', () => {
    const s = sink();
    let t = 0;
    const p = createProgress({ stream: s.stream, tty: false, now: () => t });
    const bar = p.bar('training', 40);
    for (let done = 1; done <= 40; done++) {
      t += 10;
      bar.update(done, '', done % 4 === 0);
    }
    // 0.4 s in all: the first line and the 10 milestones
    expect(s.text().trim().split('\n')).toHaveLength(11);
  });

  it('bar(label, total, initial) of a resumed run estimates the ETA from the units done in this run only', () => {
    const s = sink();
    let t = 0;
    const p = createProgress({ stream: s.stream, tty: false, plainIntervalMs: 0, now: () => t });
    const bar = p.bar('training', 100, 90);
    t += 2000;
    bar.update(95);
    // 5 units in 2 s → 0.4 s per unit, 5 left → 2 s (not 95 units in 2 s → 0.1 s)
    expect(s.text()).toMatch(/95\/100 \(95%\) ETA 2s/);
  });

  it('bar() on a terminal redraws one line in place at most every 100 ms', () => {
    const s = sink();
    let t = 0;
    const p = createProgress({ stream: s.stream, tty: true, now: () => t });
    const bar = p.bar('training', 100);
    for (let done = 1; done <= 100; done++) {
      t += 10;
      bar.update(done);
    }
    bar.done();
    const draws = s.text().split('\r').length - 1;
    expect(draws).toBeGreaterThanOrEqual(10);
    expect(draws).toBeLessThanOrEqual(12);
    expect(s.text()).not.toContain('\n');
  });
});
