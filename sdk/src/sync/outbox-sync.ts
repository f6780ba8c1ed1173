import { type ConsentRecord, MAX_RECORDS_PER_BATCH } from '@coreitsm/protocol';
import type { ConsentStore, SubjectInfo } from '../storage/consent-store.js';
import { type ApiClient, ApiError } from './api-client.js';
import { backoffDelay } from './backoff.js';

/** `pagehide` bodies ride `keepalive`, which browsers cap at 64 KiB in flight; stay under it. */
const KEEPALIVE_BUDGET = 60_000;

/**
 * Delivers the outbox: creates the server subject on first need, moves undelivered records to
 * it, posts batches of ≤ 100, and drops a record from the outbox only once the server answered
 * 200 for it ("stored" or "duplicate"). Failures retry with backoff; nothing is lost while the
 * server is down or the tab closes mid-send — the next load sends again (ids make it idempotent).
 */
export function outboxSync(
  storeOf: () => ConsentStore,
  api: ApiClient,
  apiBase: string,
  onDelivered: () => void,
) {
  let attempt = 0;
  // A getter: the runtime may swap IndexedDB for memory mid-page (disk full).
  const store = {
    subject: () => storeOf().subject(),
    outbox: () => storeOf().outbox(),
    delivered: (ids: readonly string[]) => storeOf().delivered(ids),
    adoptSubject: (s: SubjectInfo, from: string | null) => storeOf().adoptSubject(s, from),
  };
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
    let subject = await ensureSubject();
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
        const { results } = await api.sendRecords(subject.token as string, batch);
        await store.delivered(results.map((r) => r.id));
      } catch (error) {
        // The server forgot our subject (a reset database): start a new one and resend.
        if (error instanceof ApiError && error.status === 401) {
          await store.adoptSubject({ subjectId: subject.subjectId, token: null, api: null }, null);
          subject = await ensureSubject();
        }
        throw error;
      }
    }
    onDelivered();
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
        if (
          !(error instanceof ApiError) ||
          error.status === 0 ||
          error.status >= 500 ||
          error.status === 401
        ) {
          schedule();
        } else {
          console.error(`CoreConsent: the server refused consent records (${error.message}); will retry`);
          schedule();
        }
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
      size += JSON.stringify(record).length + 1;
      if (size > KEEPALIVE_BUDGET) break;
      batch.push(record);
    }
    if (batch.length > 0) void api.sendRecords(subject.token, batch, true).catch(() => undefined);
  }

  return { flush, flushOnHide, ensureSubject };
}

export type OutboxSync = ReturnType<typeof outboxSync>;
