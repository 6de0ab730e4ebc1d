import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeSafetensors, initBackend, isInputError, parseSafetensors, Random } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIG_LIMITS,
  MAX_CONFIG_BYTES,
  MAX_CONFIG_KEYS,
  parseConfig,
  parseConfigYaml,
  TorusAE,
  validateConfig,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const QUICK = readFileSync(
  fileURLToPath(new URL('../../../apps/thesis-pipeline/configs/quick_curv.yaml', import.meta.url)),
  'utf8',
);
const quiet = { onWarning: () => {} };
/** quick_curv.yaml with one `key: value` line replaced. */
const withValue = (key: string, value: string) =>
  QUICK.replace(new RegExp(`(\\n\\s*${key}:)[^\\n]*`), `$1 ${value}`);

describe('config validation rejects what the code cannot honour', () => {
  it.each([
    ['num_moments', '9', /loss_settings\.num_moments: expected 2, 3 or 4/],
    ['num_moments', '1', /loss_settings\.num_moments: expected 2, 3 or 4/],
    ['split_ratio', '0', /data_loader_settings\.split_ratio: expected a number strictly between 0 and 1/],
    [
      'hidden_dims',
      '[200000, 200000]',
      /architecture\.hidden_dims: hidden size 200000 \(entry 0\) exceeds the limit 65536/,
    ],
    [
      'hidden_dims',
      '[60000, 60000]',
      /a 784-60000-60000-2 TorusAE has 7294680786 parameters, more than the limit 50000000/,
    ],
    ['latent_dim', '1000', /architecture\.latent_dim: 1000 exceeds the limit 64/],
    ['num_epochs', '1e9', /optimizer_settings\.num_epochs: 1000000000 exceeds the limit/],
    ['selected_labels', '[1, 1]', /expected distinct digits/],
    ['selected_labels', '[]', /expected at least one digit/],
    [
      'num_points_per_label',
      '6000',
      /dataset\.num_points_per_label: 6000 requested but the bundled MNIST training set has 5923 images of digit 0/,
    ],
  ])('%s: %s is refused naming the key', (key, value, message) => {
    expect(() => parseConfig(withValue(key, value), 'q.yaml', quiet)).toThrow(message);
  });

  it('the values the code honours are accepted (num_moments 2 and 3, split_ratio 0.5)', () => {
    expect(parseConfig(withValue('num_moments', '2'), 'q.yaml', quiet).loss_settings.num_moments).toBe(2);
    expect(
      parseConfig(withValue('split_ratio', '0.5'), 'q.yaml', quiet).data_loader_settings.split_ratio,
    ).toBe(0.5);
    expect(CONFIG_LIMITS.parameters).toBeGreaterThan(1068818);
  });

  it('a split that leaves no test sample is refused when the data are drawn, before any training', () => {
    expect(() => createDatasets({ name: 'Swissroll', n: 10, noise: 0 }, { splitRatio: 0.05 })).toThrow(
      /data_loader_settings\.split_ratio: 0\.05 of 10 samples leaves no test sample/,
    );
    expect(createDatasets({ name: 'Swissroll', n: 10, noise: 0 }, { splitRatio: 0.1 }).test.shape[0]).toBe(1);
  });

  it('Synthetic data: d > D and more than the data-size limit are refused', () => {
    const synth = (n: number, D: number, d: number) =>
      validateConfig(
        {
          architecture: { latent_dim: 2, hidden_dims: [4, 4] },
          dataset: { name: 'Synthetic', k: 2, n, D, d },
          experiment: { name: 's' },
        },
        's.yaml',
        quiet,
      );
    expect(synth(10, 5, 2).architecture.input_dim).toBe(5);
    expect(() => synth(10, 5, 6)).toThrow(/dataset\.d: intrinsic dimension 6 exceeds D = 5/);
    expect(() => synth(1e6, 200, 2)).toThrow(/dataset\.D: the Synthetic data would have 400000000 values/);
  });
});

describe('config YAML parsing is bounded', () => {
  it('refuses a text above the size limit before parsing', () => {
    const big = `${QUICK}\n#${'x'.repeat(MAX_CONFIG_BYTES)}`;
    expect(() => parseConfigYaml(big, 'big.yaml')).toThrow(
      /big\.yaml: config file of \d+ characters exceeds/,
    );
  });

  it('refuses more than MAX_CONFIG_KEYS keys and repeated keys, in time linear in the text', () => {
    let many = 'architecture:\n';
    for (let i = 0; i <= MAX_CONFIG_KEYS; i++) many += `  k${i}: ${i}\n`;
    const t0 = performance.now();
    expect(() => parseConfigYaml(many, 'many.yaml')).toThrow(
      /many\.yaml: invalid YAML \(more than 10000 keys\)/,
    );
    // The yaml package's own duplicate-key check took ~7 s for 20 000 keys on this machine; the
    // linear path is well under a second. (Coarse bound: a quadratic path at 10 000 keys takes seconds.)
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(() => parseConfigYaml('a: 1\nb: 2\na: 3\n', 'dup.yaml')).toThrow(
      /dup\.yaml: invalid YAML \(map keys must be unique; 'a' is repeated\)/,
    );
    expect(parseConfigYaml('a: {x: 1}\nb: {x: 2}\n', 'ok.yaml')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it('refuses alias bombs', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(() => parseConfigYaml(bomb, 'bomb.yaml')).toThrow(/bomb\.yaml: invalid YAML \(.*alias/i);
  });
});

describe('config validator: fuzz (random mutations of a valid file)', () => {
  it('1000 mutated configs: a valid config or a one-line CurvInputError; accepted configs respect the limits', () => {
    const rng = new Random(7);
    const lines = QUICK.split('\n');
    const tokens = [
      '0',
      '-1',
      '9',
      '1e300',
      '.nan',
      '-.inf',
      'null',
      '[]',
      '{}',
      '[1, 2, 3]',
      'yes',
      "'..'",
      '""',
      '200000',
      '0.5',
      '[0, 0]',
    ];
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const l = lines.slice();
      for (let k = 0; k <= rng.int(3); k++) {
        const j = rng.int(l.length);
        const op = rng.int(4);
        if (op === 0) l.splice(j, 1);
        else if (op === 1) l.splice(j, 0, l[rng.int(l.length)]);
        else if (op === 2 && l[j].includes(':'))
          l[j] = `${l[j].slice(0, l[j].indexOf(':') + 1)} ${tokens[rng.int(tokens.length)]}`;
        else l[j] = l[j].slice(0, rng.int(l[j].length + 1));
      }
      try {
        const cfg = parseConfig(l.join('\n'), 'fuzz.yaml', quiet);
        accepted++;
        expect([2, 3, 4]).toContain(cfg.loss_settings.num_moments);
        expect(cfg.data_loader_settings.split_ratio).toBeGreaterThan(0);
        expect(cfg.data_loader_settings.split_ratio).toBeLessThan(1);
        expect(Number.isFinite(cfg.optimizer_settings.lr)).toBe(true);
        for (const h of cfg.architecture.hidden_dims) expect(h).toBeLessThanOrEqual(CONFIG_LIMITS.hiddenDim);
      } catch (e) {
        if (!isInputError(e)) throw e;
        expect((e as Error).message).not.toMatch(/\n/);
        refused++;
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe('TorusAE.fromSafetensors validates the whole state dict before allocating', () => {
  // Built once the backend is up (importing @curv/core no longer starts one).
  let tensors: ReturnType<TorusAE['toTensors']>;
  let smallParameters = 0;
  beforeAll(() => {
    const small = new TorusAE({ inputDim: 5, hidden: [7, 6], seed: 1 });
    tensors = small.toTensors();
    smallParameters = small.parameterCount();
    small.dispose();
  });

  it('a header declaring fc2.weight [H, 1] (h2 = H) with fc1.bias missing is refused without building an H×H layer', () => {
    const H = 20000;
    const bytes = encodeSafetensors({
      'fc1.weight': { shape: [H, 1], data: new Float32Array(H) },
      'fc2.weight': { shape: [H, 1], data: new Float32Array(H) },
      'fc3.weight': { shape: [2, H], data: new Float32Array(2 * H) },
    });
    const st = parseSafetensors(bytes, 'amp.safetensors');
    const before = process.memoryUsage().rss;
    expect(() => TorusAE.fromSafetensors(st, 'amp.safetensors')).toThrow(
      /amp\.safetensors: missing tensor 'fc1\.bias'/,
    );
    // H×H float32 would be 1.6 GB; nothing of that order was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses NaN and ±Inf weights naming the tensor and index', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const t = structuredClone(tensors);
      t['fc5.weight'].data[3] = bad;
      expect(() => TorusAE.fromSafetensors(parseSafetensors(encodeSafetensors(t)), 'w.safetensors')).toThrow(
        new RegExp(`w\\.safetensors: tensor 'fc5\\.weight' has a non-finite value ${bad} at index 3`),
      );
    }
    const ok = TorusAE.fromSafetensors(parseSafetensors(encodeSafetensors(tensors)), 'w.safetensors');
    expect(ok.parameterCount()).toBe(smallParameters);
    ok.dispose();
  });

  it('fuzz: 300 files with mutated shapes load or fail with an input error; loaded models never exceed the file size', () => {
    const rng = new Random(11);
    const valid = encodeSafetensors(tensors);
    const headerLen = Number(new DataView(valid.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(valid.subarray(8, 8 + headerLen));
    const data = valid.subarray(8 + headerLen);
    const sizes = ['0', '1', '2', '5', '6', '7', '12', '100000', '4294967296'];
    for (let i = 0; i < 300; i++) {
      const nums = [...header.matchAll(/\d+/g)];
      // One mutation of one number (shape entry or offset) per file.
      const m = nums[rng.int(nums.length)];
      const text =
        header.slice(0, m.index) + sizes[rng.int(sizes.length)] + header.slice((m.index ?? 0) + m[0].length);
      const json = new TextEncoder().encode(text);
      const bytes = new Uint8Array(8 + json.length + data.length);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
      bytes.set(json, 8);
      bytes.set(data, 8 + json.length);
      try {
        const ae = TorusAE.fromSafetensors(parseSafetensors(bytes, 'fuzz'), 'fuzz');
        expect(4 * ae.parameterCount()).toBeLessThanOrEqual(bytes.length);
        ae.dispose();
      } catch (e) {
        if (!isInputError(e)) throw e;
      }
    }
  });
});
