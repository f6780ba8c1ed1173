// The one import of the polyfill: `browser.*` with promises on Chrome and Firefox alike.
// Only files in platform/ may import this module.
import browser from 'webextension-polyfill';

export { browser };
