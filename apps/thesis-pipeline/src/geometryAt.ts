import { batchTrace, curvatureDensity, smallDeterminant } from '@curv/geometry';
import { type CurvatureRoute, curvatureAndMetric } from '@curv/geometry-autograd';
import type { Autoencoder } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';

/** R, g, det g, tr g and R²√det g at a batch of latent points, as plain arrays (g row-major d×d per point). */
export interface PointGeometry {
  R: Float32Array;
  /** [n, d, d] row-major. */
  g: Float32Array;
  detg: Float32Array;
  /** tr g = ‖J‖²_F. */
  trg: Float32Array;
  /** R²√det g (det clamped at 0), the integrand of the curvature functional. */
  density: Float32Array;
  d: number;
}

/**
 * Scalar curvature and pull-back metric of an autoencoder's decoder Ψ (torus or Euclidean latent) at latent
 * points `z` (row-major [n, d]), computed by @curv/geometry-autograd in chunks (route gauss | intrinsic | fd);
 * det g, tr g and R²√det g by the batched algebra of @curv/geometry.
 */
export function geometryAt(
  model: Pick<Autoencoder, 'latentDim' | 'decoder'>,
  z: ArrayLike<number>,
  options: { route?: CurvatureRoute; chunk?: number } = {},
): PointGeometry {
  const d = model.latentDim;
  const n = z.length / d;
  const chunk = options.chunk ?? 1024;
  const dec = model.decoder();
  const out = {
    R: new Float32Array(n),
    g: new Float32Array(n * d * d),
    detg: new Float32Array(n),
    trg: new Float32Array(n),
    density: new Float32Array(n),
  };
  const zz = Float32Array.from(z);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const parts = tf.tidy(() => {
      const { R, g } = curvatureAndMetric(dec, tf.tensor2d(zz.subarray(s * d, e * d), [e - s, d]), {
        route: options.route,
      });
      return [R, g, smallDeterminant(g), batchTrace(g), curvatureDensity(R, g)];
    });
    const [r, gm, det, tr, dens] = parts.map((t) => t.dataSync() as Float32Array);
    tf.dispose(parts);
    out.R.set(r, s);
    out.g.set(gm, s * d * d);
    out.detg.set(det, s);
    out.trg.set(tr, s);
    out.density.set(dens, s);
  }
  return { ...out, d };
}
