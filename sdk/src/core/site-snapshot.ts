import { type AnyConsentRecord, type SiteSnapshot, toSiteState } from '@coreitsm/protocol';
import type { SdkConfig } from './types.js';

/**
 * What the extension learns of this site (the bridge's `announce` and `snapshot` payload): the same
 * from the script tag's critical path (critical/announce.ts) and from the runtime. Pure, no zod.
 * `kept`: the server's receipts the SDK keeps (already checked when read).
 */
export function siteSnapshot(
  config: SdkConfig,
  subject: { subjectId: string; token: string | null } | null | undefined,
  latest: AnyConsentRecord | undefined | null,
  history: readonly AnyConsentRecord[],
  kept: readonly { id: string; receipt: string }[] = [],
): SiteSnapshot {
  return {
    siteId: config.siteId,
    // The site configuration's name, which the extension shows (else the site id).
    ...(config.site?.siteName ? { siteName: config.site.siteName } : {}),
    origin: config.origin,
    policyVersion: config.policyVersion,
    policyUrl: config.policyUrl,
    jurisdiction: config.jurisdiction,
    api: config.api,
    subjectId: subject?.subjectId ?? null,
    token: subject?.token ?? null,
    state: latest ? toSiteState(latest) : null,
    history: history.slice(-1000),
    // The newest 1,000 (ids are time-ordered UUIDv7, and IndexedDB reads them in key order): the
    // history's own, as its bound says; the extension keeps those of the records it was sent.
    ...(kept.length > 0 && { receipts: Object.fromEntries(kept.slice(-1000).map((k) => [k.id, k.receipt])) }),
  };
}
