import type { AnyConsentRecord } from '@coreitsm/protocol';
import { type IDBPDatabase, openDB, unwrap } from 'idb';
import { writeCopy } from '../critical/decision-copy.js';
import type { ConsentStore, PendingNotice, SubjectInfo } from './consent-store.js';
import {
  type ConsentDb,
  DB_NAME,
  DB_VERSION,
  MIGRATIONS,
  NOTICE_KEY_PREFIX,
  noticeKey,
} from './db-schema.js';
import {
  OutboxEntrySchema,
  PendingNoticeSchema,
  parseAll,
  StoredReceiptSchema,
  StoredRecordSchema,
  SubjectInfoSchema,
} from './stored-values.js';

/**
 * Opens (and migrates) the database. Rejects when IndexedDB is blocked, missing or broken.
 * `onCreate` fires when the database did not exist: a first visit, so the banner is certainly due.
 */
export async function openConsentDb(name = DB_NAME, onCreate?: () => void): Promise<IDBPDatabase<ConsentDb>> {
  const db = await openDB<ConsentDb>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Deferred: an exception thrown in here would abort the upgrade.
      if (oldVersion === 0 && onCreate) setTimeout(onCreate, 0);
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]?.(unwrap(db));
    },
    blocking() {
      // Another tab wants a newer version: step aside so its upgrade can run.
      db.close();
    },
  });
  return db;
}

/** The IndexedDB-backed store. `onCorrupt` is told about every stored value that fails to parse. */
export function idbStore(database: IDBPDatabase<ConsentDb>, onCorrupt: () => void): ConsentStore {
  return {
    persistent: true,
    async siteHistory(siteId) {
      return parseAll(
        StoredRecordSchema,
        await database.getAllFromIndex('records', 'by-site', siteId),
        onCorrupt,
      );
    },
    async allHistory() {
      return parseAll(StoredRecordSchema, await database.getAll('records'), onCorrupt);
    },
    async append(record: AnyConsentRecord, deliver: boolean, notice?: PendingNotice | null) {
      const tx = database.transaction(['records', 'outbox', 'meta'], 'readwrite');
      // `put`, not `add`: a record that arrives twice (another tab, the server) is the same record.
      const writes: Promise<unknown>[] = [tx.objectStore('records').put(record, record.id)];
      // The script tag's synchronous copy follows the history in the same transaction (critical/decision-copy.ts).
      writeCopy(unwrap(tx), record.siteId);
      if (deliver) writes.push(tx.objectStore('outbox').put(record, record.id));
      if (deliver && notice) writes.push(tx.objectStore('meta').put(notice, noticeKey(notice.hash)));
      await Promise.all([...writes, tx.done]);
    },
    async pendingNotices() {
      return parseAll(
        PendingNoticeSchema,
        await database.getAll('meta', IDBKeyRange.bound(NOTICE_KEY_PREFIX, `${NOTICE_KEY_PREFIX}\uffff`)),
        onCorrupt,
      );
    },
    async noticeRegistered(hash) {
      await database.delete('meta', noticeKey(hash));
    },
    async outbox() {
      return parseAll(OutboxEntrySchema, await database.getAll('outbox'), onCorrupt);
    },
    async delivered(results) {
      const tx = database.transaction(['outbox', 'receipts'], 'readwrite');
      const writes: Promise<unknown>[] = [tx.done];
      for (const { id, receipt } of results) {
        writes.push(tx.objectStore('outbox').delete(id));
        if (receipt) writes.push(tx.objectStore('receipts').put({ id, receipt }));
      }
      await Promise.all(writes);
    },
    async receipts() {
      return parseAll(StoredReceiptSchema, await database.getAll('receipts'), onCorrupt);
    },
    async setAside(record, reason, replacement) {
      const tx = database.transaction(['records', 'outbox', 'refused'], 'readwrite');
      const writes: Promise<unknown>[] = [
        tx.objectStore('outbox').delete(record.id),
        tx.objectStore('refused').put({ record, reason }, record.id),
      ];
      if (replacement)
        writes.push(
          tx.objectStore('records').delete(record.id),
          tx.objectStore('records').put(replacement, replacement.id),
          tx.objectStore('outbox').put(replacement, replacement.id),
        );
      if (replacement) writeCopy(unwrap(tx), record.siteId);
      await Promise.all([...writes, tx.done]);
    },
    async subject() {
      const value = await database.get('meta', 'subject');
      if (value === undefined) return undefined;
      const result = SubjectInfoSchema.safeParse(value);
      if (!result.success) onCorrupt();
      return result.success ? result.data : undefined;
    },
    async adoptSubject(subject: SubjectInfo, from: string | null) {
      const tx = database.transaction(['meta', 'outbox', 'records'], 'readwrite');
      const writes: Promise<unknown>[] = [tx.objectStore('meta').put(subject, 'subject')];
      if (from && from !== subject.subjectId) {
        const pending = parseAll(OutboxEntrySchema, await tx.objectStore('outbox').getAll(), onCorrupt);
        for (const record of pending) {
          if (record.subjectId !== from) continue;
          const moved = { ...record, subjectId: subject.subjectId };
          writes.push(
            tx.objectStore('outbox').put(moved, moved.id),
            tx.objectStore('records').put(moved, moved.id),
          );
        }
      }
      await Promise.all([...writes, tx.done]);
    },
  };
}
