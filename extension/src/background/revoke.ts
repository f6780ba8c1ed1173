import { type OptionalPurpose, purposesFor } from '@coreitsm/protocol';
import type { StoredSite } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';
import { drainOutbox, enqueueRevocation } from './outbox.js';
import { addPending } from './pending.js';
import { withRoom } from './storage-limits.js';

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
  const at = deps.now().toISOString();
  // First the durable part for every site (pending mark, queued server call), so nothing is lost if
  // the worker stops; then tabs and server in parallel — "everything everywhere" must not wait site by site.
  const prepared = await Promise.all(
    sites.map(async (site) => {
      const purposes = applicablePurposes(site, requested);
      if (purposes.length === 0) return null;
      // The mark must land even when storage is full (finding 6): history makes room for it.
      await withRoom(deps.store, () =>
        deps.store.putSite({ ...site, pending: addPending(site.pending, purposes, at) }),
      );
      const queuedId =
        site.api && site.token
          ? (
              await enqueueRevocation(
                deps,
                { origin: site.origin, siteId: site.siteId, api: site.api, token: site.token },
                purposes,
              )
            ).id
          : null;
      return { site, purposes, queuedId };
    }),
  );
  const targets = prepared.filter((p) => p !== null);
  const queued = targets.flatMap((t) => (t.queuedId ? [t.queuedId] : []));
  const [delivered] = await Promise.all([
    Promise.all(targets.map((t) => deliverToTabs(deps, t.site.origin, t.purposes))),
    queued.length > 0 ? drainOutbox(deps) : null,
  ]);
  const left = new Set((await deps.store.listOutbox()).map((item) => item.id));
  return {
    sites: targets.length,
    deliveredToTabs: delivered.reduce((a, b) => a + b, 0),
    queuedForServer: queued.filter((id) => left.has(id)).length,
  };
}

/** Sends the revocation to every open tab of an origin; resolves with how many applied it. */
async function deliverToTabs(
  deps: BackgroundDeps,
  origin: string,
  purposes: OptionalPurpose[],
): Promise<number> {
  const tabIds = await deps.tabs.findByOrigin(origin);
  const results = await Promise.allSettled(
    tabIds.map((tabId) => withTimeout(deps.tabs.revoke(tabId, purposes), TAB_TIMEOUT_MS)),
  );
  return results.filter((r) => r.status === 'fulfilled' && r.value.applied).length;
}
