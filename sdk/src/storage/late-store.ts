import type { ConsentStore } from './consent-store.js';

/**
 * A store that works in memory until a slow IndexedDB open completes, then moves what it holds
 * there and continues on IndexedDB. A slow disk is not a blocked one: a decision made while the
 * database was still opening must survive the page. `onSwitch` fires once the move is done (the
 * caller re-reads: the database may hold an earlier decision).
 */
export function lateStore(
  memory: ConsentStore,
  opening: Promise<ConsentStore>,
  onSwitch: () => void,
): ConsentStore {
  let current = memory;
  let queue: Promise<unknown> = Promise.resolve();
  // Every operation runs after the previous one, so the move never races a write.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  opening.then(
    (idb) =>
      serial(async () => {
        const queued = new Set((await memory.outbox()).map((r) => r.id));
        const notices = await memory.pendingNotices();
        // Each queued record takes its pending notice along (register-before-deliver holds across the move).
        for (const record of await memory.allHistory()) {
          const notice = notices.find((n) => n.hash === record.noticeHash) ?? null;
          await idb.append(record, queued.has(record.id), notice);
        }
        const kept = await idb.subject();
        const made = await memory.subject();
        // The database's subject wins (it may hold a server token); records made meanwhile move to it.
        if (kept && made) await idb.adoptSubject(kept, made.subjectId);
        else if (made) await idb.adoptSubject(made, null);
        current = idb;
      }).then(onSwitch),
    () => undefined, // never opened: this page stays in memory (already warned)
  );
  return {
    get persistent() {
      return current.persistent;
    },
    siteHistory: (siteId) => serial(() => current.siteHistory(siteId)),
    allHistory: () => serial(() => current.allHistory()),
    append: (record, deliver, notice) => serial(() => current.append(record, deliver, notice)),
    pendingNotices: () => serial(() => current.pendingNotices()),
    noticeRegistered: (hash) => serial(() => current.noticeRegistered(hash)),
    outbox: () => serial(() => current.outbox()),
    delivered: (results) => serial(() => current.delivered(results)),
    receipts: () => serial(() => current.receipts()),
    setAside: (record, reason, replacement) => serial(() => current.setAside(record, reason, replacement)),
    subject: () => serial(() => current.subject()),
    adoptSubject: (subject, from) => serial(() => current.adoptSubject(subject, from)),
  };
}
