throw new Error('@curv/plots is ESM-only: use import');
