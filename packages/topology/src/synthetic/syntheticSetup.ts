import { CurvInputError, Random } from '@curv/core';

/** A synthetic experiment: a learnable 2-D cloud, a ground-truth cloud and the optimiser settings. */
export interface SyntheticSetup {
  /** 1, 2 or 3. */
  test: 1 | 2 | 3;
  title: string;
  /** Initial learnable points. */
  points: number[][];
  /** Ground-truth points whose diagram is the target. */
  target: number[][];
  steps: number;
  /** Adam learning rate. */
  lr: number;
  /** A frame of the cloud is kept every `saveEvery` steps. */
  saveEvery: number;
}

const uniformBox = (rng: Random, c: [number, number], count: number, half: number) =>
  Array.from({ length: count }, () => [c[0] + rng.uniformIn(-half, half), c[1] + rng.uniformIn(-half, half)]);

const clusters = (rng: Random, centres: [number, number][], sizes: number[], half: number) =>
  centres.flatMap((c, k) => uniformBox(rng, c, sizes[k], half));

/**
 * The three synthetic experiments of Topo-GEN, seeded:
 * 1. five clusters (64 points) learn the H0 diagram of three points [[5,5],[10,10],[20,6]] (15000 steps, lr 0.01);
 * 2. two clusters (64 points) learn the diagram of four clusters (128 points) (2500 steps, lr 0.05);
 * 3. two noisy segments (64 points) learn the diagram of 100 random points on a circle of radius 5
 *    (7500 steps, lr 0.1).
 *
 * ```ts
 * syntheticSetup(1).points.length; // 64
 * ```
 */
export function syntheticSetup(test: number, seed = 0): SyntheticSetup {
  const rng = new Random(seed);
  switch (test) {
    case 1:
      return {
        test: 1,
        title: 'Five clusters learn three',
        target: [
          [5, 5],
          [10, 10],
          [20, 6],
        ],
        points: clusters(
          rng,
          [
            [0, 0],
            [10, 0],
            [0, 20],
            [30, 30],
            [10, -25],
          ],
          [10, 10, 10, 10, 24],
          0.5,
        ),
        steps: 15000,
        lr: 0.01,
        saveEvery: 50,
      };
    case 2:
      return {
        test: 2,
        title: 'Two clusters learn four',
        target: clusters(
          rng,
          [
            [0, 0],
            [10, 0],
            [-5, 4],
            [8, 13],
          ],
          [30, 20, 30, 48],
          0.3,
        ),
        points: clusters(
          rng,
          [
            [0, 0],
            [10, 5],
          ],
          [30, 34],
          0.4,
        ),
        steps: 2500,
        lr: 0.05,
        saveEvery: 25,
      };
    case 3: {
      // 100 uniformly random points on the circle of radius 5
      const target = Array.from({ length: 100 }, () => {
        const a = rng.uniformIn(0, 2 * Math.PI);
        return [5 * Math.cos(a), 5 * Math.sin(a)];
      });
      const u = () => rng.uniformIn(-0.1, 0.1);
      const left = Array.from({ length: 32 }, (_, i) => [u(), 0.7 * i + u()]);
      const right = Array.from({ length: 32 }, (_, i) => [0.2 * i + u() + 5, 0.9 * i + u()]);
      return {
        test: 3,
        title: 'Two segments learn a circle',
        target,
        points: [...left, ...right],
        steps: 7500,
        lr: 0.1,
        saveEvery: 50,
      };
    }
    default:
      throw new CurvInputError(`test ${test}: expected 1, 2 or 3`, 'test');
  }
}
