// Bundles tsc's output (dist/esm, built by `tsc -b` first) into the files a site serves
// (two builds: the IIFE script tag, and one ES build for every lazy file so shared code, zod and
// protocol above all, lands in one chunk, never twice):
//   coreconsent.js           the script tag (IIFE): the critical path (no zod, no idb): config check,
//                            stored decision → gating, Consent Mode, US Privacy; and the first
//                            visit's banner (plain DOM, with its English strings), so it shows with
//                            nothing fetched
//   coreconsent-full.js      the rest, loaded right after: zod-parsed storage, sync, bridge, API
//   coreconsent-ui.js        the preference center (Preact), and the banner's driver when the runtime shows it
//   coreconsent-lang-XX.js   one per language, only the visitor's is loaded (with the runtime or a placeholder)
//   coreconsent-banner-lang-XX.js  the banner's strings only, for a first visit in a language other than English
//   coreconsent-site.js      reads and checks the site configuration (data-coreconsent-config, data-config)
//   coreconsent-gpp.js       IAB GPP (__gpp, usnat), loaded only in US jurisdictions
//   coreconsent-export.js    the exporters behind CoreConsent.export()
//   coreconsent-placeholder.js  the in-context placeholder for blocked embeds
// The lazy files are ES modules loaded with import() from the loader's own URL, under
// content-hashed names (`coreconsent-ui.3fA9_k2Z.js`): a CDN may keep them for a year (immutable),
// and a release never mixes old and new chunks; `coreconsent.js` keeps its stable name (the script
// tag's). The names are listed in dist/coreconsent-files.json (stable name → served name). The
// builds run in order (banner, runtime, script tag) so each one knows the names of those before it.
import { readdirSync, rmSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// Start from a clean set of served files: a stale chunk from an older build must not be shipped or measured.
for (const file of readdirSync('dist', { withFileTypes: true })) {
  if (file.isFile() && file.name.startsWith('coreconsent')) rmSync(`dist/${file.name}`);
}

const LANGUAGES = ['en', 'pt-PT', 'es', 'fr', 'de'];
const inDependency = (id) => typeof id === 'string' && /[\\/]node_modules[\\/]/.test(id);
/** Warnings explained here are dropped, each for its reason; every other warning is printed in full. */
function onwarn(warning, warn) {
  // zod 4.6's own comments mention `@__PURE__` in prose (core/regexes.js, core/util.js); rollup drops those comments, the output is the same.
  if (warning.code === 'INVALID_ANNOTATION' && inDependency(warning.id)) return;
  // Import cycles inside zod and @iabgpp/cmpapi, which ES modules resolve; a cycle that involves our own code is still reported.
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every(inDependency)) return;
  warn(warning);
}
const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] });
const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2, unsafe_arrows: true },
    format: { comments: false },
  });

const pureProtocol = () => ({
  name: 'critical-path-pure-protocol',
  transform: (_code, id) => (/[\\/](protocol|zod)[\\/]/.test(id) ? { moduleSideEffects: false } : null),
});

/**
 * Stable name → served (content-hashed) name of every file the builds wrote so far, filled in build
 * order. `servedNames()` records a build's files and gives `src/served-file.ts` the names known so
 * far (the earlier builds'); a build's own lazy files are plain `import()`s rollup names itself.
 * The last build also writes the whole list as dist/coreconsent-files.json (for check-size, the
 * package test, and a site that wants to preload or list the files).
 */
const served = new Map();
const HASHED = /\.([A-Za-z0-9_-]{8})\.js$/;
/**
 * `load` gives `src/served-file.ts` the hashes of the files named by `loads` (a pattern of stable
 * names: only the files this build's code loads by URL, each hash ~8 incompressible bytes).
 */
const servedNames = ({ loads = /^$/, manifest = false } = {}) => ({
  name: 'served-names',
  load(id) {
    if (!/[\\/]served-file\.js$/.test(id)) return null;
    const hashes = {};
    for (const [stable, file] of served) if (loads.test(stable)) hashes[stable] = HASHED.exec(file)?.[1];
    return `const HASHES = ${JSON.stringify(hashes)};
export const servedFile = (file) => (HASHES[file] ? \`\${file.slice(0, -3)}.\${HASHES[file]}.js\` : file);
`;
  },
  generateBundle(_options, bundle) {
    for (const output of Object.values(bundle))
      if (output.type === 'chunk') served.set(output.fileName.replace(HASHED, '.js'), output.fileName);
    if (!manifest) return;
    const files = Object.fromEntries([...served].sort(([a], [b]) => a.localeCompare(b)));
    this.emitFile({
      type: 'asset',
      fileName: 'coreconsent-files.json',
      source: `${JSON.stringify(files, null, 2)}\n`,
    });
  },
});

// Order matters: see `servedNames`.
export default [
  // The banner's strings, one file per language but English (which is in the script tag): only
  // `banner` of each translation is imported, so the rest is dropped.
  {
    input: Object.fromEntries(
      LANGUAGES.filter((l) => l !== 'en').map((l) => [
        `coreconsent-banner-lang-${l}`,
        `dist/esm/i18n/banner-${l}.js`,
      ]),
    ),
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].[hash].js',
      chunkFileNames: 'coreconsent-banner-shared-[name].[hash].js',
      sourcemap: true,
    },
    onwarn,
    plugins: [resolve(), pureProtocol(), servedNames(), minify()],
  },
  // Two files the script tag loads only when it needs them, so neither a first visit nor a page
  // without a server pays for them: the state pull that decides whether a returning visit on a
  // `data-api` page needs the runtime (critical/runtime-due.ts), loaded after the stored decision
  // is in effect and never on a first visit; and cookie deletion after a revocation. (They share
  // nothing, so this build writes no shared chunk.)
  {
    input: {
      'coreconsent-due': 'dist/esm/critical/runtime-due.js',
      // Deleting a revoked purpose's cookies, before the runtime: only after a revocation (first-visit.ts).
      'coreconsent-cookies': 'dist/esm/gating/cookies.js',
    },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].[hash].js', sourcemap: true },
    onwarn,
    plugins: [resolve(), pureProtocol(), servedNames(), minify()],
  },
  // The announce to the companion extension before the runtime has loaded (critical/announce.ts),
  // fetched only on pages the extension has marked (protocol's EXTENSION_MARK): a build of its own,
  // so it shares no chunk with the state pull (both read the stored subject).
  {
    input: { 'coreconsent-announce': 'dist/esm/critical/announce.js' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].[hash].js', sourcemap: true },
    onwarn,
    plugins: [resolve(), pureProtocol(), servedNames(), minify()],
  },
  // The site configuration's reader and check, loaded only on pages that have one: a build of its
  // own, so the banner's build keeps its single file (the two share a few field rules, ~0.1 kB).
  {
    input: { 'coreconsent-site': 'dist/esm/config/site-config-entry.js' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].[hash].js', sourcemap: true },
    onwarn,
    plugins: [resolve(), pureProtocol(), servedNames(), minify()],
  },
  {
    input: {
      'coreconsent-full': 'dist/esm/runtime/full-entry.js',
      'coreconsent-ui': 'dist/esm/ui/mount.js',
      'coreconsent-gpp': 'dist/esm/signals/gpp.js',
      'coreconsent-export': 'dist/esm/runtime/export-chunk.js',
      'coreconsent-placeholder': 'dist/esm/runtime/placeholders.js',
      ...Object.fromEntries(LANGUAGES.map((l) => [`coreconsent-lang-${l}`, `dist/esm/i18n/${l}.js`])),
    },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].[hash].js',
      // Code several entries share (zod and protocol; string filling for the UI and the placeholder).
      chunkFileNames: 'coreconsent-shared-[name].[hash].js',
      sourcemap: true,
    },
    // An entry may export more than its own API (shared code for the chunks it loads itself, such
    // as the preference center): no facade file, no extra request.
    preserveEntrySignatures: 'allow-extension',
    onwarn,
    plugins: [resolve(), servedNames(), minify()],
  },
  {
    input: 'dist/esm/loader.js',
    output: { file: 'dist/coreconsent.js', format: 'iife', sourcemap: true },
    onwarn,
    // The critical path takes constants and pure functions from protocol, never a schema.
    // Protocol's entry is marked side-effectful only for zod's jitless setting, which this file
    // (no zod) does not need: here protocol's modules count as side-effect free, so nothing of
    // zod comes along. check-size.mjs fails if any zod reaches this file. (A transform hook,
    // because node-resolve's answer from package.json overrides the treeshake option.)
    // What the script tag loads by URL: the banner's strings (other than English), the runtime, the
    // UI (prefetched on US pages), the translations and the placeholder. Not the GPP, export or shared files
    // (the runtime imports those itself).
    plugins: [
      resolve(),
      pureProtocol(),
      servedNames({
        loads: /^coreconsent-(announce|banner-lang-.+|cookies|due|full|lang-.+|placeholder|site|ui)\.js$/,
        manifest: true,
      }),
      minify(),
    ],
  },
];
