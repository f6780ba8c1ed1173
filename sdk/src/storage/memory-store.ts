import type { AnyConsentRecord, ConsentRecord } from '@coreitsm/protocol';
import type { ConsentStore, PendingNotice, SubjectInfo } from './consent-store.js';

/**
 * The page-lifetime fallback when IndexedDB is blocked or full: same contract, nothing survives
 * the page (so the person is asked again next time; nothing is granted by default).
 */
export function memoryStore(): ConsentStore {
  const records = new Map<string, AnyConsentRecord>();
  const outbox = new Map<string, ConsentRecord>();
  const notices = new Map<string, PendingNotice>();
  let subject: SubjectInfo | undefined;
  return {
    persistent: false,
    async siteHistory(siteId) {
      return [...records.values()].filter((r) => r.siteId === siteId);
    },
    async allHistory() {
      return [...records.values()];
    },
    async append(record, deliver, notice) {
      records.set(record.id, record);
      if (deliver && record.receivedAt === undefined) outbox.set(record.id, record as ConsentRecord);
      if (deliver && notice) notices.set(notice.hash, notice);
    },
    async pendingNotices() {
      return [...notices.values()];
    },
    async noticeRegistered(hash) {
      notices.delete(hash);
    },
    async outbox() {
      return [...outbox.values()];
    },
    async delivered(results) {
      for (const { id } of results) outbox.delete(id);
    },
    // Receipts are kept in IndexedDB only (issue 11): here they would die with the page, and the
    // SDK's bytes are budgeted. The extension still gets them from the IndexedDB announce next time.
    async receipts() {
      return [];
    },
    async setAside(record, _reason, replacement) {
      outbox.delete(record.id);
      if (!replacement) return;
      records.delete(record.id);
      records.set(replacement.id, replacement);
      outbox.set(replacement.id, replacement);
    },
    async subject() {
      return subject;
    },
    async adoptSubject(next, from) {
      subject = next;
      if (!from || from === next.subjectId) return;
      for (const record of outbox.values()) {
        if (record.subjectId !== from) continue;
        const moved = { ...record, subjectId: next.subjectId };
        outbox.set(moved.id, moved);
        records.set(moved.id, moved);
      }
    },
  };
}
