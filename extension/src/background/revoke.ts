import { type OptionalPurpose, purposesFor } from '@coreitsm/protocol';
import type { StoredSite } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';
import { drainOutbox, enqueueRevocation } from './outbox.js';
import { addPending } from './pending.js';
import { syncRevocationCookie } from './revocation-cookie.js';
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
 * (3) a pending mark, re-applied on the next visit if neither reached the site, mirrored into the
 * site's revocation cookie (revocation-cookie.ts) so the SDK denies it before its first tag runs.
 */
export async function revokeOnSites(
  deps: BackgroundDeps,
  sites: readonly StoredSite[],
  requested: readonly OptionalPurpose[],
): Promise<RevokeSummary> {
  const at = deps.now().toISOString();
  // First the durable mark for every site (so nothing is lost if the worker stops: it is re-applied
  // at the next visit), then the open tabs, then the server — "everything everywhere" must not
  // wait site by site. The server gets the record a tab made when one did (one decision, one
  // record: finding 13), else it mints its own.
  const prepared = await Promise.all(
    sites.map(async (site) => {
      const purposes = applicablePurposes(site, requested);
      if (purposes.length === 0) return null;
      const marked = { ...site, pending: addPending(site.pending, purposes, at) };
      // The mark must land even when storage is full (finding 6): history makes room for it.
      await withRoom(deps.store, () => deps.store.putSite(marked));
      // Then the site's revocation cookie, before any tab or server: the next load of the site must
      // not run the purpose even for a frame, whatever happens after this.
      await syncRevocationCookie(deps, marked);
      return { site, purposes };
    }),
  );
  const targets = prepared.filter((p) => p !== null);
  const delivered = await Promise.all(targets.map((t) => deliverToTabs(deps, t.site.origin, t.purposes)));
  const queued: string[] = [];
  for (const [i, { site, purposes }] of targets.entries()) {
    if (!site.api || !site.token) continue;
    const credentials = { origin: site.origin, siteId: site.siteId, api: site.api, token: site.token };
    const recordId = delivered[i]?.recordId ?? null;
    if (recordId) await recordArrived(deps, site.origin, recordId);
    queued.push((await enqueueRevocation(deps, credentials, purposes, recordId)).id);
  }
  if (queued.length > 0) await drainOutbox(deps);
  const left = new Set((await deps.store.listOutbox()).map((item) => item.id));
  return {
    sites: targets.length,
    deliveredToTabs: delivered.reduce((sum, d) => sum + d.applied, 0),
    queuedForServer: queued.filter((id) => left.has(id)).length,
  };
}

/** The tab's record follows its answer with the SDK's announce: wait a moment for it, not more. */
const RECORD_WAIT_MS = 1500;

async function recordArrived(deps: BackgroundDeps, origin: string, id: string): Promise<boolean> {
  const until = Date.now() + RECORD_WAIT_MS;
  while (Date.now() < until) {
    if ((await deps.store.listRecords(origin)).some((r) => r.id === id)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Sends the revocation to every open tab of an origin; resolves with how many applied it and the
 * record the first of them made (the tabs of one origin share one history: they make one record,
 * or repeat the id of one already denying).
 */
async function deliverToTabs(
  deps: BackgroundDeps,
  origin: string,
  purposes: OptionalPurpose[],
): Promise<{ applied: number; recordId: string | null }> {
  const tabIds = await deps.tabs.findByOrigin(origin);
  const results = await Promise.allSettled(
    tabIds.map((tabId) => withTimeout(deps.tabs.revoke(tabId, purposes), TAB_TIMEOUT_MS)),
  );
  const applied = results.flatMap((r) => (r.status === 'fulfilled' && r.value.applied ? [r.value] : []));
  return { applied: applied.length, recordId: applied.find((a) => a.recordId)?.recordId ?? null };
}
