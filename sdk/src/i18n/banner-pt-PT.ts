/** `coreconsent-banner-lang-pt-PT.js`: the banner's strings only (rollup drops the rest). */
export { banner as default } from './pt-PT.js';
