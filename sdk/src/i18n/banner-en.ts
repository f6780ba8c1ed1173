/** `coreconsent-banner-lang-en.js`: the banner's strings only (rollup drops the rest). */
export { banner as default } from './en.js';
