import { type ConsentRecord, MAX_RECORDS_PER_BATCH } from '@coreitsm/protocol';
import { uuidV7 } from '../core/uuid-v7.js';
import type { ConsentStore, Delivered, SubjectInfo } from '../storage/consent-store.js';
import { type ApiClient, ApiError } from './api-client.js';
import { backoffDelay } from './backoff.js';

/** Statuses that refuse a record for good: resending the same body cannot succeed. */
const REFUSED = new Set([400, 409, 413]);
/** The subject is gone (401: unknown token, e.g. a reset database; 410: erased): start a new one. */
const SUBJECT_GONE = new Set([401, 410]);

/** Told when a record is set aside; `replacement` is its re-stamped copy, if one was made. */
export type OnSetAside = (refused: ConsentRecord, replacement: ConsentRecord | null) => void;

/** `pagehide` bodies ride `keepalive`, which browsers cap at 64 KiB in flight; stay under it. */
const KEEPALIVE_BUDGET = 60_000;

/**
 * Delivers the outbox: registers the notices its records name, creates the server subject on first need, moves undelivered records to
 * it, posts batches of ≤ 100, and drops a record from the outbox only once the server answered
 * 200 for it ("stored" or "duplicate"). Failures retry with backoff; nothing is lost while the
 * server is down or the tab closes mid-send — the next load sends again (ids make it idempotent).
 *
 * A record the server refuses for good (`400`/`409`/`413`, issue 10 finding 8) is set aside — kept
 * locally, reported once on the console — and the rest continue; the server names it in
 * `error.recordId`, and without that (an older server) the batch goes one record at a time to find
 * it. A record refused because its `createdAt` is ahead of the server's clock is replaced by a copy
 * stamped with the server's clock (new id, same choices, `previous` = the refused id). `401`/`410`
 * start a new subject.
 */
export function outboxSync(
  storeOf: () => ConsentStore,
  api: ApiClient,
  apiBase: string,
  onDelivered: () => void,
  onSetAside: OnSetAside = () => undefined,
) {
  let attempt = 0;
  // A getter: the runtime may swap IndexedDB for memory mid-page (disk full).
  const store = {
    subject: () => storeOf().subject(),
    outbox: () => storeOf().outbox(),
    delivered: (results: readonly Delivered[]) => storeOf().delivered(results),
    setAside: (record: ConsentRecord, reason: string, replacement: ConsentRecord | null) =>
      storeOf().setAside(record, reason, replacement),
    adoptSubject: (s: SubjectInfo, from: string | null) => storeOf().adoptSubject(s, from),
    pendingNotices: () => storeOf().pendingNotices(),
    noticeRegistered: (hash: string) => storeOf().noticeRegistered(hash),
  };
  /** Notices known registered on this page: `pagehide` sends only records naming one of these (or none). */
  const registered = new Set<string>();

  /**
   * Registers every pending notice (docs/contracts.md, "Proof of notice") before any record that
   * names it is delivered, so a delivered record's `noticeHash` always resolves at the server. A
   * network failure or 5xx throws (nothing is delivered; retried with backoff, like records). A
   * notice the server refuses for good (4xx: e.g. storage edited under us) is reported once and
   * dropped: the records still go — losing a decision would be worse than an unresolvable hash.
   */
  async function registerNotices(): Promise<void> {
    for (const { hash, notice } of await store.pendingNotices()) {
      try {
        const answer = await api.registerNotice(notice);
        if (answer.hash !== hash)
          console.error(
            `CoreConsent: the server hashed notice ${hash} as ${answer.hash}; records name ${hash}`,
          );
      } catch (error) {
        if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500 || error.status === 429)
          throw error;
        console.error(`CoreConsent: the server refused notice ${hash} (${error.message}); not sent again`);
      }
      await store.noticeRegistered(hash);
      registered.add(hash);
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  /** The server subject (created if needed); undelivered local records move onto it. */
  async function ensureSubject(): Promise<SubjectInfo> {
    const current = await store.subject();
    if (current?.token && current.api === apiBase) return current;
    const created = await api.createSubject();
    const next = { subjectId: created.subjectId, token: created.token, api: apiBase };
    await store.adoptSubject(next, current?.subjectId ?? null);
    return next;
  }

  async function flushOnce(): Promise<void> {
    let pending = await store.outbox();
    if (pending.length === 0) return;
    // Both before any record goes, side by side: registering adds no round trip to a first sync.
    let [subject] = await Promise.all([ensureSubject(), registerNotices()]);
    // Undelivered records still under another id (made while the subject was being created, or
    // before a 401 forced a new one) belong to this browser's subject: move them before sending.
    for (const stale of new Set((await store.outbox()).map((r) => r.subjectId))) {
      if (stale !== subject.subjectId) await store.adoptSubject(subject, stale);
    }
    pending = await store.outbox();
    for (let i = 0; i < pending.length; i += MAX_RECORDS_PER_BATCH) {
      const batch = pending
        .slice(i, i + MAX_RECORDS_PER_BATCH)
        .filter((r) => r.subjectId === subject.subjectId);
      if (batch.length === 0) continue;
      try {
        await deliver(subject.token as string, batch);
      } catch (error) {
        // The server forgot our subject (a reset database) or erased it: start a new one and resend.
        if (error instanceof ApiError && SUBJECT_GONE.has(error.status)) {
          await store.adoptSubject({ subjectId: subject.subjectId, token: null, api: null }, null);
          subject = await ensureSubject();
        }
        throw error;
      }
    }
    onDelivered();
  }

  /** Posts a batch; a record refused for good is set aside and the others go on. */
  async function deliver(token: string, batch: readonly ConsentRecord[]): Promise<void> {
    try {
      const { results } = await api.sendRecords(token, batch);
      // The server's receipt for each record is kept beside it (issue 11), in the same transaction
      // that takes the record out of the outbox: a delivered record never loses its receipt.
      await store.delivered(results);
    } catch (error) {
      if (!(error instanceof ApiError) || !REFUSED.has(error.status)) throw error;
      const named = batch.find((r) => r.id === error.recordId);
      const [only] = batch;
      if (named || batch.length === 1) {
        const refused = named ?? (only as ConsentRecord);
        const copy = await setAside(refused, error.message);
        const rest = [...batch.filter((r) => r !== refused), ...(copy ? [copy] : [])];
        if (rest.length > 0) await deliver(token, rest);
      } else {
        // An older server that names no record: one at a time finds the bad one.
        for (const record of batch) await deliver(token, [record]);
      }
    }
  }

  /** Sets a refused record aside; returns its re-stamped copy when one was made. */
  async function setAside(record: ConsentRecord, reason: string): Promise<ConsentRecord | null> {
    const now = api.clock.now();
    // Dated ahead of the server's clock (the message names `createdAt`): a copy stamped with the
    // server's clock replaces it. Only when that clock agrees it is in the future, so a copy that
    // is refused in turn is set aside, not copied again.
    const restamp = /\bcreatedAt\b/.test(reason) && Date.parse(record.createdAt) > now.getTime();
    const replacement = restamp
      ? { ...record, id: uuidV7(), createdAt: now.toISOString(), previous: record.id }
      : null;
    await store.setAside(record, reason, replacement);
    console.error(`CoreConsent: the server refused consent record ${record.id} (${reason}); not sent again`);
    onSetAside(record, replacement);
    return replacement;
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), backoffDelay(attempt++));
  }

  /** Sends what is pending now; on failure retries later with backoff. */
  function flush(): Promise<void> {
    running ??= flushOnce()
      .then(() => {
        attempt = 0;
      })
      .catch((error: unknown) => {
        // Network, 5xx, 429, a subject that is gone (a new one is made next time): try again later.
        if (
          error instanceof ApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          !SUBJECT_GONE.has(error.status)
        )
          console.error(`CoreConsent: the server refused consent records (${error.message}); will retry`);
        schedule();
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  /**
   * Last chance on `pagehide`: one `keepalive` request with as much of the outbox as fits. No
   * answer is awaited (the page is going away); the records stay queued until a load confirms.
   */
  function flushOnHide(records: readonly ConsentRecord[], subject: SubjectInfo | undefined): void {
    if (!subject?.token || subject.api !== apiBase) return;
    const batch: ConsentRecord[] = [];
    let size = 20;
    for (const record of records) {
      if (record.subjectId !== subject.subjectId || batch.length >= MAX_RECORDS_PER_BATCH) continue;
      // Its notice may not be registered yet: the next load sends both, in order.
      if (record.noticeHash && !registered.has(record.noticeHash)) continue;
      size += JSON.stringify(record).length + 1;
      if (size > KEEPALIVE_BUDGET) break;
      batch.push(record);
    }
    if (batch.length > 0) void api.sendRecords(subject.token, batch, true).catch(() => undefined);
  }

  return { flush, flushOnHide, ensureSubject };
}

export type OutboxSync = ReturnType<typeof outboxSync>;
