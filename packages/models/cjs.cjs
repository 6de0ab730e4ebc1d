throw new Error('@curv/models is ESM-only: use import');
