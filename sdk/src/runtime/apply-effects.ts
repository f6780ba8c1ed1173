import type { Choices, Service } from '@coreitsm/protocol';
import type { ConsentState } from '../core/types.js';
import { deleteRevokedCookies } from '../gating/cookies.js';
import { applyState } from './apply-state.js';

export { applyGating } from './apply-state.js';

/**
 * Puts a state into effect on the page (apply-state.ts) and deletes the cookies of the purposes
 * revoked since `previous` (declared on the page or in the site configuration). Returns the
 * blocked iframes (the caller places placeholders once strings are loaded).
 */
export function applyEffects(
  doc: Document,
  previous: Choices | null,
  state: ConsentState,
  /** The site configuration's services: their cookies go with their purpose, like `data-cookies`. */
  services?: readonly Service[],
): HTMLIFrameElement[] {
  if (previous) deleteRevokedCookies(doc, previous, state.choices, services);
  return applyState(doc, state);
}
