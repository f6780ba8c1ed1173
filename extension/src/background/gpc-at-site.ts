import { type AnyConsentRecord, type GpcAtSite, JURISDICTION_RULES, type Purpose } from '@coreitsm/protocol';

/**
 * The purposes the GPC signal speaks for in a jurisdiction: marketing and sale/sharing where the
 * law is opt-out, marketing (off by default anyway) where it is opt-in — the SDK's own rule
 * (sdk/src/core/choices.ts `gpcCoveredPurposes`), which decides what it records when it sees GPC.
 */
export function gpcCoveredPurposes(jurisdiction: AnyConsentRecord['jurisdiction']): readonly Purpose[] {
  return JURISDICTION_RULES[jurisdiction].model === 'opt-in' ? ['marketing'] : ['sale_sharing', 'marketing'];
}

/** Whether a site honoured GPC, by one record (its newest): see `GPC_AT_SITE` in the protocol. */
export function gpcAtSite(record: AnyConsentRecord): GpcAtSite {
  if (!record.gpc) return 'not-seen';
  return gpcCoveredPurposes(record.jurisdiction).some((p) => record.choices[p] === 'granted')
    ? 'not-honoured'
    : 'honoured';
}
