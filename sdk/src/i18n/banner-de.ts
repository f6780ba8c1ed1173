/** `coreconsent-banner-lang-de.js`: the banner's strings only (rollup drops the rest). */
export { banner as default } from './de.js';
