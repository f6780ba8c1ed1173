import type { ConsentState } from '../core/types.js';
import { releaseIframes } from '../gating/release-iframes.js';
import { releaseScripts } from '../gating/release-scripts.js';
import { pushConsentMode, pushDataLayerEvent } from '../signals/consent-mode.js';
import { usPrivacyString, writeUsPrivacyCookie } from '../signals/us-privacy.js';

/**
 * Puts a state into effect on the page: runs what is now allowed, blocks embeds that are not, and
 * updates Consent Mode, `dataLayer` and US Privacy. Deleting a revoked purpose's cookies is
 * apply-effects.ts's (the runtime's) or, before the runtime, a lazy file's (gating/cookies.ts):
 * the script tag never needs it before a decision. Returns the blocked iframes (the caller places
 * placeholders once strings are loaded).
 */
export function applyState(doc: Document, state: ConsentState): HTMLIFrameElement[] {
  const blocked = applyGating(doc, state);
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
