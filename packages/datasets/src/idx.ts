import { gunzipSync } from 'node:zlib';
import { CurvInputError, readInputFile } from '@curv/core';

/** The contents of an IDX file (the MNIST container format). */
export interface IdxArray {
  /** Dimension sizes, e.g. [60000, 28, 28] for images, [60000] for labels. */
  dims: number[];
  /** Raw unsigned bytes, row-major. */
  data: Uint8Array;
}

/**
 * Parse IDX bytes (optionally gzipped). Format: two zero bytes, a type code (0x08 = unsigned
 * byte, the only type MNIST uses), the number of dimensions k, k big-endian uint32 sizes, then the
 * data. `expectDims` (the number of dimensions, 3 for images and 1 for labels) is checked.
 * Errors name `source` and say what was expected.
 */
export function parseIdx(bytes: Uint8Array, source: string, expectDims?: number): IdxArray {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new CurvInputError(`${source}: corrupt or truncated gzip data (${(e as Error).message})`, source);
    }
  }
  if (buf.length < 4) {
    throw new CurvInputError(
      `${source}: truncated IDX file (${buf.length} bytes, need at least a 4-byte header)`,
      source,
    );
  }
  if (buf[0] !== 0 || buf[1] !== 0 || buf[2] !== 0x08) {
    const magic = Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
    throw new CurvInputError(
      `${source}: not an unsigned-byte IDX file (magic 0x${magic}; expected 0x000008${(expectDims ?? 1)
        .toString(16)
        .padStart(2, '0')})`,
      source,
    );
  }
  const k = buf[3];
  if (expectDims !== undefined && k !== expectDims) {
    throw new CurvInputError(`${source}: IDX file has ${k} dimensions, expected ${expectDims}`, source);
  }
  if (buf.length < 4 + 4 * k) {
    throw new CurvInputError(`${source}: truncated IDX header (${buf.length} bytes)`, source);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < k; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * k;
  if (buf.length - start < count) {
    throw new CurvInputError(
      `${source}: truncated IDX file: header promises [${dims.join(', ')}] = ${count} bytes of data, found ${buf.length - start}`,
      source,
    );
  }
  return { dims, data: buf.subarray(start, start + count) };
}

/** Read an IDX file (plain or gzipped) from disk; see {@link parseIdx}. */
export function readIdx(path: string, expectDims?: number): IdxArray {
  return parseIdx(readInputFile(path, 'IDX file'), path, expectDims);
}
