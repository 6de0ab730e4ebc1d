throw new Error('@curv/manifold-learning is ESM-only: use import');
