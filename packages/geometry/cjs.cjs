throw new Error('@curv/geometry is ESM-only: use import');
