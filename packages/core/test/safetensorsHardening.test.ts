import { describe, expect, it } from 'vitest';
import { encodeSafetensors, isInputError, parseSafetensors, Random } from '../src/index.js';

/** A safetensors file from a header object and a data section (independent of the writer). */
function handMade(header: unknown, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

/** Total float32 values of a parsed file. */
function floats(bytes: Uint8Array): number {
  const st = parseSafetensors(bytes, 'f.safetensors');
  return Object.values(st.tensors).reduce((s, t) => s + t.data.length, 0);
}

describe('safetensors reader: hostile headers', () => {
  it('refuses a shape whose byte count exceeds the data section before decoding anything', () => {
    // 80 KB of data, but the header claims a 20000 × 20000 tensor (1.6 GB).
    const bytes = handMade({ w: { dtype: 'F32', shape: [20000, 20000], data_offsets: [0, 80000] } }, 80000);
    expect(() => parseSafetensors(bytes, 'big.safetensors')).toThrow(
      /big\.safetensors: tensor 'w': data_offsets span 80000 bytes but shape \[20000,20000\] of F32 needs 1600000000/,
    );
  });

  it('refuses shapes whose element count overflows 2^53 (no silent wrap-around)', () => {
    const huge = 2 ** 40;
    const bytes = handMade({ w: { dtype: 'F32', shape: [huge, 1.5], data_offsets: [0, 0] } }, 0);
    expect(() => parseSafetensors(bytes)).toThrow(/shape must be an array/);
    const bytes2 = handMade({ w: { dtype: 'F32', shape: [huge, huge], data_offsets: [0, 0] } }, 0);
    expect(() => parseSafetensors(bytes2)).toThrow(/needs more than 2\^53/);
  });

  it('refuses overlapping data_offsets (two tensors sharing bytes would double the decoded size)', () => {
    const header = {
      a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
      b: { dtype: 'F32', shape: [4], data_offsets: [8, 24] },
    };
    expect(() => parseSafetensors(handMade(header, 24), 'o.safetensors')).toThrow(
      /o\.safetensors: tensors 'a' \[0, 16\] and 'b' \[8, 24\] have overlapping data_offsets/,
    );
    // The same header with adjacent ranges and an empty tensor in between is fine.
    const ok = {
      a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
      e: { dtype: 'F32', shape: [0], data_offsets: [16, 16] },
      b: { dtype: 'F32', shape: [2], data_offsets: [16, 24] },
    };
    expect(floats(handMade(ok, 24))).toBe(6);
  });

  it('refuses non-string metadata, non-integer offsets and ranks above 8', () => {
    expect(() => parseSafetensors(handMade({ __metadata__: { a: 1 } }, 0))).toThrow(
      /__metadata__\.a is not a string/,
    );
    expect(() =>
      parseSafetensors(handMade({ w: { dtype: 'F32', shape: [1], data_offsets: [0, 4.5] } }, 8)),
    ).toThrow(/data_offsets must be \[begin, end\]/);
    expect(() =>
      parseSafetensors(handMade({ w: { dtype: 'F32', shape: Array(9).fill(1), data_offsets: [0, 4] } }, 4)),
    ).toThrow(/at most 8/);
  });
});

describe('safetensors reader: fuzz (random mutations of a valid file)', () => {
  const rng = new Random(20261129);
  const valid = encodeSafetensors(
    {
      'fc1.weight': { shape: [6, 5], data: Float32Array.from({ length: 30 }, (_, i) => i / 7) },
      'fc1.bias': { shape: [6], data: new Float32Array(6).fill(0.5) },
      'fc2.weight': { shape: [3, 6], data: Float32Array.from({ length: 18 }, (_, i) => -i) },
    },
    { format: 'pt' },
  );
  const headerLen = Number(new DataView(valid.buffer).getBigUint64(0, true));
  const headerText = new TextDecoder().decode(valid.subarray(8, 8 + headerLen));
  const data = valid.subarray(8 + headerLen);

  /** Rebuild a file from mutated header text and the original data. */
  const withHeader = (text: string): Uint8Array => {
    const json = new TextEncoder().encode(text);
    const out = new Uint8Array(8 + json.length + data.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    out.set(data, 8 + json.length);
    return out;
  };
  const numbers = [0, 1, 2, 3, 5, 6, 30, 120, 1e5, 2 ** 31, 2 ** 53, -1, 0.5, 1e300];
  const mutations: Array<(b: Uint8Array) => Uint8Array> = [
    // flip random bytes anywhere (header length, JSON, data)
    (b) => {
      const c = b.slice();
      for (let k = 0; k <= rng.int(4); k++) c[rng.int(c.length)] ^= 1 << rng.int(8);
      return c;
    },
    // truncate
    (b) => b.slice(0, rng.int(b.length)),
    // replace one number of the header JSON by another (shapes and offsets)
    () => {
      const nums = [...headerText.matchAll(/\d+/g)];
      const m = nums[rng.int(nums.length)];
      const v = numbers[rng.int(numbers.length)];
      return withHeader(
        headerText.slice(0, m.index) + String(v) + headerText.slice((m.index ?? 0) + m[0].length),
      );
    },
    // append garbage to the data section
    (b) => {
      const c = new Uint8Array(b.length + rng.int(64));
      c.set(b);
      return c;
    },
  ];

  it('2000 mutated files: parse or a one-line CurvInputError; decoded floats never exceed the data bytes / 4', () => {
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = mutations[rng.int(mutations.length)](valid);
      try {
        const n = floats(bytes);
        expect(4 * n).toBeLessThanOrEqual(bytes.length);
        parsed++;
      } catch (e) {
        if (!isInputError(e)) throw e;
        expect((e as Error).message).not.toMatch(/\n/);
        refused++;
      }
    }
    // Both outcomes occur: the fuzzer exercises the accepting and the refusing paths.
    expect(parsed).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(500);
  });
});
