/** Orthographic view of 3-D points: azimuth around the z axis, then elevation above the xy plane (degrees). */
export interface View {
  azimuth: number;
  elevation: number;
}

/**
 * Project a point: rotate by azimuth a around z (x₁ = x cos a + y sin a, y₁ = −x sin a + y cos a), then look
 * from elevation e: screen x = x₁, screen up = y₁ sin e + z cos e, depth (distance from the viewer, larger =
 * farther) = y₁ cos e − z sin e. e = 90° looks straight down the z axis; e = 0 looks along +y₁.
 */
export function projectPoint(x: number, y: number, z: number, view: View): [number, number, number] {
  const a = (view.azimuth * Math.PI) / 180;
  const e = (view.elevation * Math.PI) / 180;
  const x1 = x * Math.cos(a) + y * Math.sin(a);
  const y1 = -x * Math.sin(a) + y * Math.cos(a);
  return [x1, y1 * Math.sin(e) + z * Math.cos(e), y1 * Math.cos(e) - z * Math.sin(e)];
}

/**
 * Triangles of a regular nu×nv vertex grid (vertex (i, j) has index i·nv + j): each quad
 * (i, j), (i+1, j), (i+1, j+1), (i, j+1) is split into two triangles — 2(nu−1)(nv−1) in all.
 */
export function gridTriangles(nu: number, nv: number): Uint32Array {
  const t = new Uint32Array(2 * (nu - 1) * (nv - 1) * 3);
  let p = 0;
  for (let i = 0; i + 1 < nu; i++) {
    for (let j = 0; j + 1 < nv; j++) {
      const a = i * nv + j;
      const b = (i + 1) * nv + j;
      const c = (i + 1) * nv + j + 1;
      const d = i * nv + j + 1;
      t.set([a, b, c, a, c, d], p);
      p += 6;
    }
  }
  return t;
}
