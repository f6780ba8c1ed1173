/** `coreconsent-banner-lang-fr.js`: the banner's strings only (rollup drops the rest). */
export { banner as default } from './fr.js';
