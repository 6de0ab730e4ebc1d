throw new Error('@curv/datasets is ESM-only: use import');
