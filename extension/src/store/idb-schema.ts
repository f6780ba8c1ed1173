import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import * as z from 'zod/mini';
import { recordOrder } from './record-order.js';
import {
  type OutboxItem,
  STORE_SCHEMA_VERSION,
  type StoredIcon,
  type StoredKeySet,
  type StoredRecord,
  StoredRecordSchema,
  type StoredRightsRequest,
  type StoredSite,
  type StoredSummary,
} from './schemas.js';

/** Index keys: `[at, rank, record id, origin]` orders every record as `compareRecency` does. */
export type RecencyKey = [number, number, string, string];
/** `[origin, at, rank, record id]`: one origin's history in recency order. */
export type OriginRecencyKey = [string, number, number, string];

/** The database's shape for idb's typed API; every value is parsed on read all the same. */
export interface ExtensionDb extends DBSchema {
  sites: { key: string; value: StoredSite };
  records: {
    key: [string, string];
    value: StoredRecord;
    indexes: { byOrigin: string; byRecency: RecencyKey; byOriginRecency: OriginRecencyKey };
  };
  summaries: { key: string; value: StoredSummary };
  outbox: { key: string; value: OutboxItem };
  rights: { key: string; value: StoredRightsRequest };
  settings: { key: string; value: { key: string; value: unknown } };
  /** Receipt keys pinned per server (version 3, issue 11), keyed by the server's base URL. */
  keysets: { key: string; value: StoredKeySet };
  /** Site icons (version 4, issue 11), keyed by origin. */
  icons: { key: string; value: StoredIcon };
}

export const DB_VERSION = 4;

type UpgradeTx = IDBPTransaction<ExtensionDb, StoreNames<ExtensionDb>[], 'versionchange'>;

/**
 * Creates or migrates the database. Version 2 (issue 11): the recency indexes (the export and a
 * site's history are read in pages, in order, instead of all at once and sorted) and per-origin
 * summaries (the popup lists sites without counting histories). Existing rows get their sort keys
 * and their origin's summary; a row that does not parse is left as it was (reads skip it anyway).
 * Version 3 (issue 11): the pinned receipt keys; record rows gain an optional `receipt` (no rewrite).
 * Version 4 (issue 11): site icons, one row per origin.
 */
export async function upgradeDb(
  database: IDBPDatabase<ExtensionDb>,
  oldVersion: number,
  tx: UpgradeTx,
): Promise<void> {
  if (oldVersion < 1) {
    database.createObjectStore('sites', { keyPath: 'origin' });
    const records = database.createObjectStore('records', { keyPath: ['origin', 'record.id'] });
    records.createIndex('byOrigin', 'origin');
    database.createObjectStore('outbox', { keyPath: 'id' });
    database.createObjectStore('rights', { keyPath: 'id' });
    database.createObjectStore('settings', { keyPath: 'key' });
  }
  if (oldVersion < 2) {
    const records = tx.objectStore('records');
    records.createIndex('byRecency', ['at', 'rank', 'record.id', 'origin'], { unique: true });
    records.createIndex('byOriginRecency', ['origin', 'at', 'rank', 'record.id'], { unique: true });
    const summaries = database.createObjectStore('summaries', { keyPath: 'origin' });
    const seen = new Map<string, { count: number; last: { at: number; createdAt: string } | null }>();
    let cursor = await records.openCursor();
    while (cursor) {
      const parsed = z.safeParse(StoredRecordSchema, cursor.value);
      if (parsed.success) {
        const row = parsed.data;
        const order = recordOrder(row.record);
        await cursor.update({ ...row, ...order });
        const entry = seen.get(row.origin) ?? { count: 0, last: null };
        entry.count++;
        if (!entry.last || order.at > entry.last.at)
          entry.last = { at: order.at, createdAt: row.record.createdAt };
        seen.set(row.origin, entry);
      }
      cursor = await cursor.continue();
    }
    for (const [origin, entry] of seen)
      await summaries.put({
        schemaVersion: STORE_SCHEMA_VERSION,
        origin,
        recordCount: entry.count,
        lastRecordAt: entry.last?.createdAt ?? null,
      });
  }
  if (oldVersion < 3) database.createObjectStore('keysets', { keyPath: 'api' });
  if (oldVersion < 4) database.createObjectStore('icons', { keyPath: 'origin' });
}
