import type { NamedTensor } from './read.js';

/**
 * Serialise float32 tensors as safetensors bytes (dtype F32, keys sorted, header padded with spaces
 * to an 8-byte boundary so the data section is aligned).
 */
export function encodeSafetensors(
  tensors: Record<string, NamedTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) {
      throw new Error(
        `encodeSafetensors: tensor '${name}' has ${t.data.length} values but shape [${t.shape}]`,
      );
    }
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
  }
  let json = JSON.stringify(header);
  const pad = (8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8;
  json += ' '.repeat(pad);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let p = 8 + headerBytes.length;
  for (const name of names) {
    const d = tensors[name].data;
    for (let i = 0; i < d.length; i++, p += 4) view.setFloat32(p, d[i], true);
  }
  return out;
}
