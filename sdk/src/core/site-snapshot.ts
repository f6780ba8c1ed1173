import { type AnyConsentRecord, type SiteSnapshot, toSiteState } from '@coreitsm/protocol';
import type { SdkConfig } from './types.js';

/**
 * What the extension learns of this site (the bridge's `announce` and `snapshot` payload): the same
 * from the script tag's critical path (critical/announce.ts) and from the runtime. Pure, no zod.
 */
export function siteSnapshot(
  config: SdkConfig,
  subject: { subjectId: string; token: string | null } | null | undefined,
  latest: AnyConsentRecord | undefined | null,
  history: readonly AnyConsentRecord[],
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
  };
}
