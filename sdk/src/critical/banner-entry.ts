/**
 * The banner in plain DOM, as the rest of the SDK sees it. It is part of the script tag
 * (`coreconsent.js`, with the English strings): a first visit shows it without fetching anything,
 * and the full runtime is handed this same instance when it starts (runtime/full-entry.ts) — one
 * banner per page. The ESM entry (index.ts) imports it like any module.
 */
export { adoptStyles, bannerShown, hideBanner, showBanner, shownTexts, uiRoot } from '../ui/banner-dom.js';

export type BannerModule = typeof import('./banner-entry.js');
