import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CurvInputError,
  encodeSafetensors,
  halfToFloat,
  parseSafetensors,
  readSafetensors,
  requireTensor,
  writeSafetensors,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'curv-st-'));

/** Build a safetensors file by hand from a header object and raw data bytes (independent of the writer). */
function handMade(header: unknown, data: Uint8Array, lengthOverride?: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(lengthOverride ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function f32bytes(values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  for (let i = 0; i < values.length; i++) v.setFloat32(4 * i, values[i], true);
  return b;
}

describe('safetensors', () => {
  it('writeSafetensors then readSafetensors round-trips names, shapes and values (PyTorch [out, in] layout kept)', () => {
    const path = join(dir, 'w.safetensors');
    const w = { shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) };
    const b = { shape: [3], data: new Float32Array([-0.5, 0.25, 1e-8]) };
    writeSafetensors(path, { 'fc1.weight': w, 'fc1.bias': b }, { format: 'pt' });
    const st = readSafetensors(path);
    expect(st.metadata).toEqual({ format: 'pt' });
    expect(st.tensors['fc1.weight'].shape).toEqual([3, 2]);
    expect([...st.tensors['fc1.weight'].data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...st.tensors['fc1.bias'].data]).toEqual([...b.data]);
  });

  it('encodeSafetensors aligns the data section to 8 bytes and matches the format byte for byte', () => {
    const bytes = encodeSafetensors({ a: { shape: [2], data: new Float32Array([1.5, -2]) } });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.a).toEqual({ dtype: 'F32', shape: [2], data_offsets: [0, 8] });
    expect([...bytes.subarray(8 + n)]).toEqual([...f32bytes([1.5, -2])]);
  });

  it('parseSafetensors converts F64, F16 and BF16 to float32', () => {
    const f64 = new Uint8Array(16);
    new DataView(f64.buffer).setFloat64(0, Math.PI, true);
    new DataView(f64.buffer).setFloat64(8, -1e-3, true);
    const f16 = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0x55, 0x35]); // 1, -2, 0.333...
    const bf16 = new Uint8Array([0x80, 0x3f, 0x49, 0x40]); // 1, 3.140625
    const data = new Uint8Array([...f64, ...f16, ...bf16]);
    const st = parseSafetensors(
      handMade(
        {
          d: { dtype: 'F64', shape: [2], data_offsets: [0, 16] },
          h: { dtype: 'F16', shape: [3], data_offsets: [16, 22] },
          b: { dtype: 'BF16', shape: [2], data_offsets: [22, 26] },
        },
        data,
      ),
    );
    expect(st.tensors.d.data[0]).toBeCloseTo(Math.PI, 6);
    expect(st.tensors.d.data[1]).toBeCloseTo(-1e-3, 9);
    expect([...st.tensors.h.data].slice(0, 2)).toEqual([1, -2]);
    expect(st.tensors.h.data[2]).toBeCloseTo(0.33325195, 6);
    expect([...st.tensors.b.data]).toEqual([1, 3.140625]);
    expect(halfToFloat(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['a truncated file', new Uint8Array([1, 2, 3]), /truncated safetensors file \(3 bytes/],
    [
      'a header longer than the file',
      handMade({}, new Uint8Array(0), 1000),
      /header length 1000 exceeds file size/,
    ],
    ['bad header JSON', handMade('{"a": [', new Uint8Array(0)), /bad safetensors header JSON/],
    [
      'an unknown dtype',
      handMade({ w: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)),
      /tensor 'w': unsupported dtype "I64"/,
    ],
    [
      'offsets out of range',
      handMade({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, new Uint8Array(8)),
      /tensor 'w': data_offsets \[0, 16\] out of range/,
    ],
    [
      'offsets that disagree with the shape',
      handMade({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)),
      /tensor 'w': data_offsets span 8 bytes but shape \[3\] of F32 needs 12/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`readSafetensors(file) with ${what} throws a CurvInputError naming the file`, () => {
      const path = join(dir, `bad-${what.replace(/\W+/g, '-')}.safetensors`);
      writeFileSync(path, bytes);
      let err: unknown;
      try {
        readSafetensors(path);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CurvInputError);
      expect((err as Error).message).toContain(path);
      expect((err as Error).message).toMatch(message);
    });
  }

  it('readSafetensors(missing) says there is no such file', () => {
    expect(() => readSafetensors(join(dir, 'nope.safetensors'))).toThrow(
      /nope\.safetensors: no such weights file/,
    );
  });

  it('requireTensor names the file and tensor for a missing key or a wrong shape', () => {
    const st = parseSafetensors(
      encodeSafetensors({ 'fc1.weight': { shape: [2, 2], data: new Float32Array(4) } }),
    );
    expect(() => requireTensor(st, 'fc2.weight', [2, 2], 'm.safetensors')).toThrow(
      /m\.safetensors: missing tensor 'fc2\.weight' \(file has: fc1\.weight\)/,
    );
    expect(() => requireTensor(st, 'fc1.weight', [2, 3], 'm.safetensors')).toThrow(
      /m\.safetensors: tensor 'fc1\.weight' has shape \[2,2\], expected \[2,3\]/,
    );
    expect(requireTensor(st, 'fc1.weight', [2, 2]).shape).toEqual([2, 2]);
  });

  it('writeSafetensors never leaves a partial file: the old file survives a failed write', () => {
    const path = join(dir, 'atomic.safetensors');
    writeSafetensors(path, { a: { shape: [1], data: new Float32Array([7]) } });
    const before = readFileSync(path);
    expect(() => writeSafetensors(path, { a: { shape: [2], data: new Float32Array([1]) } })).toThrow(
      /has 1 values/,
    );
    expect(readFileSync(path)).toEqual(before);
  });
});
