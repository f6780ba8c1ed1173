import type { Choices, ConsentRecord, Method } from '@coreitsm/protocol';
import { buildRecord } from '../core/build-record.js';
import { makeNotice } from '../core/notice.js';
import type { SdkConfig } from '../core/types.js';
import { uuidV7 } from '../core/uuid-v7.js';
import { noticeKey } from '../storage/db-schema.js';
import { isSubjectInfo } from './check-subject.js';
import { writeCopy } from './decision-copy.js';

export interface DecisionInput {
  choices: Choices;
  method: Method;
  gpc: boolean;
  language: string;
  previous: string | null;
  /** The server's clock when known (sync/server-clock.ts): the server refuses records dated ahead of it. */
  now: Date;
}

/**
 * Stores a decision made on the banner before the full runtime has loaded, with the raw
 * IndexedDB API (no idb, no zod): the record, its outbox entry when a server is configured, and
 * a local subject if there is none yet, the notice it names until the server has it, and the
 * synchronous copy of the latest record (decision-copy.ts) — one transaction, resolved only once it has committed
 * (`strict` durability: flushed to disk), so the banner closes on a stored decision. The full
 * runtime later reads the same stores (zod-parsed) and delivers the outbox.
 */
export async function writeDecision(
  db: IDBDatabase,
  config: SdkConfig,
  input: DecisionInput,
  /** The banner's texts on screen when the person clicked (ui/banner-dom.ts): what this decision was made on. */
  texts: Record<string, string>,
): Promise<ConsentRecord> {
  // No WebCrypto (a page served over plain http) rejects here: first-visit.ts then hands the
  // decision to the runtime, which records it without `noticeHash` (boot.ts, noticeOf).
  const notice = await makeNotice(config, input.language, texts, []);
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['records', 'outbox', 'meta'], 'readwrite', { durability: 'strict' });
    let record: ConsentRecord | undefined;
    const meta = tx.objectStore('meta');
    const read = meta.get('subject');
    read.onsuccess = () => {
      let subjectId: string;
      if (isSubjectInfo(read.result)) subjectId = read.result.subjectId;
      else {
        // A local subject until the server issues one (the full runtime's rule, consent-runtime.ts).
        subjectId = `sub_${uuidV7().replaceAll('-', '')}`;
        meta.put({ subjectId, token: null, api: null }, 'subject');
      }
      record = buildRecord(config, { ...input, id: uuidV7(), subjectId, noticeHash: notice.hash });
      tx.objectStore('records').put(record, record.id);
      writeCopy(tx, config.siteId);
      if (config.api) {
        tx.objectStore('outbox').put(record, record.id);
        meta.put(notice, noticeKey(notice.hash));
      }
    };
    tx.oncomplete = () => (record ? resolve(record) : reject(new Error('not written')));
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}
