/**
 * The SDK serves its lazy files under content-hashed names (`coreconsent-full.3fA9_k2Z.js`, listed in
 * sdk/dist/coreconsent-files.json); specs speak of them by their stable names.
 */
const HASH = /\.[A-Za-z0-9_-]{8}\.js$/;

/** `/consent/coreconsent-full.3fA9_k2Z.js` → `/consent/coreconsent-full.js` (a stable name as it is). */
export const stableName = (path: string): string => path.replace(HASH, '.js');

/** Matches the URL of the lazy file with that stable name (`coreconsent-full`), for `page.route`. */
export const sdkFileUrl = (stable: string): RegExp =>
  new RegExp(`/${stable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[A-Za-z0-9_-]{8}\\.js(?:$|[?#])`);
