import { type Choices, JURISDICTION_RULES, type Jurisdiction } from '@coreitsm/protocol';
import { gpcCoveredPurposes } from './choices.js';
import type { AnyConsentRecord } from './types.js';

/**
 * Whether the SDK must record the GPC signal now (`method: "gpc"`). Once per situation, not per
 * page view: when no valid decision exists yet, or when the decision in force was made without the
 * signal and still grants what the signal covers. A choice made while the signal was on
 * (`gpc: true`) is the person's own and is kept — that is how "a later explicit choice is recorded
 * as such" survives reloads. Opt-in jurisdictions deny those purposes by default already.
 *
 * @param valid the latest record if it still decides for this page (same policy, not expired)
 */
export function needsGpcRecord(
  gpc: boolean,
  jurisdiction: Jurisdiction,
  valid: AnyConsentRecord | undefined,
): boolean {
  if (!gpc || JURISDICTION_RULES[jurisdiction].model === 'opt-in') return false;
  if (!valid) return true;
  if (valid.gpc) return false;
  return gpcCoveredPurposes(jurisdiction).some((p) => valid.choices[p] === 'granted');
}

/** Did the signal change anything here (for the "Opt-out preference signal honored" notice)? */
export function isGpcHonored(gpc: boolean, jurisdiction: Jurisdiction, choices: Choices): boolean {
  return gpc && gpcCoveredPurposes(jurisdiction).every((p) => choices[p] !== 'granted');
}
