throw new Error('@curv/core is ESM-only: use import');
