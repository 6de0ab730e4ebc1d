import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, rSquared, unbiasedVariance } from '../src/index.js';

function sink(isTTY: boolean): { stream: NodeJS.WritableStream; text: () => string } {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += chunk.toString();
      cb();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => buf };
}

describe('createProgress', () => {
  it("createProgress('auto') draws a live bar with losses and ETA on a TTY", () => {
    const s = sink(true);
    const p = createProgress('auto', s.stream);
    p.batch(1, 3, 0, 4, { MSE: 0.123456 });
    p.batch(1, 3, 1, 4, { MSE: 0.1 });
    p.epoch(1, 3, 'done');
    expect(s.text()).toContain('\r');
    expect(s.text()).toMatch(/Epoch 1\/3 \[#+\.+\] 2\/4 MSE 0\.1000 ETA/);
    expect(s.text()).toContain('MSE 0.1235');
    expect(s.text().endsWith('Epoch 1/3: done\n')).toBe(true);
  });

  it("createProgress('auto') writes plain lines (about every 10 % of an epoch) when not a TTY", () => {
    const s = sink(false);
    const p = createProgress('auto', s.stream);
    for (let b = 0; b < 20; b++) p.batch(2, 5, b, 20, { MSE: 1 / (b + 1) });
    expect(s.text()).not.toContain('\r');
    const lines = s.text().trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toMatch(/^epoch 2\/5 batch 20\/20 MSE 0\.0500 eta 0s$/);
  });
});

describe('rSquared', () => {
  it('rSquared = 1 − mse / unbiased variance of all values', () => {
    const data = new Float32Array([1, 2, 3, 4]);
    expect(unbiasedVariance(data)).toBeCloseTo(5 / 3, 12);
    expect(rSquared(0.5, data)).toBeCloseTo(1 - 0.5 / (5 / 3), 12);
  });
});
