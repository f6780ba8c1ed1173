import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import * as z from 'zod/mini';
import { gpcAtSite } from '../background/gpc-at-site.js';
import { storedSiteShares } from '../background/site-view.js';
import { type PageKey, packExportPages, type StoredExportPage } from './export-pages.js';
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
  StoredSiteSchema,
  type StoredSummary,
} from './schemas.js';

/** Index keys: `[at, rank, record id, origin]` orders every record as `compareRecency` does. */
export type RecencyKey = [number, number, string, string];
/** `[origin, at, rank, record id]`: one origin's history in recency order. */
export type OriginRecencyKey = [string, number, number, string];

/** The database's shape for idb's typed API; every value is parsed on read all the same. */
export interface ExtensionDb extends DBSchema {
  /**
   * Since version 5 (issue 11) a row carries `sharing` (1 when `storedSiteShares`, else 0), written by
   * the store on every put, and two indexes: `byList` in the popup's list order (site id, origin), so
   * the popup's first window is read without the rest; `bySharing`, so the summary line is counted.
   */
  sites: {
    key: string;
    value: StoredSite & { sharing?: number };
    indexes: { byList: [string, string]; bySharing: number };
  };
  /**
   * Keyed in `compareRecency` order since version 4 (issue 11): the export reads the store itself,
   * in key order, as fast as a plain `getAll`, instead of going through an index row by row.
   */
  records: {
    key: RecencyKey;
    value: StoredRecord;
    indexes: { byOrigin: string; byOriginId: [string, string]; byOriginRecency: OriginRecencyKey };
  };
  summaries: { key: string; value: StoredSummary };
  outbox: { key: string; value: OutboxItem };
  rights: { key: string; value: StoredRightsRequest };
  settings: { key: string; value: { key: string; value: unknown } };
  /** Receipt keys pinned per server (version 3, issue 11), keyed by the server's base URL. */
  keysets: { key: string; value: StoredKeySet };
  /** Site icons (version 4, issue 11), keyed by origin. */
  icons: { key: string; value: StoredIcon };
  /**
   * The records again, packed a few hundred rows to a value in key order (version 6, issue 11): what
   * the export reads. Out-of-line keys: each page's key is where its range of record keys starts.
   */
  exportPages: { key: PageKey; value: StoredExportPage };
}

export const DB_VERSION = 6;

type UpgradeTx = IDBPTransaction<ExtensionDb, StoreNames<ExtensionDb>[], 'versionchange'>;

interface OriginTally {
  count: number;
  last: { at: number; rank: number; id: string; record: StoredRecord['record'] } | null;
}

/**
 * Creates or migrates the database.
 * - Version 2 (issue 11): per-origin summaries (the popup lists sites without counting histories).
 * - Version 3 (issue 11): the pinned receipt keys; record rows gain an optional `receipt`.
 * - Version 4 (issue 11): site icons; and the records store keyed `[at, rank, record.id, origin]`
 *   (the order of `compareRecency`; `byOriginId` finds a record by origin and id, `byOriginRecency`
 *   pages one origin's history). Rows are copied over with their sort keys; a row that does not
 *   parse cannot be given one and is dropped (every read skipped it anyway). A version-1 database
 *   gets its summaries counted from the rows on the way.
 * - Version 5 (issue 11): the sites store's `byList` and `bySharing` indexes; every row that parses
 *   is written again with its `sharing` (a row that does not is left as it was: every read skips it).
 * - Version 6 (issue 11): the `exportPages` store, packed from every record row that parses (in key
 *   order); a row that does not stays in `records` as it was (the export then reads the rows, as
 *   before: see export-file.ts).
 */
export async function upgradeDb(
  database: IDBPDatabase<ExtensionDb>,
  oldVersion: number,
  tx: UpgradeTx,
): Promise<void> {
  if (oldVersion < 1) {
    database.createObjectStore('sites', { keyPath: 'origin' });
    database.createObjectStore('outbox', { keyPath: 'id' });
    database.createObjectStore('rights', { keyPath: 'id' });
    database.createObjectStore('settings', { keyPath: 'key' });
  }
  if (oldVersion < 2) database.createObjectStore('summaries', { keyPath: 'origin' });
  if (oldVersion < 3) database.createObjectStore('keysets', { keyPath: 'api' });
  if (oldVersion < 4) {
    database.createObjectStore('icons', { keyPath: 'origin' });
    const names = database.objectStoreNames as DOMStringList;
    const old: unknown[] = names.contains('records') ? await tx.objectStore('records').getAll() : [];
    if (names.contains('records')) database.deleteObjectStore('records');
    const records = database.createObjectStore('records', { keyPath: ['at', 'rank', 'record.id', 'origin'] });
    records.createIndex('byOrigin', 'origin');
    records.createIndex('byOriginId', ['origin', 'record.id'], { unique: true });
    records.createIndex('byOriginRecency', ['origin', 'at', 'rank', 'record.id'], { unique: true });
    const tally = new Map<string, OriginTally>();
    for (const raw of old) {
      const parsed = z.safeParse(StoredRecordSchema, raw);
      if (!parsed.success) continue;
      const row = parsed.data;
      const order = recordOrder(row.record);
      await records.put({ ...row, ...order });
      const entry = tally.get(row.origin) ?? { count: 0, last: null };
      entry.count++;
      const key = { ...order, id: row.record.id, record: row.record };
      const l = entry.last;
      if (
        !l ||
        key.at > l.at ||
        (key.at === l.at && (key.rank > l.rank || (key.rank === l.rank && key.id > l.id)))
      )
        entry.last = key;
      tally.set(row.origin, entry);
    }
    if (oldVersion < 2) {
      const summaries = tx.objectStore('summaries');
      for (const [origin, entry] of tally)
        await summaries.put({
          schemaVersion: STORE_SCHEMA_VERSION,
          origin,
          recordCount: entry.count,
          lastRecordAt: entry.last?.record.createdAt ?? null,
          gpc: entry.last ? gpcAtSite(entry.last.record) : null,
        });
    }
  }
  if (oldVersion < 5) {
    const sites = tx.objectStore('sites');
    sites.createIndex('byList', ['siteId', 'origin']);
    sites.createIndex('bySharing', 'sharing');
    for (const raw of oldVersion < 1 ? [] : await sites.getAll()) {
      const parsed = z.safeParse(StoredSiteSchema, raw);
      // The row as it was (nothing of it dropped), plus its `sharing`.
      if (parsed.success)
        await sites.put({ ...(raw as StoredSite), sharing: withSharing(parsed.data).sharing });
    }
  }
  if (oldVersion < 6) {
    const pages = database.createObjectStore('exportPages');
    // Rows as they are (the export checks them again on every read), in the store's key order.
    const rows = (await tx.objectStore('records').getAll()).filter(
      (raw) => z.safeParse(StoredRecordSchema, raw).success,
    );
    await packExportPages(pages, rows);
  }
}

/** A site row as the store writes it (version 5): with `sharing` for the `bySharing` index. */
export const withSharing = (site: StoredSite): StoredSite & { sharing: number } => ({
  ...site,
  sharing: storedSiteShares(site) ? 1 : 0,
});
