import {
  type AnyConsentRecord,
  type ContentToBackgroundMessages,
  type Handlers,
  MessageError,
  type SiteSnapshot,
} from '@coreitsm/protocol';
import type { StoredSite } from '../store/schemas.js';
import { pinServer } from './api-pin.js';
import { badgeText } from './badge.js';
import type { BackgroundDeps } from './deps.js';
import { drainOutbox, refreshOutboxCredentials } from './outbox.js';
import { reconcilePending } from './pending.js';
import { syncRevocationCookie } from './revocation-cookie.js';
import { type ContentSender, verifiedSenderOrigin } from './sender-check.js';
import { learnIcon } from './site-icon.js';
import { historyThrottle, MAX_RECORDS_PER_ORIGIN, newestRecords, withRoom } from './storage-limits.js';

/** A snapshot may only speak for its own site: every history record must be of that site and origin. */
function checkSnapshot(snapshot: SiteSnapshot, origin: string, known: StoredSite | undefined): void {
  if (snapshot.origin !== origin)
    throw new MessageError('forbidden', `snapshot origin ${snapshot.origin} is not the tab's ${origin}`);
  if (known && known.siteId !== snapshot.siteId)
    throw new MessageError(
      'forbidden',
      `${origin} is known as site "${known.siteId}", not "${snapshot.siteId}"`,
    );
  for (const record of snapshot.history) {
    if (record.siteId !== snapshot.siteId || record.origin !== origin)
      throw new MessageError('forbidden', `history record ${record.id} belongs to another site`);
  }
}

/**
 * Keeps the newest records of an announce, bounded per origin (finding 6); what is not kept is
 * summarised on the site row: the date range, and a lower bound of how many (a page re-announces
 * the same records, so they cannot be counted twice without keeping their ids). History is a copy:
 * failing to store it never fails the announce.
 */
async function storeHistory(
  deps: BackgroundDeps,
  site: StoredSite,
  history: readonly AnyConsentRecord[],
  receipts: Readonly<Record<string, string>> = {},
): Promise<void> {
  try {
    const kept = newestRecords(history, MAX_RECORDS_PER_ORIGIN);
    const keptIds = new Set(kept.map((r) => r.id));
    // The receipts the site hands over are kept beside their records, checked when shown (issue 11).
    await deps.store.putRecords(site.origin, kept, receipts);
    const trimmed = await deps.store.trimRecords(site.origin, MAX_RECORDS_PER_ORIGIN);
    const overflow = history.filter((r) => !keptIds.has(r.id)).map((r) => r.createdAt);
    const count = overflow.length + (trimmed?.count ?? 0);
    if (count === 0) return;
    const before = site.trimmed;
    // ISO dates sort as strings: the summary spans every range seen.
    const dates = [
      ...overflow,
      ...(trimmed ? [trimmed.from, trimmed.to] : []),
      ...(before ? [before.from, before.to] : []),
    ].sort();
    const summary = {
      count: Math.max(count, before?.count ?? 0),
      from: dates[0] ?? '',
      to: dates.at(-1) ?? '',
    };
    await deps.store.putSite({ ...site, trimmed: summary });
  } catch (error) {
    console.warn(`[coreitsm] history of ${site.origin} not stored: ${String(error)}`);
  }
}

/**
 * Handlers for messages from content scripts. Each checks the sender first; the page behind a
 * content script is untrusted, so it can only describe (and narrow) its own site.
 */
export function createContentHandlers(
  deps: BackgroundDeps,
): Handlers<typeof ContentToBackgroundMessages, ContentSender> {
  const throttle = historyThrottle();
  return {
    async 'site:announce'({ snapshot }, sender) {
      const added = await deps.store.getSetting('managedOrigins');
      const { origin, tabId } = verifiedSenderOrigin(sender, deps.extensionId, added);
      const known = await deps.store.getSite(origin);
      checkSnapshot(snapshot, origin, known);
      const { reapply, remaining } = reconcilePending(known?.pending ?? {}, snapshot.state, deps.now());
      const server = pinServer(known, snapshot, deps.now());
      const site: StoredSite = {
        schemaVersion: 1,
        origin,
        siteId: snapshot.siteId,
        // The site's latest word: a name it no longer gives is dropped.
        siteName: snapshot.siteName ?? null,
        policyVersion: snapshot.policyVersion,
        policyUrl: snapshot.policyUrl,
        jurisdiction: snapshot.jurisdiction,
        api: server.api,
        subjectId: server.subjectId,
        token: server.token,
        apiChange: server.apiChange,
        state: snapshot.state,
        confirmedAt: deps.now().toISOString(),
        pending: remaining,
        trimmed: known?.trimmed ?? null,
      };
      // The site row first, and never for want of room: it holds the pending revocations.
      await withRoom(deps.store, () => deps.store.putSite(site));
      // The revocation cookie follows what is still pending: re-written with the remainder, removed
      // once the site shows every revocation. A site with nothing pending before or now costs no call.
      if (Object.keys(known?.pending ?? {}).length > 0 || Object.keys(remaining).length > 0)
        await syncRevocationCookie(deps, site);
      if (throttle.allow(origin, deps.now().getTime()))
        await storeHistory(deps, site, snapshot.history, snapshot.receipts);
      await deps.badge.set(tabId, badgeText(snapshot.state)).catch(() => undefined);
      void learnIcon(deps, origin, sender.tab?.favIconUrl);
      if (server.api && server.token) {
        await refreshOutboxCredentials(deps, origin, server.api, server.token);
        void drainOutbox(deps);
      }
      return { reapply };
    },
    async 'site:revoked'({ siteId, recordId }, sender) {
      const added = await deps.store.getSetting('managedOrigins');
      const { origin } = verifiedSenderOrigin(sender, deps.extensionId, added);
      const known = await deps.store.getSite(origin);
      if (!known || known.siteId !== siteId)
        throw new MessageError('forbidden', `${origin} is not site "${siteId}"`);
      // The state itself arrives with the SDK's next announce; this only notes the confirmation.
      if (recordId) await deps.store.putSite({ ...known, confirmedAt: deps.now().toISOString() });
      return {};
    },
  };
}
