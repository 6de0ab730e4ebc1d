import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { report } from '../src/index.js';
import { decodePng } from './helpers.js';
import { fixtureReport } from './reportFixture.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-output');
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !process.env.CI) {
  console.warn(
    `[@curv/plots] SKIPPING the headless-browser report test: ${CHROMIUM} not found (apt-get install chromium).`,
  );
}

/** Fraction of differing pixels between two equally sized screenshots. */
function pixelChange(a: Uint8Array, b: Uint8Array): number {
  const pa = decodePng(a);
  const pb = decodePng(b);
  expect([pa.width, pa.height]).toEqual([pb.width, pb.height]);
  let diff = 0;
  for (let i = 0; i < pa.rgba.length; i += 4) {
    if (
      Math.abs(pa.rgba[i] - pb.rgba[i]) +
        Math.abs(pa.rgba[i + 1] - pb.rgba[i + 1]) +
        Math.abs(pa.rgba[i + 2] - pb.rgba[i + 2]) >
      30
    )
      diff++;
  }
  return diff / (pa.rgba.length / 4);
}

describe('report in headless Chromium', () => {
  if (!haveChromium && process.env.CI) {
    it('needs Chromium at /usr/bin/chromium on CI', () => {
      throw new Error(
        `${CHROMIUM} is missing: install it in CI (apt-get install -y chromium) — the report browser test cannot run`,
      );
    });
    return;
  }

  it.skipIf(!haveChromium)(
    'report(fixture) opens from disk with no console error or network request, every figure visible, the 3-D view rotates on drag and zooms on wheel',
    async () => {
      mkdirSync(OUT, { recursive: true });
      const { input, figureCount } = fixtureReport();
      const file = join(OUT, 'report.html');
      writeFileSync(file, report(input));
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
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('request', (r) => {
          if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
        });
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

        const figures = page.locator('figure.figure > svg.curv-figure');
        expect(await figures.count()).toBe(figureCount);
        for (let i = 0; i < figureCount; i++) {
          const f = figures.nth(i);
          await f.scrollIntoViewIfNeeded();
          expect(await f.isVisible()).toBe(true);
          const box = await f.boundingBox();
          expect(box!.width).toBeGreaterThan(150);
          expect(box!.height).toBeGreaterThan(100);
        }

        const canvas = page.locator('canvas.surface-viewer');
        await canvas.scrollIntoViewIfNeeded();
        const before = await canvas.screenshot();
        const cb = (await canvas.boundingBox())!;
        const cx = cb.x + cb.width / 2;
        const cy = cb.y + cb.height / 2;
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + 60, cy + 20, { steps: 4 });
        await page.mouse.move(cx + 120, cy + 40, { steps: 4 });
        await page.mouse.up();
        const afterDrag = await canvas.screenshot();
        const state = await canvas.evaluate(
          (c) => (c as HTMLCanvasElement & { curvState: Record<string, number> }).curvState,
        );
        expect(state.azimuth).toBeCloseTo(30 + 120 * 0.5, 6);
        expect(state.elevation).toBeCloseTo(25 + 40 * 0.5, 6);
        expect(pixelChange(before, afterDrag)).toBeGreaterThan(0.02);

        await page.mouse.move(cx, cy);
        await page.mouse.wheel(0, -400);
        await page.waitForFunction(
          () =>
            (document.querySelector('canvas.surface-viewer') as unknown as { curvState: { zoom: number } })
              .curvState.zoom > 1.2,
        );
        const afterZoom = await canvas.screenshot();
        expect(pixelChange(afterDrag, afterZoom)).toBeGreaterThan(0.02);

        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
        expect(problems).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
