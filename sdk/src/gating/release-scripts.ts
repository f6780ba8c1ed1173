import type { Choices } from '@coreitsm/protocol';
import { gatedPurposes, isAllowed } from './gated-purposes.js';

const RELEASED = 'data-consent-released';
export const GATED_SCRIPTS = 'script[type="text/plain"][data-consent]';

/**
 * Runs every gated `<script type="text/plain" data-consent>` whose purposes are granted, once,
 * in document order: a new `<script>` replaces nothing — it is inserted after the original, which
 * stays (inert) as the record of what was gated. External scripts keep their order (`async =
 * false`). A released script carries exactly the nonce its original carried, never the page's
 * `data-nonce` (issue 10, finding 4): lending it would let injected markup that the site's nonce
 * CSP stopped run as a gated tag. A site's gated inline tag carries the nonce itself; one that does
 * not is blocked by the browser, which says so on the console.
 */
export function releaseScripts(root: ParentNode, choices: Choices): number {
  let released = 0;
  for (const original of root.querySelectorAll<HTMLScriptElement>(GATED_SCRIPTS)) {
    if (original.hasAttribute(RELEASED) || !isAllowed(gatedPurposes(original), choices)) continue;
    original.setAttribute(RELEASED, '');
    const script = document.createElement('script');
    for (const { name, value } of original.attributes) {
      if (name === 'type' || name === 'data-src' || name === RELEASED) continue;
      script.setAttribute(name, value);
    }
    const type = original.getAttribute('data-type');
    if (type) script.type = type;
    // The IDL property: browsers hide the attribute's value once a CSP applies (happy-dom only has the attribute).
    const own = original.nonce || original.getAttribute('nonce');
    if (own) script.nonce = own;
    const src = original.getAttribute('data-src');
    if (src) {
      script.src = src;
      script.async = false;
    } else {
      script.textContent = original.textContent;
    }
    original.after(script);
    released++;
  }
  return released;
}
