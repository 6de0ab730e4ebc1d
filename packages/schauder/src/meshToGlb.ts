import type { Mesh } from './gridMesh.js';

const pad4 = (n: number) => (n + 3) & ~3;

/**
 * Binary glTF 2.0 (`.glb`) of a mesh: one triangle primitive with POSITION (float32 VEC3), COLOR_0
 * (normalised uint8 VEC4, the jet height colours) and uint32 indices, viewable in any glTF viewer
 * (three.js, Blender, <model-viewer>). Vertex order is the mesh's.
 *
 * ```ts
 * await writeFile('embedding.glb', meshToGlb(gridMesh(emb.vertices)));
 * ```
 */
export function meshToGlb(mesh: Mesh): Uint8Array {
  const V = mesh.positions.length / 3;
  const posBytes = V * 12;
  const colBytes = V * 4;
  const idxBytes = mesh.faces.length * 4;
  const posOff = 0;
  const colOff = pad4(posOff + posBytes);
  const idxOff = pad4(colOff + colBytes);
  const binLen = pad4(idxOff + idxBytes);
  const min = [0, 1, 2].map((k) => {
    let m = Number.POSITIVE_INFINITY;
    for (let v = 0; v < V; v++) m = Math.min(m, mesh.positions[3 * v + k]);
    return m;
  });
  const max = [0, 1, 2].map((k) => {
    let m = Number.NEGATIVE_INFINITY;
    for (let v = 0; v < V; v++) m = Math.max(m, mesh.positions[3 * v + k]);
    return m;
  });
  const gltf = {
    asset: { version: '2.0', generator: '@curv/schauder' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0, COLOR_0: 1 }, indices: 2, mode: 4 }] }],
    buffers: [{ byteLength: binLen }],
    bufferViews: [
      { buffer: 0, byteOffset: posOff, byteLength: posBytes, target: 34962 },
      { buffer: 0, byteOffset: colOff, byteLength: colBytes, target: 34962 },
      { buffer: 0, byteOffset: idxOff, byteLength: idxBytes, target: 34963 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count: V, type: 'VEC3', min, max },
      { bufferView: 1, componentType: 5121, normalized: true, count: V, type: 'VEC4' },
      { bufferView: 2, componentType: 5125, count: mesh.faces.length, type: 'SCALAR' },
    ],
  };
  let json = JSON.stringify(gltf);
  while (json.length % 4 !== 0) json += ' ';
  const jsonBytes = new TextEncoder().encode(json);
  const total = 12 + 8 + jsonBytes.length + 8 + binLen;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true); // 'glTF'
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonBytes.length, true);
  dv.setUint32(16, 0x4e4f534a, true); // 'JSON'
  out.set(jsonBytes, 20);
  const binStart = 20 + jsonBytes.length;
  dv.setUint32(binStart, binLen, true);
  dv.setUint32(binStart + 4, 0x004e4942, true); // 'BIN\0'
  const bin = binStart + 8;
  for (let i = 0; i < mesh.positions.length; i++)
    dv.setFloat32(bin + posOff + 4 * i, mesh.positions[i], true);
  out.set(mesh.colors, bin + colOff);
  for (let i = 0; i < mesh.faces.length; i++) dv.setUint32(bin + idxOff + 4 * i, mesh.faces[i], true);
  return out;
}
