import {
  compareRecency,
  type OptionalPurpose,
  type StoredConsentRecord,
  toSiteState,
} from '@coreitsm/protocol';
import type { OutboxItem, StoredSite } from '../store/schemas.js';
import { retryDelay } from './backoff.js';
import type { BackgroundDeps } from './deps.js';
import { markServerConfirmed } from './pending.js';
import { syncRevocationCookie } from './revocation-cookie.js';
import { postRecord, postRevocation, ServerError } from './server-client.js';

type OutboxDeps = Pick<
  BackgroundDeps,
  'store' | 'fetch' | 'now' | 'random' | 'newId' | 'scheduleRetry' | 'siteCookies'
>;

/** Queues a revocation for a site's server; it is sent by the next {@link drainOutbox}. */
export async function enqueueRevocation(
  deps: OutboxDeps,
  site: { origin: string; siteId: string; api: string; token: string },
  purposes: OptionalPurpose[],
  recordId: string | null = null,
): Promise<OutboxItem> {
  const item: OutboxItem = {
    schemaVersion: 1,
    id: deps.newId(),
    ...site,
    purposes,
    recordId,
    createdAt: deps.now().toISOString(),
    attempts: 0,
    nextAttemptAt: deps.now().getTime(),
    lastError: null,
  };
  await deps.store.putOutbox(item);
  return item;
}

/** Stores the record the server made and, if it is the newest, makes it the site's confirmed state. */
async function applyServerRecord(
  deps: OutboxDeps,
  item: OutboxItem,
  record: StoredConsentRecord,
  receipt: string | undefined,
): Promise<void> {
  await deps.store.putRecords(item.origin, [record], receipt ? { [record.id]: receipt } : {});
  const site = await deps.store.getSite(item.origin);
  if (!site) return;
  const pending = markServerConfirmed(site.pending, item.purposes);
  const newer =
    !site.state ||
    compareRecency(record, { ...site.state, id: site.state.recordId, siteId: site.siteId }) > 0;
  const written = {
    ...site,
    pending,
    ...(newer ? { state: toSiteState(record), confirmedAt: deps.now().toISOString() } : {}),
  };
  await deps.store.putSite(written);
  await reassertCookie(deps, written);
}

/**
 * The server's confirmation changes no purpose or time of the pending map, so the cookie's value is
 * the same: re-written anyway (the row just written is what the site's cookie must match; a cookie
 * the page or a failed write lost is back, its 400 days counted afresh).
 */
async function reassertCookie(deps: OutboxDeps, site: StoredSite): Promise<void> {
  if (Object.keys(site.pending).length > 0) await syncRevocationCookie(deps, site);
}

/**
 * How many drains wait for the tab's record to arrive with its announce (it follows the tab's
 * answer within moments) before the server is asked to mint one instead: the tab may have closed.
 */
const RECORD_WAITS = 4;

/** A tab's record is not here yet: retried with backoff like a server that is down. */
class RecordNotYetHere extends Error {}

/**
 * One decision, one record (finding 13): a revocation a tab applied goes to the server as the tab's
 * own record (same id: the tab's outbox sending it too is a duplicate, not a second decision); one no
 * tab applied is minted by the server from the purposes.
 */
async function deliverItem(deps: OutboxDeps, item: OutboxItem): Promise<void> {
  if (item.recordId) {
    const site = await deps.store.getSite(item.origin);
    const record = (await deps.store.listRecords(item.origin)).find((r) => r.id === item.recordId);
    if (record && record.subjectId === site?.subjectId) {
      const { receivedAt: _stored, ...body } = record;
      const { results } = await postRecord(deps.fetch, item.api, item.token, body);
      // The server's receipt for the tab's record, kept as the tab's own would be (issue 11).
      const receipt = results.find((r) => r.id === record.id)?.receipt;
      if (receipt) await deps.store.putRecords(item.origin, [record], { [record.id]: receipt });
      if (site) {
        const written = { ...site, pending: markServerConfirmed(site.pending, item.purposes) };
        await deps.store.putSite(written);
        await reassertCookie(deps, written);
      }
      return;
    }
    // A record under another subject (the tab had not synced yet) would be refused: mint instead.
    if (!record && item.attempts < RECORD_WAITS) throw new RecordNotYetHere("waiting for the tab's record");
  }
  const { record, receipt } = await postRevocation(deps.fetch, item.api, item.token, {
    siteId: item.siteId,
    purposes: item.purposes,
  });
  await applyServerRecord(deps, item, record, receipt);
}

/** Drains run one after another, never side by side. */
let chain: Promise<unknown> = Promise.resolve();

export interface OutboxSummary {
  delivered: number;
  waiting: number;
  failed: number;
}

/**
 * Sends every due revocation to its server. Success stores the server's record; a retryable
 * failure (server down, 5xx, 429) reschedules with backoff; a permanent one (e.g. 401) is kept,
 * marked failed and shown, until the site announces a fresh token. Drains are serialized: two
 * triggers (alarm and popup) never post the same item twice, and a drain asked for while another
 * runs still happens afterwards (so an item queued meanwhile is not left waiting for the next alarm).
 */
export function drainOutbox(deps: OutboxDeps): Promise<OutboxSummary> {
  const next = chain.then(() => drain(deps));
  chain = next.catch(() => undefined);
  return next;
}

async function drain(deps: OutboxDeps): Promise<OutboxSummary> {
  const summary: OutboxSummary = { delivered: 0, waiting: 0, failed: 0 };
  let nextWake = Number.POSITIVE_INFINITY;
  const pinned = new Map((await deps.store.listSites()).map((site) => [site.origin, site.api]));
  for (const item of await deps.store.listOutbox()) {
    if (item.nextAttemptAt === null) {
      summary.failed++;
      continue;
    }
    // The token goes only to the server pinned for the site (finding 9): an item queued for
    // another address waits, parked, until the person confirms that address in the popup.
    if (pinned.has(item.origin) && pinned.get(item.origin) !== item.api) {
      await deps.store.putOutbox({
        ...item,
        nextAttemptAt: null,
        lastError: `not sent: ${item.api} is not this site's confirmed server`,
      });
      summary.failed++;
      continue;
    }
    if (item.nextAttemptAt > deps.now().getTime()) {
      summary.waiting++;
      nextWake = Math.min(nextWake, item.nextAttemptAt);
      continue;
    }
    try {
      await deliverItem(deps, item);
      await deps.store.deleteOutbox(item.id);
      summary.delivered++;
    } catch (error) {
      const retryable = !(error instanceof ServerError) || error.retryable;
      const attempts = item.attempts + 1;
      const nextAttemptAt = retryable ? deps.now().getTime() + retryDelay(attempts, deps.random) : null;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await deps.store.putOutbox({ ...item, attempts, nextAttemptAt, lastError });
      if (nextAttemptAt === null) summary.failed++;
      else {
        summary.waiting++;
        nextWake = Math.min(nextWake, nextAttemptAt);
      }
    }
  }
  if (Number.isFinite(nextWake)) deps.scheduleRetry(nextWake);
  return summary;
}

/** A site announced a (possibly new) token: failed items for it get it and are retried now. */
export async function refreshOutboxCredentials(
  deps: OutboxDeps,
  origin: string,
  api: string,
  token: string,
): Promise<void> {
  for (const item of await deps.store.listOutbox()) {
    if (item.origin !== origin) continue;
    if (item.nextAttemptAt === null || item.token !== token || item.api !== api) {
      await deps.store.putOutbox({ ...item, api, token, nextAttemptAt: deps.now().getTime() });
    }
  }
}
