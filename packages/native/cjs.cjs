throw new Error('@curv/native is ESM-only: use import');
