import { CurvInputError } from '../errors.js';
import { DTYPE_BYTES, decodeToFloat32, isSupportedDType, type SafetensorsDType } from './dtype.js';

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
/** Largest tensor rank accepted. */
const MAX_RANK = 8;
/** Largest safetensors file `readSafetensors` reads (2 GiB); bigger files are refused before reading. */
export const MAX_SAFETENSORS_BYTES = 2 * 1024 ** 3;

/** A short, bounded rendering of a header value for error messages. */
function preview(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

/**
 * Parse safetensors bytes. Every header entry is checked (dtype, shape, byte range inside the file,
 * no two tensors sharing bytes) before any tensor is decoded, so memory use is bounded by about
 * twice the input size. `source` names the file in error messages.
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
  // Validate every entry (dtype, shape, byte range inside the file, no overlaps) before decoding
  // anything, so that the memory used is bounded by the file size whatever the header declares.
  const entries: Array<{
    name: string;
    shape: number[];
    dtype: SafetensorsDType;
    begin: number;
    end: number;
  }> = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        throw fail('bad safetensors header: __metadata__ must be an object of strings');
      }
      for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof v !== 'string') throw fail(`bad safetensors header: __metadata__.${k} is not a string`);
      }
      metadata = { ...(entry as Record<string, string>) };
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (!e || typeof e !== 'object' || Array.isArray(e))
      throw fail(`tensor '${name}': header entry is not an object`);
    if (!isSupportedDType(e.dtype)) {
      throw fail(`tensor '${name}': unsupported dtype ${preview(e.dtype)} (expected F32, F64, F16 or BF16)`);
    }
    if (
      !Array.isArray(e.shape) ||
      e.shape.length > MAX_RANK ||
      !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0)
    ) {
      throw fail(`tensor '${name}': shape must be an array of at most ${MAX_RANK} non-negative integers`);
    }
    const offs = e.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw fail(`tensor '${name}': data_offsets must be [begin, end]`);
    }
    const [begin, end] = offs as [number, number];
    if (end < begin || end > dataLen) {
      throw fail(
        `tensor '${name}': data_offsets [${begin}, ${end}] out of range (data section has ${dataLen} bytes)`,
      );
    }
    // The byte count, computed without losing precision (a shape whose product exceeds 2^53
    // cannot match any byte span).
    const width = DTYPE_BYTES[e.dtype];
    let bytesNeeded = width;
    for (const d of e.shape as number[]) {
      bytesNeeded *= d;
      if (bytesNeeded > Number.MAX_SAFE_INTEGER) break;
    }
    if (bytesNeeded !== end - begin) {
      const needs = bytesNeeded > Number.MAX_SAFE_INTEGER ? 'more than 2^53' : `${bytesNeeded}`;
      throw fail(
        `tensor '${name}': data_offsets span ${end - begin} bytes but shape [${e.shape}] of ${e.dtype} needs ${needs}`,
      );
    }
    entries.push({ name, shape: [...(e.shape as number[])], dtype: e.dtype, begin, end });
  }
  const byBegin = entries.filter((t) => t.end > t.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < byBegin.length; i++) {
    const a = byBegin[i - 1];
    const b = byBegin[i];
    if (b.begin < a.end) {
      throw fail(
        `tensors '${a.name}' [${a.begin}, ${a.end}] and '${b.name}' [${b.begin}, ${b.end}] have overlapping data_offsets`,
      );
    }
  }
  const tensors: Record<string, NamedTensor> = {};
  for (const t of entries) {
    const count = (t.end - t.begin) / DTYPE_BYTES[t.dtype];
    tensors[t.name] = { shape: t.shape, data: decodeToFloat32(view, dataStart + t.begin, count, t.dtype) };
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
