import { CurvInputError } from '../errors.js';
import { DTYPE_BYTES, decodeToFloat32, isSupportedDType } from './dtype.js';

/** One tensor as plain data: row-major float32 values and a shape (PyTorch layout). */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** The contents of a safetensors file: tensors by name plus the optional `__metadata__` map. */
export interface Safetensors {
  tensors: Record<string, NamedTensor>;
  metadata: Record<string, string>;
}

const MAX_HEADER = 100 * 1024 * 1024;

/**
 * Parse safetensors bytes. `source` names the file in error messages.
 *
 * Layout: 8-byte little-endian header length N, N bytes of JSON
 * `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__? }`, then the raw
 * little-endian data (offsets relative to its start). F32 is read natively; F64, F16 and BF16 are
 * converted to float32.
 */
export function parseSafetensors(bytes: Uint8Array, source = '<buffer>'): Safetensors {
  const fail = (what: string) => new CurvInputError(`${source}: ${what}`, source);
  if (bytes.byteLength < 8)
    throw fail(`truncated safetensors file (${bytes.byteLength} bytes, need at least 8)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > MAX_HEADER || 8 + n > bytes.byteLength) {
    throw fail(`truncated safetensors file: header length ${n} exceeds file size ${bytes.byteLength}`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw fail(`bad safetensors header JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw fail('bad safetensors header: expected a JSON object');
  }
  const dataStart = 8 + n;
  const dataLen = bytes.byteLength - dataStart;
  const tensors: Record<string, NamedTensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!e || typeof e !== 'object') throw fail(`tensor '${name}': header entry is not an object`);
    if (!isSupportedDType(e.dtype)) {
      throw fail(
        `tensor '${name}': unsupported dtype ${JSON.stringify(e.dtype)} (expected F32, F64, F16 or BF16)`,
      );
    }
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw fail(`tensor '${name}': shape must be an array of non-negative integers`);
    }
    const offs = e.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isInteger(o) && o >= 0)) {
      throw fail(`tensor '${name}': data_offsets must be [begin, end]`);
    }
    const [begin, end] = offs as [number, number];
    const count = (e.shape as number[]).reduce((a, b) => a * b, 1);
    const expectedBytes = count * DTYPE_BYTES[e.dtype];
    if (end < begin || end > dataLen) {
      throw fail(
        `tensor '${name}': data_offsets [${begin}, ${end}] out of range (data section has ${dataLen} bytes)`,
      );
    }
    if (end - begin !== expectedBytes) {
      throw fail(
        `tensor '${name}': data_offsets span ${end - begin} bytes but shape [${e.shape}] of ${e.dtype} needs ${expectedBytes}`,
      );
    }
    tensors[name] = {
      shape: [...(e.shape as number[])],
      data: decodeToFloat32(view, dataStart + begin, count, e.dtype),
    };
  }
  return { tensors, metadata };
}

/**
 * Fetch tensor `name` and check its shape. Missing key or wrong shape is a {@link CurvInputError}
 * naming the file and the tensor.
 */
export function requireTensor(
  st: Safetensors,
  name: string,
  shape: number[],
  source = '<weights>',
): NamedTensor {
  const t = st.tensors[name];
  if (!t) {
    const have = Object.keys(st.tensors).sort().join(', ') || 'none';
    throw new CurvInputError(`${source}: missing tensor '${name}' (file has: ${have})`, source);
  }
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new CurvInputError(
      `${source}: tensor '${name}' has shape [${t.shape}], expected [${shape}]`,
      source,
    );
  }
  return t;
}
