import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@curv/core';
import { torusGrid } from '@curv/geometry';
import { curvatureAndMetric } from '@curv/geometry-autograd';
import { disposeDecoder, sinMlpDecoder } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../scripts/lib/browserBundle.js';
import { browserPackages } from '../../scripts/lib/packages.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

describe('browser bundles', () => {
  // Every publishable package that is not marked `"curv": { "nodeOnly": … }` must bundle with
  // platform 'browser': a `node:` import anywhere in its graph is a build error.
  for (const p of browserPackages()) {
    it(`${p.manifest.name} bundles for the browser with no Node built-ins`, async () => {
      const code = await bundleForBrowser(`export * from '${p.manifest.name}';`);
      expect(code.length).toBeGreaterThan(100);
      expect(code).not.toMatch(/from\s*["']node:/);
    });
  }
});

describe('curvature, a geodesic and a figure in headless Chromium', () => {
  if (!haveChromium && process.env.CI) {
    it('needs Chromium at /usr/bin/chromium on CI', () => {
      throw new Error(`${CHROMIUM} is missing: install it in CI (apt-get install -y chromium)`);
    });
    return;
  }
  it.skipIf(!haveChromium)(
    'the browser bundle computes the same curvature as Node, the sphere geodesic and draws the figures',
    async () => {
      const source = readFileSync(fileURLToPath(new URL('./page.ts', import.meta.url)), 'utf8');
      const code = await bundleForBrowser(source, fileURLToPath(new URL('.', import.meta.url)));
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      let result: Record<string, unknown>;
      const problems: string[] = [];
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        await page.setContent('<!doctype html><html><body></body></html>');
        await page.addScriptTag({ content: code, type: 'module' });
        await page.waitForFunction(() => (globalThis as { __curv?: unknown }).__curv !== undefined, null, {
          timeout: 90_000,
        });
        result = (await page.evaluate(() => (globalThis as { __curv?: unknown }).__curv)) as Record<
          string,
          unknown
        >;
      } finally {
        await browser.close();
      }
      expect(result.error).toBeUndefined();
      expect(problems).toEqual([]);
      expect(result.backend).toBe('cpu');
      // Unit sphere: R = 2 everywhere (finite-difference route for function decoders).
      for (const r of result.sphereR as number[]) expect(r).toBeCloseTo(2, 1);
      // Great-circle angle between the two latent points (latitude t, longitude p).
      const [t0, p0, t1, p1] = [0.2, -1, 0.7, 1.3];
      const angle = Math.acos(Math.sin(t0) * Math.sin(t1) + Math.cos(t0) * Math.cos(t1) * Math.cos(p1 - p0));
      expect(Math.abs((result.geodesicLength as number) - angle) / angle).toBeLessThan(0.01);
      // Exact jet curvature of the sin-MLP decoder: the browser bundle agrees with Node's run.
      await initBackend({ backend: 'cpu', log: null });
      const dec = sinMlpDecoder(0);
      const grid = torusGrid(6);
      const z = tf.tensor2d(grid.points, [36, 2]);
      const node = curvatureAndMetric(dec, z);
      const expected = Array.from(node.R.dataSync());
      tf.dispose([z, node.R, node.g]);
      disposeDecoder(dec);
      const got = result.decoderR as number[];
      expect(got).toHaveLength(36);
      expect(new Set(expected.map((v) => Math.sign(v))).size).toBeGreaterThan(1); // not a flat fixture
      for (let i = 0; i < 36; i++) expect(got[i]).toBeCloseTo(expected[i], 3);
      const figure = result.figure as {
        width: number;
        height: number;
        images: number;
        geodesicPaths: number;
      };
      expect(figure.width).toBeGreaterThan(100);
      expect(figure.height).toBeGreaterThan(100);
      expect(figure.images).toBe(1);
      expect(figure.geodesicPaths).toBeGreaterThan(0);
    },
  );
});
