// Runs inside headless Chromium, bundled by esbuild for the browser from the packages' browser entries:
// curvature of a decoder (exact jets and finite differences), a geodesic, and a figure in the page.
import { initBackend } from '@curv/core';
import { torusGrid } from '@curv/geometry';
import { curvatureAndMetric } from '@curv/geometry-autograd';
import { geodesicPlot, torusHeatmap } from '@curv/plots';
import { solveGeodesics } from '@curv/schauder';
import { sinMlpDecoder } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';

const out: Record<string, unknown> = {};
try {
  const info = await initBackend({ backend: 'cpu', log: null });
  out.backend = info.backend;
  // Unit sphere as a function decoder (chained tensor methods on purpose: they must be registered).
  const sphere = (z: tf.Tensor2D) =>
    tf.tidy(() => {
      const [t, p] = tf.split(z, 2, 1);
      return tf.concat([tf.cos(t).mul(tf.cos(p)), tf.cos(t).mul(tf.sin(p)), tf.sin(t)], 1) as tf.Tensor2D;
    });
  const zs = tf.tensor2d([
    [0.3, 0.5],
    [-0.4, 2],
  ]);
  const sph = curvatureAndMetric(sphere, zs);
  out.sphereR = Array.from(sph.R.dataSync());
  // Exact (jet) curvature of a sin-MLP decoder on a 6×6 torus grid → a heat map.
  const dec = sinMlpDecoder(0);
  const grid = torusGrid(6);
  const exact = curvatureAndMetric(dec, tf.tensor2d(grid.points, [36, 2]));
  out.decoderR = Array.from(exact.R.dataSync());
  const heat = torusHeatmap().title('scalar curvature')({ values: exact.R.dataSync(), n: 6 });
  // A geodesic on the sphere between two latent points.
  const geo = solveGeodesics({ decoder: sphere }, [[0.2, -1]], [[0.7, 1.3]], { steps: 300 });
  out.geodesicLength = geo.lengths[0];
  const path = geodesicPlot()({ curves: [{ points: geo.curve(0).flat(), kind: 'single' }] });
  document.body.innerHTML = `<div id="heat">${heat}</div><div id="geo">${path}</div>`;
  const svg = document.querySelector('#heat svg') as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  out.figure = {
    width: box.width,
    height: box.height,
    images: document.querySelectorAll('#heat svg image').length,
    geodesicPaths: document.querySelectorAll('#geo svg path').length,
  };
} catch (e) {
  out.error = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
}
(globalThis as unknown as { __curv: unknown }).__curv = out;
