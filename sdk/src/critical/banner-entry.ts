/**
 * `coreconsent-banner.js`: the banner in plain DOM and the raw-IndexedDB write behind its buttons.
 * Loaded by the critical path on a first visit (with nothing else), and by the full runtime
 * whenever it shows the banner — one file, so one banner per page.
 */
export { adoptStyles, bannerShown, hideBanner, showBanner, uiRoot } from '../ui/banner-dom.js';
export { writeDecision } from './write-decision.js';

export type BannerModule = typeof import('./banner-entry.js');
