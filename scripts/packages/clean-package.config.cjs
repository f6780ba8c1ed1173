// clean-package configuration shared by the published packages (protocol, sdk, server): `npm pack`
// and `npm publish` run it as `prepack` (and `postpack` restores package.json).
//
// Why: inside this repository each package's `exports` carry a `@coreitsm/source` condition
// (tsc's customConditions and tsx resolve sibling packages to their TypeScript sources, so no
// build is needed before type-checking or running tests) and test-only subpaths such as
// `@coreitsm/protocol/testing`. Neither ships: the published manifest keeps `types` first and
// `default`, pointing at `dist/` only.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');

const SOURCE_CONDITION = '@coreitsm/source';
/** Subpaths used by this repository's tests only; their files are left out by `files`. */
const TEST_ONLY_SUBPATHS = new Set(['./testing']);

/** @param {unknown} target */
function withoutSourceCondition(target) {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return target;
  return Object.fromEntries(
    Object.entries(target)
      .filter(([condition]) => condition !== SOURCE_CONDITION)
      .map(([condition, value]) => [condition, withoutSourceCondition(value)]),
  );
}

/** @param {Record<string, unknown>} exportsMap */
function publishedExports(exportsMap) {
  return Object.fromEntries(
    Object.entries(exportsMap)
      .filter(([subpath]) => !TEST_ONLY_SUBPATHS.has(subpath))
      .map(([subpath, target]) => [subpath, withoutSourceCondition(target)]),
  );
}

/** `sideEffects` may name source files (the repo resolves to them); the tarball has none. */
function publishedSideEffects(sideEffects) {
  return Array.isArray(sideEffects) ? sideEffects.filter((path) => !path.startsWith('./src/')) : sideEffects;
}

const manifest = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8'));

module.exports = {
  remove: ['clean-package', 'devDependencies'],
  replace: (pairs) => ({
    ...pairs,
    exports: publishedExports(manifest.exports),
    ...(manifest.sideEffects === undefined
      ? {}
      : { sideEffects: publishedSideEffects(manifest.sideEffects) }),
  }),
};
