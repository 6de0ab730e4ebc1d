/** Element types curv reads from safetensors files; all are converted to float32 on load. */
export type SafetensorsDType = 'F32' | 'F64' | 'F16' | 'BF16';

export const DTYPE_BYTES: Record<SafetensorsDType, number> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

export function isSupportedDType(d: unknown): d is SafetensorsDType {
  return typeof d === 'string' && d in DTYPE_BYTES;
}

/** IEEE 754 half precision → number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** Decode `count` little-endian values of `dtype` starting at `byteOffset` into float32. */
export function decodeToFloat32(
  view: DataView,
  byteOffset: number,
  count: number,
  dtype: SafetensorsDType,
): Float32Array {
  const out = new Float32Array(count);
  switch (dtype) {
    case 'F32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(byteOffset + 4 * i, true);
      break;
    case 'F64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(byteOffset + 8 * i, true);
      break;
    case 'F16':
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(byteOffset + 2 * i, true));
      break;
    case 'BF16': {
      const tmp = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        tmp.setUint32(0, view.getUint16(byteOffset + 2 * i, true) << 16, true);
        out[i] = tmp.getFloat32(0, true);
      }
      break;
    }
  }
  return out;
}
