import type { Choices } from '@coreitsm/protocol';
import type { CoreConsentApi } from './public-api.js';

/**
 * What the script tag's critical path hands to the rest of the SDK when that has loaded: the
 * database it opened, and what it already put into effect (so nothing is pushed twice).
 */
export interface CriticalHandoff {
  /** The connection the critical path opened or is still opening (rejects when IndexedDB fails). */
  db: Promise<IDBDatabase>;
  /** `performance.now()` after which the page stops waiting for IndexedDB (3 s after start). */
  deadline: number;
  /**
   * The state put into effect from the stored decision (checked by the zod-free record check),
   * Consent Mode `default` and `update` included; null when storage could not be read in time.
   */
  applied: { recordId: string | null; choices: Choices } | null;
  /**
   * Set when the critical path has already defined `window.CoreConsent` (its facade) and fired
   * `coreconsent:ready` (a first visit before the person acts): the runtime hands its API over
   * instead of doing either again, and leaves the declarative triggers to the facade.
   */
  attach?: (api: CoreConsentApi) => void;
}
