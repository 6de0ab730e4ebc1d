throw new Error('@curv/stats is ESM-only: use import');
