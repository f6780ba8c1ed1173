/** `coreconsent-banner-lang-es.js`: the banner's strings only (rollup drops the rest). */
export { banner as default } from './es.js';
