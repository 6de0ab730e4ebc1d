throw new Error('@curv/schauder is ESM-only: use import');
