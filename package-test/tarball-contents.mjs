// What may be in a published tarball: builds, bins, the admin console, docs. Never tests, test
// helpers, fixtures, TypeScript sources or build info (the issue that made these packages publishable
// found compiled tests and src/testing in the server's tarball).
const ALLOWED = {
  '@coreitsm/protocol': [/^dist\/.+\.(js|js\.map|d\.ts)$/],
  '@coreitsm/sdk': [
    // The script tag's stable file and its lazy files under content-hashed names, with their list.
    /^dist\/coreconsent(-[\w-]+\.[\w-]{8})?\.js(\.map)?$/,
    /^dist\/coreconsent-files\.json$/,
    /^dist\/esm\/.+\.(js|js\.map|d\.ts)$/,
  ],
  '@coreitsm/server': [
    /^bin\/coreconsent-server\.js$/,
    /^admin-console\/[\w-]+\.(html|css|js)$/,
    /^dist\/.+\.(js|js\.map|d\.ts)$/,
  ],
};
const EVERY_PACKAGE = [/^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/];
const NEVER =
  /(^|\/)(testing|fuzz|fixtures?|__tests__)\/|\.test\.|\.spec\.|(^|\/)test-[\w-]+\.|\.tsbuildinfo$|\.d\.ts\.map$/;

/** @param {string} name @param {string[]} files @returns {string[]} the files that should not be there */
export function unintendedFiles(name, files) {
  const allowed = [...EVERY_PACKAGE, ...(ALLOWED[name] ?? [])];
  return files.filter((file) => NEVER.test(file) || !allowed.some((pattern) => pattern.test(file)));
}
