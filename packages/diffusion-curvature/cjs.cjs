throw new Error('@curv/diffusion-curvature is ESM-only: use import');
