import { type OptionalPurpose, purposesFor } from '@coreitsm/protocol';
import type { StoredSite } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';
import { drainOutbox, enqueueRevocation } from './outbox.js';
import { addPending } from './pending.js';

/** How long a tab may take to apply a revocation before we count it as not delivered. */
const TAB_TIMEOUT_MS = 4000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms)),
  ]);
}

/** The purposes of `requested` that exist on this site (a GDPR site has no `sale_sharing`). */
export function applicablePurposes(
  site: StoredSite,
  requested: readonly OptionalPurpose[],
): OptionalPurpose[] {
  const present = site.state ? Object.keys(site.state.choices) : purposesFor(site.jurisdiction);
  return requested.filter((purpose) => present.includes(purpose));
}

export interface RevokeSummary {
  sites: number;
  deliveredToTabs: number;
  queuedForServer: number;
}

/**
 * Revokes purposes on some sites, three ways at once: (1) every open tab of each site, now;
 * (2) the site's server, through the persistent outbox (retried with backoff if it is down);
 * (3) a pending mark, re-applied on the next visit if neither reached the site.
 */
export async function revokeOnSites(
  deps: BackgroundDeps,
  sites: readonly StoredSite[],
  requested: readonly OptionalPurpose[],
): Promise<RevokeSummary> {
  const summary: RevokeSummary = { sites: 0, deliveredToTabs: 0, queuedForServer: 0 };
  const queued: string[] = [];
  const at = deps.now().toISOString();
  for (const site of sites) {
    const purposes = applicablePurposes(site, requested);
    if (purposes.length === 0) continue;
    summary.sites++;
    await deps.store.putSite({ ...site, pending: addPending(site.pending, purposes, at) });
    const tabIds = await deps.tabs.findByOrigin(site.origin);
    const results = await Promise.allSettled(
      tabIds.map((tabId) => withTimeout(deps.tabs.revoke(tabId, purposes), TAB_TIMEOUT_MS)),
    );
    summary.deliveredToTabs += results.filter((r) => r.status === 'fulfilled' && r.value.applied).length;
    if (site.api && site.token) {
      const item = await enqueueRevocation(
        deps,
        { origin: site.origin, siteId: site.siteId, api: site.api, token: site.token },
        purposes,
      );
      queued.push(item.id);
    }
  }
  if (queued.length > 0) {
    await drainOutbox(deps);
    const left = new Set((await deps.store.listOutbox()).map((item) => item.id));
    summary.queuedForServer = queued.filter((id) => left.has(id)).length;
  }
  return summary;
}
