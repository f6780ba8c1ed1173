import type { DBSchema } from 'idb';

/**
 * The IndexedDB layout. Values are typed `unknown` on purpose: whatever comes back from storage is
 * parsed before use (another script of the origin, an old version or a full disk may have left
 * anything there).
 */
export interface ConsentDb extends DBSchema {
  /** Append-only history, keyed by record id. */
  records: { key: string; value: unknown; indexes: { 'by-site': string } };
  /** Records not yet confirmed stored by the server, keyed by record id. */
  outbox: { key: string; value: unknown };
  /** Records the server refused for good, keyed by record id: `{ record, reason }` (kept, not resent). */
  refused: { key: string; value: unknown };
  /** The server's receipt for each delivered record: `{ id, receipt }` (a compact JWS), keyed by `id` (v4, issue 11). */
  receipts: { key: string; value: unknown };
  /**
   * Small settings: `subject`; and `notice:<hash>` → `{ hash, notice }`, each notice a record names
   * until the server has registered it (written in the record's transaction, so no meta version bump).
   */
  meta: { key: string; value: unknown };
}

export const NOTICE_KEY_PREFIX = 'notice:';
export const noticeKey = (hash: string): string => `${NOTICE_KEY_PREFIX}${hash}`;

export const DB_NAME = 'coreconsent';

/** On the raw `IDBDatabase`: the script tag's critical path opens the database without idb. */
type Upgrade = (db: IDBDatabase) => void;

/**
 * Migrations, one per version, run in order from the stored version to the newest. Never edit a
 * shipped step: add the next one. v1 shipped history + meta; v2 added the outbox; v3 the records
 * the server refused; v4 the server's receipts (a new store beside `records`: no record is touched).
 */
export const MIGRATIONS: readonly Upgrade[] = [
  (db) => {
    const records = db.createObjectStore('records');
    records.createIndex('by-site', 'siteId');
    db.createObjectStore('meta');
  },
  (db) => {
    db.createObjectStore('outbox');
  },
  (db) => {
    db.createObjectStore('refused');
  },
  (db) => {
    db.createObjectStore('receipts', { keyPath: 'id' });
  },
];

export const DB_VERSION = MIGRATIONS.length;
