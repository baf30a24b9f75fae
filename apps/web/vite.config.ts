import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The moderation inbox (PWA), served by the API process at `/`. The service worker is a second
 * input emitted unhashed as `/sw.js`, because its scope is the directory it is served from.
 */
export default defineConfig({
  root: here('.'),
  resolve: { alias: { '@chorus/shared': here('../../libs/shared/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: { main: here('index.html'), sw: here('src/sw/sw.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
