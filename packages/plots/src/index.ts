// Node entry of @curv/plots: everything of the browser entry plus the resvg PNG rasteriser (`toPng`),
// which is a native Node addon.
export * from './browser.js';
export { type PngOptions, toPng } from './png.js';
