throw new Error('@curv/kmeans is ESM-only: use import');
