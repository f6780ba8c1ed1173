import { GATED_IFRAMES } from './release-iframes.js';
import { GATED_SCRIPTS } from './release-scripts.js';

/** Gated elements parsed after the first pass (script in `<head>`, content streamed in later). */
export function watchGatedElements(doc: Document, rerun: () => unknown): void {
  const selector = `${GATED_SCRIPTS},${GATED_IFRAMES}`;
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      for (const node of m.addedNodes) {
        if (node instanceof Element && (node.matches(selector) || node.querySelector(selector))) {
          rerun();
          return;
        }
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.addEventListener('DOMContentLoaded', () => rerun(), { once: true });
}
