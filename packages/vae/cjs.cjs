throw new Error('@curv/vae is ESM-only: use import');
