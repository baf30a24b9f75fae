import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** The embeddable `<chorus-comments>` widget: one self-contained script, served as `/widget.js`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    lib: { entry: fileURLToPath(new URL('src/widget/index.ts', import.meta.url)), formats: ['iife'], name: 'ChorusWidget', fileName: () => 'widget.js' },
  },
});
