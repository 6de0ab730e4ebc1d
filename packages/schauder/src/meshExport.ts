import type { Mesh } from './gridMesh.js';

const fmt = (x: number) => Number(x.toPrecision(9)).toString();

/**
 * Wavefront OBJ text: `v x y z r g b` (vertex colours in [0, 1], the common extension read by MeshLab,
 * Blender and trimesh) and `f a b c` (1-based). Vertex order is the mesh's.
 */
export function meshToObj(mesh: Mesh): string {
  const lines: string[] = ['# curv embedded latent grid (vertex colours: jet of height)'];
  const V = mesh.positions.length / 3;
  for (let v = 0; v < V; v++) {
    const p = mesh.positions.subarray(v * 3, v * 3 + 3);
    const c = mesh.colors.subarray(v * 4, v * 4 + 3);
    lines.push(
      `v ${fmt(p[0])} ${fmt(p[1])} ${fmt(p[2])} ${fmt(c[0] / 255)} ${fmt(c[1] / 255)} ${fmt(c[2] / 255)}`,
    );
  }
  for (let f = 0; f < mesh.faces.length; f += 3) {
    lines.push(`f ${mesh.faces[f] + 1} ${mesh.faces[f + 1] + 1} ${mesh.faces[f + 2] + 1}`);
  }
  return `${lines.join('\n')}\n`;
}

/** ASCII PLY text with per-vertex RGBA (uchar) colours and triangle faces. Vertex order is the mesh's. */
export function meshToPly(mesh: Mesh): string {
  const V = mesh.positions.length / 3;
  const F = mesh.faces.length / 3;
  const lines: string[] = [
    'ply',
    'format ascii 1.0',
    'comment curv embedded latent grid (vertex colours: jet of height)',
    `element vertex ${V}`,
    'property float x',
    'property float y',
    'property float z',
    'property uchar red',
    'property uchar green',
    'property uchar blue',
    'property uchar alpha',
    `element face ${F}`,
    'property list uchar uint vertex_indices',
    'end_header',
  ];
  for (let v = 0; v < V; v++) {
    const p = mesh.positions.subarray(v * 3, v * 3 + 3);
    const c = mesh.colors.subarray(v * 4, v * 4 + 4);
    lines.push(`${fmt(p[0])} ${fmt(p[1])} ${fmt(p[2])} ${c[0]} ${c[1]} ${c[2]} ${c[3]}`);
  }
  for (let f = 0; f < mesh.faces.length; f += 3)
    lines.push(`3 ${mesh.faces[f]} ${mesh.faces[f + 1]} ${mesh.faces[f + 2]}`);
  return `${lines.join('\n')}\n`;
}
