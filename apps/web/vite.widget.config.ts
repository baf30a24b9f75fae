import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Escapes every non-ASCII character as `\uXXXX`, so the widget reads the same whatever charset
 * the host page (or a proxy) decodes the script with. All of them sit in string literals, where
 * the escape means the same character.
 */
function asciiOnly(): Plugin {
  return {
    name: 'chorus-widget-ascii-only',
    // After minification, which would turn the escapes back into characters.
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') output.code = output.code.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
      }
    },
  };
}

/** The embeddable `<chorus-comments>` widget: one self-contained, minified script, served as `/widget.js`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  resolve: { alias: { '@chorus/shared': fileURLToPath(new URL('../../libs/shared/src/index.ts', import.meta.url)) } },
  plugins: [asciiOnly()],
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: { entry: fileURLToPath(new URL('src/widget/index.ts', import.meta.url)), formats: ['iife'], name: 'ChorusWidget', fileName: () => 'widget.js' },
  },
});
