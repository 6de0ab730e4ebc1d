import { Random } from '@curv/core';
import type { SequentialDecoder } from '@curv/geometry-autograd';
import { sinMlpDecoder } from '@curv/test-fixtures';

/**
 * A random-initialised TorusAE decoder 2 →(cos|sin) 4 → 256 → sin → 512 → sin → D (the 784-512-256-2
 * sin-MLP), PyTorch default init U(±1/√fan_in) from `Random(seed)` (`sinMlpDecoder` of the shared fixtures).
 */
export function randomSinMlpDecoder(
  seed = 0,
  D = 784,
  hidden: [number, number] = [256, 512],
  /** Multiplies the init range of the first layer (fc4): > 1 gives a sharper, more curved metric. */
  firstLayerGain = 1,
): SequentialDecoder {
  return sinMlpDecoder(seed, { sizes: [4, hidden[0], hidden[1], D], firstLayerGain });
}

export { disposeDecoder } from '@curv/test-fixtures';

/** `count` seeded (start, end) pairs uniform in [−π, π)². */
export function randomPairs(count: number, seed = 1): { starts: number[][]; ends: number[][] } {
  const rng = new Random(seed);
  const pt = () => [rng.uniformIn(-Math.PI, Math.PI), rng.uniformIn(-Math.PI, Math.PI)];
  const starts: number[][] = [];
  const ends: number[][] = [];
  for (let i = 0; i < count; i++) {
    starts.push(pt());
    ends.push(pt());
  }
  return { starts, ends };
}
