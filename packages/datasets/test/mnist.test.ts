import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CurvInputError, Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { bundledMnistRoot, createDatasets, loadMnist, mnistSubset, parseIdx } from '../src/index.js';

const OFFICIAL_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const OFFICIAL_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function counts(labels: Float32Array): number[] {
  const c = new Array(10).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

describe('loadMnist', () => {
  it('loadMnist() gives the 60 000 official training images with the official label counts', () => {
    const ds = loadMnist();
    expect(ds.shape).toEqual([60000, 784]);
    expect(ds.imageShape).toEqual([28, 28]);
    expect(counts(ds.labels)).toEqual(OFFICIAL_TRAIN_COUNTS);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 784 * 100; i++) {
      min = Math.min(min, ds.data[i]);
      max = Math.max(max, ds.data[i]);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(ds.labels[0]).toBe(5); // the famous first training digit
  });

  it("loadMnist({ part: 't10k' }) gives the 10 000 official test images", () => {
    const ds = loadMnist({ part: 't10k' });
    expect(ds.shape).toEqual([10000, 784]);
    expect(counts(ds.labels)).toEqual(OFFICIAL_TEST_COUNTS);
    expect(ds.labels[0]).toBe(7);
  });

  it('loadMnist({ dataRoot }) reads gzipped IDX files from another directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-mnist-'));
    const src = bundledMnistRoot();
    for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(src, f))));
    }
    const a = loadMnist({ dataRoot: dir, part: 't10k' });
    const b = loadMnist({ part: 't10k' });
    expect(a.shape).toEqual(b.shape);
    expect(a.data.subarray(0, 5000)).toEqual(b.data.subarray(0, 5000));
    expect(a.labels).toEqual(b.labels);
  });

  it('loadMnist({ dataRoot }) names the missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-mnist-empty-'));
    expect(() => loadMnist({ dataRoot: dir })).toThrow(CurvInputError);
    expect(() => loadMnist({ dataRoot: dir })).toThrow(/train-images-idx3-ubyte: MNIST file not found/);
  });

  it('loadMnist rejects a truncated images file, naming its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-mnist-trunc-'));
    const src = bundledMnistRoot();
    writeFileSync(
      join(dir, 't10k-images-idx3-ubyte'),
      readFileSync(join(src, 't10k-images-idx3-ubyte')).subarray(0, 5000),
    );
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), readFileSync(join(src, 't10k-labels-idx1-ubyte')));
    expect(() => loadMnist({ dataRoot: dir, part: 't10k' })).toThrow(
      new RegExp(`${dir}/t10k-images-idx3-ubyte: truncated IDX file`),
    );
  });
});

describe('parseIdx', () => {
  it('parseIdx rejects a wrong magic number and states the expected one', () => {
    const bytes = new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 7]);
    expect(() => parseIdx(bytes, 'x.idx', 1)).toThrow(
      /x.idx: not an unsigned-byte IDX file \(magic 0x00000d01; expected 0x00000801\)/,
    );
  });

  it('parseIdx rejects the wrong number of dimensions', () => {
    const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7]);
    expect(() => parseIdx(bytes, 'labels', 3)).toThrow(/labels: IDX file has 1 dimensions, expected 3/);
    expect(parseIdx(bytes, 'labels', 1)).toEqual({ dims: [1], data: new Uint8Array([7]) });
  });

  it('parseIdx reports corrupt gzip data', () => {
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'bad.gz')).toThrow(
      /bad.gz: corrupt or truncated gzip/,
    );
  });
});

describe('mnistSubset', () => {
  it('mnistSubset keeps numPointsPerLabel images of each selected label, shuffled, seeded', () => {
    const train = loadMnist();
    const a = mnistSubset(train, { selectedLabels: [0, 1, 2], numPointsPerLabel: 300 }, new Random(3));
    const b = mnistSubset(train, { selectedLabels: [0, 1, 2], numPointsPerLabel: 300 }, new Random(3));
    expect(a.shape).toEqual([900, 784]);
    expect(counts(a.labels).slice(0, 4)).toEqual([300, 300, 300, 0]);
    expect(a.labels).toEqual(b.labels);
    expect(a.data).toEqual(b.data);
    // concatenation was permuted: the first 300 are not all zeros
    expect(new Set(a.labels.subarray(0, 300)).size).toBe(3);
  });

  it('mnistSubset rejects more points per label than exist', () => {
    const test = loadMnist({ part: 't10k' });
    expect(() => mnistSubset(test, { selectedLabels: [5], numPointsPerLabel: 900 }, new Random(0))).toThrow(
      /num_points_per_label: 900 requested but label 5 has only 892/,
    );
  });

  it("createDatasets({ name: 'MNIST_subset' }) splits 720/180 for 3 × 300 points", () => {
    const s = createDatasets(
      { name: 'MNIST_subset', selectedLabels: [0, 1, 2], numPointsPerLabel: 300 },
      { seed: 0 },
    );
    expect(s.train.shape).toEqual([720, 784]);
    expect(s.test.shape).toEqual([180, 784]);
    expect(s.officialTest?.shape).toEqual([10000, 784]);
  });
});
