import type { GpcAtSite, ManagedSiteView, OptionalPurpose } from '@coreitsm/protocol';
import type { OutboxItem, StoredSite } from '../store/schemas.js';

/** One stored site as the popup shows it. */
export function toSiteView(
  site: StoredSite,
  recordCount: number,
  outbox: readonly OutboxItem[],
  gpc: GpcAtSite | null = null,
): ManagedSiteView {
  const queued = outbox.filter((item) => item.origin === site.origin);
  const lastError = queued.find((item) => item.lastError !== null)?.lastError ?? null;
  return {
    siteId: site.siteId,
    siteName: site.siteName ?? null,
    origin: site.origin,
    jurisdiction: site.jurisdiction,
    policyVersion: site.policyVersion,
    policyUrl: site.policyUrl,
    state: site.state,
    confirmedAt: site.confirmedAt,
    pendingRevocations: (Object.entries(site.pending) as [OptionalPurpose, { server: boolean }][])
      .filter(([, entry]) => !entry.server)
      .map(([purpose]) => purpose),
    recordCount,
    queuedForServer: queued.length,
    serverError: lastError,
    hasServer: site.api !== null && site.token !== null,
    apiChange: site.apiChange ? { from: site.api, to: site.apiChange.api } : null,
    trimmed: site.trimmed ?? null,
    gpc,
  };
}
