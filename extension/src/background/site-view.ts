import type { GpcAtSite, ManagedSiteView, OptionalPurpose } from '@coreitsm/protocol';
import type { OutboxItem, StoredSite } from '../store/schemas.js';

/** Purposes revoked in the extension that the site's server has not stored yet (shown as pending). */
function pendingOf(site: StoredSite): OptionalPurpose[] {
  return (Object.entries(site.pending) as [OptionalPurpose, { server: boolean }][])
    .filter(([, entry]) => !entry.server)
    .map(([purpose]) => purpose);
}

/**
 * Whether a site may use the person's data for marketing or sell/share it (a pending revocation counts
 * as refused): the popup's summary line. One rule for the popup (on views) and the store (on rows).
 */
export function allowsSharing(site: Pick<ManagedSiteView, 'state' | 'pendingRevocations'>): boolean {
  const choices = site.state?.choices ?? {};
  return (['marketing', 'sale_sharing'] as const).some(
    (p) => choices[p] === 'granted' && !site.pendingRevocations.includes(p),
  );
}

/** `allowsSharing` of a stored site (written beside the row, so the store counts them by an index). */
export const storedSiteShares = (site: StoredSite): boolean =>
  allowsSharing({ state: site.state, pendingRevocations: pendingOf(site) });

/** The popup's list order: by site id, then origin, in code-unit order (an IndexedDB index's order). */
export const compareSiteOrder = (
  a: { siteId: string; origin: string },
  b: { siteId: string; origin: string },
): number =>
  a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;

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
    pendingRevocations: pendingOf(site),
    recordCount,
    queuedForServer: queued.length,
    serverError: lastError,
    hasServer: site.api !== null && site.token !== null,
    apiChange: site.apiChange ? { from: site.api, to: site.apiChange.api } : null,
    trimmed: site.trimmed ?? null,
    gpc,
  };
}
