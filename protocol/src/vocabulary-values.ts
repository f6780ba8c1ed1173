/**
 * The vocabulary's values without zod: constants and pure rules. Split from vocabulary.ts (which
 * re-exports all of it, so imports do not change) so a bundle that needs only these — the SDK's
 * returning-visit critical path — does not carry the schemas: rollup must keep a zod factory
 * call that receives an array the bundle reads elsewhere.
 */

/**
 * Every purpose a choice can be about. `necessary` is always granted; `sale_sharing` and
 * `sensitive_limit` are the US opt-outs ("denied" = the person opted out).
 */
export const PURPOSES = [
  'necessary',
  'functional',
  'analytics',
  'marketing',
  'sale_sharing',
  'sensitive_limit',
] as const;
type PurposeValue = (typeof PURPOSES)[number];

/** Purposes a person can refuse (everything but `necessary`). */
export const OPTIONAL_PURPOSES = PURPOSES.filter(
  (p): p is Exclude<PurposeValue, 'necessary'> => p !== 'necessary',
);

export const CHOICE_VALUES = ['granted', 'denied'] as const;

export const JURISDICTIONS = ['gdpr', 'lgpd', 'pipeda', 'ccpa', 'none'] as const;
type JurisdictionValue = (typeof JURISDICTIONS)[number];

export const METHODS = [
  'accept-all',
  'reject-all',
  'preferences',
  'gpc',
  'api',
  'extension-revoke',
  'server-sync',
  'expiry',
] as const;

/** How a jurisdiction treats non-necessary purposes before the person chooses. */
export type ConsentModel = 'opt-in' | 'opt-out' | 'no-banner';

export interface JurisdictionRules {
  /** opt-in: off until granted; opt-out: on until refused; no-banner: nothing to ask. */
  readonly model: ConsentModel;
  /** The purposes a record in this jurisdiction carries, in display order. */
  readonly purposes: readonly PurposeValue[];
  /** Days a rights request may take before it is late (the statutory deadline). */
  readonly rightsResponseDays: number;
}

const EU_STYLE = ['necessary', 'functional', 'analytics', 'marketing'] as const;

/**
 * Defaults per jurisdiction. Sources: GDPR Art. 12(3) (one month, taken as 30 days),
 * CCPA §1798.130(a)(2) (45 days), LGPD Art. 19 (15 days), PIPEDA s. 8(3) (30 days).
 * `none` keeps the strictest common deadline (30 days) so a request is never silently open-ended.
 */
export const JURISDICTION_RULES: Readonly<Record<JurisdictionValue, JurisdictionRules>> = {
  gdpr: { model: 'opt-in', purposes: EU_STYLE, rightsResponseDays: 30 },
  lgpd: { model: 'opt-in', purposes: EU_STYLE, rightsResponseDays: 15 },
  pipeda: { model: 'opt-in', purposes: EU_STYLE, rightsResponseDays: 30 },
  ccpa: { model: 'opt-out', purposes: PURPOSES, rightsResponseDays: 45 },
  none: { model: 'no-banner', purposes: EU_STYLE, rightsResponseDays: 30 },
};

/** The purposes a record made in `jurisdiction` must carry — no more, no fewer. */
export function purposesFor(jurisdiction: JurisdictionValue): readonly PurposeValue[] {
  return JURISDICTION_RULES[jurisdiction].purposes;
}

/** The privacy-rights request kinds of CONTRACTS.md (`POST /v1/rights-requests`). */
export const RIGHTS_REQUEST_KINDS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'portability',
  'opt-out',
] as const;
