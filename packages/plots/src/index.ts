// Node entry of @curv/plots: everything of the browser entry plus the resvg PNG rasteriser (`toPng`),
// which is a native Node addon.
export * from './browser.js';
export { type GifOptions, toGif } from './gif.js';
export { type PngOptions, toPng, toRgba } from './png.js';
