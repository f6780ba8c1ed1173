import {
  type Handlers,
  MessageError,
  type PopupToBackgroundMessages,
  type RightsRequestView,
} from '@coreitsm/protocol';
import type { StoredSite } from '../store/schemas.js';
import type { BackgroundDeps } from './deps.js';
import { exportFile } from './export-file.js';
import { prefetchingExport } from './export-prefetch.js';
import { exportRecords } from './export-records.js';
import { exportSlices } from './export-slices.js';
import { exportPiece } from './export-stream.js';
import { BUILT_IN_MATCHES, isManagedOrigin, managedHosts, matchPatternFor } from './managed-origins.js';
import { drainOutbox, refreshOutboxCredentials } from './outbox.js';
import { checkReceipts } from './receipt-checks.js';
import { syncRevocationCookie } from './revocation-cookie.js';
import { revokeOnSites } from './revoke.js';
import { getRightsRequest, postRightsRequest } from './server-client.js';
import { allowsSharing, compareSiteOrder, toSiteView } from './site-view.js';
import { MAX_RECORDS_PER_ORIGIN } from './storage-limits.js';

/** Sites matching a site id (and origin, when given). */
async function findSites(
  deps: BackgroundDeps,
  siteId: string | null,
  origin?: string,
): Promise<StoredSite[]> {
  const sites = await deps.store.listSites();
  return sites.filter(
    (site) => (siteId === null || site.siteId === siteId) && (origin === undefined || site.origin === origin),
  );
}

async function oneSite(deps: BackgroundDeps, siteId: string, origin?: string): Promise<StoredSite> {
  const [site, ...others] = await findSites(deps, siteId, origin);
  if (!site) throw new MessageError('bad-request', `no managed site "${siteId}"`);
  if (others.length > 0)
    throw new MessageError('bad-request', `site "${siteId}" runs on several origins: name one`);
  return site;
}

/** Asks the open tabs of these sites to re-announce; true when at least one tab was asked. */
async function askForAnnounces(deps: BackgroundDeps, sites: readonly StoredSite[]): Promise<boolean> {
  let asked = false;
  for (const site of sites) {
    for (const tabId of await deps.tabs.findByOrigin(site.origin)) {
      asked = true;
      void deps.tabs.hello(tabId).catch(() => undefined); // a tab without our content script just does not answer
    }
  }
  return asked;
}

/** Re-applies the GPC setting and the bridge registrations after the managed list changed. */
export async function syncRegistrations(deps: BackgroundDeps): Promise<void> {
  const added = await deps.store.getSetting('managedOrigins');
  const matches = added.map(matchPatternFor);
  await deps.registerBridge(matches);
  await deps.gpc.apply(await deps.store.getSetting('gpc'), managedHosts(added), [
    ...BUILT_IN_MATCHES,
    ...matches,
  ]);
}

/** Handlers for the popup and the options page (our own pages: the sender is not a web page). */
export function createPopupHandlers(
  deps: BackgroundDeps,
): Handlers<typeof PopupToBackgroundMessages, unknown> {
  const exports = exportSlices(
    (format) => exportRecords(deps.store, format, deps.now()),
    deps.newId,
    () => deps.now().getTime(),
  );
  const streamed = prefetchingExport((format, cursor) => exportPiece(deps.store, format, cursor, deps.now()));
  return {
    async 'sites:list'({ limit }) {
      if (limit !== undefined) {
        // The popup's first paint (issue 11): its first window of rows and the summary line's counts,
        // read through the sites indexes without the other rows, so it costs the same for 10 sites
        // as for 1,000. The popup lists every site after it painted.
        const [window, outbox] = await Promise.all([deps.store.firstSites(limit), deps.store.listOutbox()]);
        const byOrigin = new Map(window.summaries.map((summary) => [summary.origin, summary]));
        const views = window.sites.map((site) => {
          const summary = byOrigin.get(site.origin);
          return toSiteView(site, summary?.recordCount ?? 0, outbox, summary?.gpc ?? null);
        });
        // The whole list fitted: no second call follows, so this one retries and refreshes as below.
        let refreshing = false;
        if (!window.more) {
          void drainOutbox(deps);
          refreshing = await askForAnnounces(
            deps,
            window.sites.filter((site) => site.api !== null && site.token === null),
          );
        }
        return { sites: views, total: window.total, sharing: window.sharing, more: window.more, refreshing };
      }
      void drainOutbox(deps); // opening the popup is a good moment to retry
      // Summaries, not histories: the store keeps each origin's count current on every write.
      const [sites, outbox, summaries] = await Promise.all([
        deps.store.listSites(),
        deps.store.listOutbox(),
        deps.store.listSummaries(),
      ]);
      const byOrigin = new Map(summaries.map((summary) => [summary.origin, summary]));
      const views = sites.map((site) => {
        const summary = byOrigin.get(site.origin);
        return toSiteView(site, summary?.recordCount ?? 0, outbox, summary?.gpc ?? null);
      });
      // A site that has not handed over its token yet (the SDK gets it after the first decision) may
      // have it now: ask its open tabs to announce, and tell the popup to list again.
      const refreshing = await askForAnnounces(
        deps,
        sites.filter((site) => site.api !== null && site.token === null),
      );
      views.sort(compareSiteOrder); // the order of the sites' `byList` index: the first window's too
      return {
        sites: views,
        refreshing,
        total: views.length,
        sharing: views.filter(allowsSharing).length,
        more: false,
      };
    },
    async 'sites:history'({ siteId, origin, before, limit }) {
      const site = await oneSite(deps, siteId, origin);
      // Without `limit` (older popups), the whole bounded history, as before.
      const page = await deps.store.pageHistory(site.origin, {
        before,
        limit: limit ?? MAX_RECORDS_PER_ORIGIN,
      });
      // Each receipt checked on every read, offline (issue 11): nothing stored is taken on trust.
      const { receipts, keysChanged } = await checkReceipts(deps, site, page.records, page.receipts);
      return { records: page.records, more: page.more, receipts, keysChanged };
    },
    async 'sites:revoke'({ siteId, purposes, origin }) {
      const sites = await findSites(deps, siteId, origin);
      if (siteId !== null && sites.length === 0)
        throw new MessageError('bad-request', `no managed site "${siteId}"`);
      return revokeOnSites(deps, sites, purposes);
    },
    async 'sites:forget'({ origin }) {
      const site = await deps.store.getSite(origin);
      const forgotten = await deps.store.forgetSite(origin);
      // Its revocation cookie goes with its pending revocations (nothing pending: nothing to keep).
      if (site) await syncRevocationCookie(deps, { ...site, pending: {} });
      return { forgotten };
    },
    async 'sites:icons'({ origins }) {
      const icons = await deps.store.listIcons(origins);
      return { icons: Object.fromEntries(icons.map((icon) => [icon.origin, icon.dataUrl])) };
    },
    async 'sites:confirm-api'({ origin, api }) {
      const site = await deps.store.getSite(origin);
      const change = site?.apiChange;
      if (!site || !change || change.api !== api)
        throw new MessageError('bad-request', `${origin} has no pending change to ${api}`);
      await deps.store.putSite({
        ...site,
        api: change.api,
        subjectId: change.subjectId,
        token: change.token,
        apiChange: null,
      });
      if (change.token) {
        await refreshOutboxCredentials(deps, origin, change.api, change.token);
        void drainOutbox(deps);
      }
      return { api: change.api };
    },
    'records:export': (request) =>
      request.cursor === undefined ? exports(request) : streamed(request.format, request.cursor),
    async 'records:export-file'({ format, delivery }, asker) {
      // One Blob built from the packed pages; no text crosses runtime messaging (issue 11).
      const { file, ...about } = await exportFile(deps.store, format, deps.now());
      const posted =
        (await deps.handOverExport?.(asker, { type: 'records:export-file', delivery, file })) ?? false;
      return { ...about, size: file.size, ...(posted ? {} : { file }) };
    },
    async 'gpc:get'() {
      return { enabled: await deps.store.getSetting('gpc') };
    },
    async 'gpc:set'({ enabled }) {
      await deps.store.setSetting('gpc', enabled);
      await syncRegistrations(deps);
      return { enabled };
    },
    async 'rights:create'({ siteId, origin, request }) {
      const site = await oneSite(deps, siteId, origin);
      if (!site.api || !site.token)
        throw new MessageError('failed', `site "${siteId}" has no server the extension can reach`);
      const body = { ...request, siteId: site.siteId };
      const created = await postRightsRequest(deps.fetch, site.api, site.token, body);
      const view: RightsRequestView = {
        id: created.id,
        kind: request.kind,
        status: created.status,
        dueAt: created.dueAt,
        history: [{ status: created.status, at: deps.now().toISOString() }],
      };
      await deps.store.putRights({
        schemaVersion: 1,
        id: created.id,
        origin: site.origin,
        siteId: site.siteId,
        api: site.api,
        token: site.token,
        request: view,
        error: null,
      });
      return view;
    },
    async 'rights:list'() {
      const entries = await deps.store.listRights();
      const refreshed = await Promise.all(
        entries.map(async (entry) => {
          try {
            const request = await getRightsRequest(deps.fetch, entry.api, entry.token, entry.id);
            const next = { ...entry, request, error: null };
            await deps.store.putRights(next);
            return next;
          } catch (error) {
            // The last known status stays on screen, with the reason it may be stale.
            return { ...entry, error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
          }
        }),
      );
      refreshed.sort((a, b) => a.request.dueAt.localeCompare(b.request.dueAt));
      return {
        requests: refreshed.map((e) => ({
          siteId: e.siteId,
          origin: e.origin,
          request: e.request,
          error: e.error,
        })),
      };
    },
    async 'managed:list'() {
      return { origins: await deps.store.getSetting('managedOrigins'), builtIn: [...BUILT_IN_MATCHES] };
    },
    async 'managed:add'({ origin }) {
      const added = await deps.store.getSetting('managedOrigins');
      if (isManagedOrigin(origin, added)) return { origins: added };
      // The options page asks the person first (permissions.request needs their click).
      if (!(await deps.hasHostPermission(origin)))
        throw new MessageError('forbidden', `host access to ${origin} was not granted`);
      const origins = [...added, origin].sort();
      await deps.store.setSetting('managedOrigins', origins);
      await syncRegistrations(deps);
      return { origins };
    },
    async 'managed:remove'({ origin }) {
      const origins = (await deps.store.getSetting('managedOrigins')).filter((o) => o !== origin);
      await deps.store.setSetting('managedOrigins', origins);
      await syncRegistrations(deps);
      return { origins };
    },
  };
}
