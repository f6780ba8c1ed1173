/**
 * The name a lazy file is served under, from its stable name (`coreconsent-banner.js`). The SDK's
 * build replaces this module (rollup.config.mjs, `servedFiles`) with the content-hashed names it
 * wrote (`coreconsent-banner.3fA9_k2Z.js`): those never change content, so a CDN and the browser
 * keep them for a year (`immutable`) while the script tag's `coreconsent.js` keeps its stable name
 * and is revalidated. tsc's output (the npm ESM entry, which imports its chunks by path) and the
 * unit tests use the stable names as they are. `dist/coreconsent-files.json` lists the mapping.
 */
export const servedFile = (file: string): string => file;
