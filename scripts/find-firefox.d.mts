/** Types for find-firefox.mjs (plain JS so `npm test` can run it without a build). */
export function findFirefox(): { path: string; source: string } | null;
export const FIREFOX_INSTALL_HINT: string;
