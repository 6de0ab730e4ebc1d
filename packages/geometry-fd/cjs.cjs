throw new Error('@curv/geometry-fd is ESM-only: use import');
