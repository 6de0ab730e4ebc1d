throw new Error('@curv/topology is ESM-only: use import');
