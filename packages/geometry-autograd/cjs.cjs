throw new Error('@curv/geometry-autograd is ESM-only: use import');
