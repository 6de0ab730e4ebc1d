import { readFileSync } from 'node:fs';
import { CurvInputError } from '@curv/core';
import { surface3d } from '@curv/plots';
import { gridMesh, meshToObj, meshToPly } from '@curv/schauder';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { StepDefinition } from '../step.js';

/**
 * Step 5: the embedded grid of Step 4 as a triangle mesh with per-vertex jet
 * colours of the height, exported as OBJ and PLY for any 3-D viewer, the data of the report's
 * interactive view, and a static render.
 */
export const step5: StepDefinition = {
  id: 5,
  name: 'mesh',
  title: 'mesh export and 3-D view',
  inputs: () => [FILES.embeddedGrid],
  params: () => ({}),
  async run(ctx) {
    const path = ctx.path(FILES.embeddedGrid);
    const emb = JSON.parse(readFileSync(path, 'utf8')) as { num: number; vertices: number[][][] };
    if (!Array.isArray(emb.vertices) || !Number.isInteger(emb.num)) {
      throw new CurvInputError(`${path}: expected { num, vertices: [num][num][3] }`, path);
    }
    const mesh = gridMesh(emb.vertices);
    ctx.writeFile(FILES.meshObj, meshToObj(mesh));
    ctx.writeFile(FILES.meshPly, meshToPly(mesh));
    const vertices = emb.vertices.flat(2);
    ctx.writeJson(FILES.meshView, {
      nu: emb.num,
      nv: emb.num,
      vertices,
      faces: Array.from(mesh.faces),
      colors: Array.from(mesh.colors),
      zMin: mesh.zMin,
      zMax: mesh.zMax,
    });
    saveFigure(
      ctx,
      FILES.figMesh,
      surface3d()
        .title(`Embedded grid of ${ctx.plan.name} (jet colours by height)`)
        .colormap('jet')
        .elevation(25)
        .azimuth(30)
        .edges(true)
        .colorLabel('Height')({ vertices, nu: emb.num, nv: emb.num }),
    );
    ctx.summary.vertices = mesh.positions.length / 3;
    ctx.summary.faces = mesh.faces.length / 3;
    ctx.summary.height_range = mesh.zMax - mesh.zMin;
  },
};
