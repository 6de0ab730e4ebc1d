import * as d3 from 'd3';
import { PlotInputError } from './errors.js';
import { finiteExtent, requireLength } from './input.js';
import { gridTriangles } from './projection.js';
import { safeDomain } from './scales.js';
import type { Surface3dData } from './surface3d.js';
import { type ColormapName, colormap, rgbBytes } from './theme.js';

/**
 * ASCII PLY mesh of an embedded grid (SPEC §13 Step 5: "export the mesh with vertex colours"): the nu·nv
 * vertices (vertex (i, j) = row i·nv + j) with RGB colours by height z (default viridis; the original uses jet),
 * and the 2(nu−1)(nv−1) triangles of {@link gridTriangles}. Opens in MeshLab, Blender, trimesh.
 *
 * ```ts
 * const ply = surfacePly({ nu: 2, nv: 2, vertices: [0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1] }); // 4 vertices, 2 faces
 * ```
 */
export function surfacePly(d: Surface3dData, options: { colormap?: ColormapName } = {}): string {
  const { nu, nv } = d;
  if (!Number.isInteger(nu) || !Number.isInteger(nv) || nu < 2 || nv < 2) {
    throw new PlotInputError(`surfacePly: grid ${nu}×${nv}; expected integers nu, nv ≥ 2`, 'nu');
  }
  const V = requireLength(d.vertices, nu * nv * 3, 'surfacePly: vertices (nu×nv×3)');
  const m = nu * nv;
  const [z0, z1] = safeDomain(finiteExtent(Array.from({ length: m }, (_, i) => V[3 * i + 2])));
  const cmap = colormap(options.colormap ?? 'viridis');
  const t = d3.scaleLinear().domain([z0, z1]).range([0, 1]).clamp(true);
  const tris = gridTriangles(nu, nv);
  const lines = [
    'ply',
    'format ascii 1.0',
    'comment curv embedded latent grid, coloured by height',
    `element vertex ${m}`,
    'property float x',
    'property float y',
    'property float z',
    'property uchar red',
    'property uchar green',
    'property uchar blue',
    `element face ${tris.length / 3}`,
    'property list uchar int vertex_indices',
    'end_header',
  ];
  for (let i = 0; i < m; i++) {
    const [r, g, b] = rgbBytes(cmap(t(V[3 * i + 2])));
    lines.push(`${V[3 * i]} ${V[3 * i + 1]} ${V[3 * i + 2]} ${r} ${g} ${b}`);
  }
  for (let f = 0; f < tris.length; f += 3) lines.push(`3 ${tris[f]} ${tris[f + 1]} ${tris[f + 2]}`);
  return `${lines.join('\n')}\n`;
}
