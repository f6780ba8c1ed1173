/**
 * `coreconsent-banner.js`: the banner in plain DOM (the raw-IndexedDB write behind its buttons is
 * in the script tag's file, critical/write-decision.ts, which already holds what it shares with it).
 * Loaded by the critical path on a first visit (with nothing else), and by the full runtime
 * whenever it shows the banner — one file, so one banner per page.
 */
export { adoptStyles, bannerShown, hideBanner, showBanner, shownTexts, uiRoot } from '../ui/banner-dom.js';

export type BannerModule = typeof import('./banner-entry.js');
