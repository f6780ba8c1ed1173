import type { Choices, Service } from '@coreitsm/protocol';
import type { ConsentState } from '../core/types.js';
import { declaredCookies, deleteCookies, revokedPurposes } from '../gating/cookies.js';
import { releaseIframes } from '../gating/release-iframes.js';
import { releaseScripts } from '../gating/release-scripts.js';
import { pushConsentMode, pushDataLayerEvent } from '../signals/consent-mode.js';
import { usPrivacyString, writeUsPrivacyCookie } from '../signals/us-privacy.js';

/**
 * Puts a state into effect on the page: runs what is now allowed, blocks embeds that are not,
 * deletes the cookies of revoked purposes (declared on the page or in the site configuration), and updates Consent Mode, `dataLayer` and US Privacy.
 * Returns the blocked iframes (the caller places placeholders once strings are loaded).
 */
export function applyEffects(
  doc: Document,
  previous: Choices | null,
  state: ConsentState,
  /** The site configuration's services: their cookies go with their purpose, like `data-cookies`. */
  services?: readonly Service[],
): HTMLIFrameElement[] {
  const blocked = applyGating(doc, state);
  if (previous) {
    for (const purpose of revokedPurposes(previous, state.choices))
      deleteCookies(declaredCookies(doc, purpose, services), doc);
  }
  const win = doc.defaultView;
  if (win) pushConsentMode(win, 'update', state.choices);
  if (win) pushDataLayerEvent(win, state);
  if (state.jurisdiction === 'ccpa')
    writeUsPrivacyCookie(doc, usPrivacyString(state.jurisdiction, state.choices));
  return blocked;
}

/** Gating only: what may run runs, blocked embeds stay blocked. Cheap enough to re-run on DOM changes. */
export function applyGating(doc: Document, state: ConsentState): HTMLIFrameElement[] {
  releaseScripts(doc, state.choices);
  return releaseIframes(doc, state.choices);
}
