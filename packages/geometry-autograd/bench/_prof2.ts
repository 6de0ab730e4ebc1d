import { initBackend } from '@curv/core';
import { benchmarks, aeStep } from './curvature.bench.js';
await initBackend({ backend: 'wasm' });
const b = benchmarks.find((x) => x.name === process.argv[2])!;
const ctx = (await b.setup!()) as never;
const lam = process.argv[2].includes('curv') ? 0.1 : 0;
for (let i = 0; i < 20; i++) aeStep(ctx, lam);
