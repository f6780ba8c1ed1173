import type { Choices } from '@coreitsm/protocol';
import { gatedPurposes, isAllowed } from './gated-purposes.js';

export const GATED_IFRAMES = 'iframe[data-consent][data-src]';

/**
 * Loads every gated `<iframe data-consent data-src>` whose purposes are granted (it is shown and
 * its placeholder removed); returns the still-blocked ones so the caller can place placeholders.
 */
export function releaseIframes(root: ParentNode, choices: Choices): HTMLIFrameElement[] {
  const blocked: HTMLIFrameElement[] = [];
  for (const frame of root.querySelectorAll<HTMLIFrameElement>(GATED_IFRAMES)) {
    if (!isAllowed(gatedPurposes(frame), choices)) {
      // Revoked after it loaded: unload it, so it stops running (and tracking) at once.
      if (frame.getAttribute('src')) frame.src = 'about:blank';
      frame.hidden = true;
      blocked.push(frame);
      continue;
    }
    const src = frame.getAttribute('data-src');
    if (src && frame.getAttribute('src') !== src) frame.src = src;
    frame.hidden = false;
    const placeholder = frame.previousElementSibling;
    if (placeholder?.localName === 'coreconsent-placeholder') placeholder.remove();
  }
  return blocked;
}
