// File I/O of @curv/core (`@curv/core/node`): Node only. The main entry re-exports these for Node users.
export { writeFileAtomic, writeJsonAtomic } from './io/atomic.js';
export { readInputFile } from './io/readInputFile.js';
export { readSafetensors, writeSafetensors } from './safetensors/file.js';
