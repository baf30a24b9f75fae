import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** The moderation inbox (PWA), served by the API process at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { '@chorus/shared': fileURLToPath(new URL('../../libs/shared/src/index.ts', import.meta.url)) } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist/app', emptyOutDir: true, sourcemap: true },
});
