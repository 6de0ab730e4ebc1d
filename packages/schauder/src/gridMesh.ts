import { CurvInputError } from '@curv/core';
import { jetColor } from './jetColor.js';

/**
 * A triangle mesh as plain data (for @curv/plots' interactive view and the OBJ/PLY/glTF writers).
 * Vertex v = i·num + j is grid node (i, j) (i = x index, one consistent order).
 */
export interface Mesh {
  /** `[V·3]` xyz. */
  positions: Float32Array;
  /** `[F·3]` vertex indices (0-based, counter-clockwise in the (i, j) parameter plane). */
  faces: Uint32Array;
  /** `[V·4]` RGBA 0–255: jet colormap of the height z normalised to [0, 1] over the mesh. */
  colors: Uint8Array;
  /** Heights z per vertex and their range. */
  heights: Float32Array;
  zMin: number;
  zMax: number;
}

/**
 * Triangulate an embedded `[num][num][3]` grid: each cell (i, j) gives the triangles
 * (v(i,j), v(i+1,j), v(i+1,j+1)) and (v(i,j), v(i+1,j+1), v(i,j+1)); vertices coloured by height with jet
 * .
 *
 * ```ts
 * const mesh = gridMesh(embedGrid(grid, lengths).vertices);
 * mesh.faces.length / 3; // 2 (num − 1)²
 * ```
 */
export function gridMesh(vertices: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): Mesh {
  const n = vertices.length;
  if (n < 2 || vertices.some((row) => row.length !== n || Array.from(row).some((p) => p.length !== 3))) {
    throw new CurvInputError('vertices: expected a square [num][num][3] array with num ≥ 2', 'vertices');
  }
  const V = n * n;
  const positions = new Float32Array(V * 3);
  const heights = new Float32Array(V);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = i * n + j;
      const p = vertices[i][j];
      positions.set([p[0], p[1], p[2]], v * 3);
      heights[v] = p[2];
    }
  }
  const faces = new Uint32Array((n - 1) * (n - 1) * 6);
  let f = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < n - 1; j++) {
      const a = i * n + j;
      const b = (i + 1) * n + j;
      const c = (i + 1) * n + j + 1;
      const d = i * n + j + 1;
      faces.set([a, b, c, a, c, d], f);
      f += 6;
    }
  }
  let zMin = Number.POSITIVE_INFINITY;
  let zMax = Number.NEGATIVE_INFINITY;
  for (const z of heights) {
    zMin = Math.min(zMin, z);
    zMax = Math.max(zMax, z);
  }
  const colors = new Uint8Array(V * 4);
  const range = zMax - zMin;
  for (let v = 0; v < V; v++) colors.set(jetColor(range > 0 ? (heights[v] - zMin) / range : 0.5), v * 4);
  return { positions, faces, colors, heights, zMin, zMax };
}
