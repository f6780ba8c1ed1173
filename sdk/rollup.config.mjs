// Bundles tsc's output (dist/esm, built by `tsc -b` first) into the files a site serves:
//   coreconsent.js           the script tag (IIFE): config, core, IndexedDB, gating, signals, sync, bridge
//   coreconsent-ui.js        banner + preference center (Preact), loaded only when a prompt or the center is needed
//   coreconsent-lang-XX.js   one per language, only the visitor's is loaded
//   coreconsent-gpp.js       IAB GPP (__gpp, usnat), loaded only in US jurisdictions
//   coreconsent-export.js    the exporters behind CoreConsent.export()
//   coreconsent-placeholder.js  the in-context placeholder for blocked embeds
// The lazy files are ES modules loaded with import() from the loader's own URL.
import { readdirSync, rmSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// Start from a clean set of served files: a stale chunk from an older build must not be shipped or measured.
for (const file of readdirSync('dist', { withFileTypes: true })) {
  if (file.isFile() && file.name.startsWith('coreconsent')) rmSync(`dist/${file.name}`);
}

const LANGUAGES = ['en', 'pt-PT', 'es', 'fr', 'de'];
const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] });
const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2, unsafe_arrows: true },
    format: { comments: false },
  });

export default [
  {
    input: 'dist/esm/loader.js',
    output: { file: 'dist/coreconsent.js', format: 'iife', sourcemap: true },
    plugins: [resolve(), minify()],
  },
  {
    input: {
      'coreconsent-ui': 'dist/esm/ui/mount.js',
      'coreconsent-gpp': 'dist/esm/signals/gpp.js',
      'coreconsent-export': 'dist/esm/runtime/export-chunk.js',
      'coreconsent-placeholder': 'dist/esm/runtime/placeholders.js',
      ...Object.fromEntries(LANGUAGES.map((l) => [`coreconsent-lang-${l}`, `dist/esm/i18n/${l}.js`])),
    },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Code both the UI and the placeholder use (string filling); a stable name, so sites can list it.
      chunkFileNames: 'coreconsent-shared-[name].js',
      sourcemap: true,
    },
    preserveEntrySignatures: 'strict',
    plugins: [resolve(), minify()],
  },
];
