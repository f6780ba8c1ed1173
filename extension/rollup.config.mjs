// Bundles the compiled TypeScript (tsc -b → dist/tsc) into one IIFE per entry point for each
// browser. Content scripts cannot be ES modules, and one format for all keeps the two builds equal.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const entries = {
  background: 'dist/tsc/platform/background-main.js',
  content: 'dist/tsc/platform/content-main.js',
  'gpc-main': 'dist/tsc/gpc/gpc-main.js',
  popup: 'dist/tsc/platform/popup-main.js',
  options: 'dist/tsc/platform/options-main.js',
};

const configs = [];
for (const target of ['chrome', 'firefox']) {
  for (const [name, input] of Object.entries(entries)) {
    configs.push({
      input,
      output: { file: `dist/${target}/${name}.js`, format: 'iife', sourcemap: false },
      plugins: [
        nodeResolve({ browser: true }),
        // webextension-polyfill is a UMD/CommonJS module.
        commonjs(),
        // Mangle but keep it readable enough for store reviewers: no property mangling.
        terser({ format: { comments: false } }),
      ],
      onwarn(warning, warn) {
        // zod marks some code with /*#__PURE__*/ in spots rollup cannot use; harmless.
        if (warning.code === 'INVALID_ANNOTATION') return;
        // zod's core has an internal import cycle; it is resolved correctly.
        if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
          return;
        warn(warning);
      },
    });
  }
}
export default configs;
