import { type AnyConsentRecord, type ExportRecord, formatIssues } from '@coreitsm/protocol';
import { type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import * as z from 'zod/mini';
import { gpcAtSite } from '../background/gpc-at-site.js';
import { plainExportRow } from './check-row.js';
import { pageRows, rowKey, updateExportPages } from './export-pages.js';
import type { ExportVisitor, ExtensionStore, HistoryPage } from './extension-store.js';
import { DB_VERSION, type ExtensionDb, type RecencyKey, upgradeDb, withSharing } from './idb-schema.js';
import { recordOrder } from './record-order.js';
import {
  OutboxItemSchema,
  SETTING_DEFAULTS,
  SettingSchemas,
  type Settings,
  STORE_SCHEMA_VERSION,
  StoredIconSchema,
  StoredKeySetSchema,
  type StoredRecord,
  StoredRecordSchema,
  StoredRightsRequestSchema,
  StoredSiteSchema,
  StoredSummarySchema,
} from './schemas.js';

export const DB_NAME = 'coreitsm-extension';

/** Parses rows read back; a bad row is reported and skipped rather than breaking the whole list. */
function parseRows<T>(schema: z.ZodMiniType<T>, rows: readonly unknown[], store: string): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = z.safeParse(schema, row);
    if (parsed.success) out.push(parsed.data);
    else console.warn(`[coreitsm] skipped a bad row in "${store}": ${formatIssues(parsed.error)}`);
  }
  return out;
}

/**
 * Opens (and migrates) the extension's IndexedDB.
 *
 * @example
 * const store = await openIdbStore(); // in the background
 * const store = await openIdbStore(`test-${n}`); // in a unit test, over fake-indexeddb/auto
 */
export async function openIdbStore(name = DB_NAME): Promise<ExtensionStore> {
  const db = await openDB<ExtensionDb>(name, DB_VERSION, {
    upgrade: (database, oldVersion, _newVersion, tx) => upgradeDb(database, oldVersion, tx),
  });
  return createStore(db);
}

type WriteTx = IDBPTransaction<ExtensionDb, ('records' | 'summaries' | 'exportPages')[], 'readwrite'>;

/** Packed pages read per request by the export (~4,000 records: one Blob part each). */
const EXPORT_BATCH_PAGES = 16;

/** One origin's whole range in the byOriginRecency index (an array key sorts after any number). */
const originRange = (origin: string) => IDBKeyRange.bound([origin], [origin, []]);

/** Just the receipt of a raw row (the rest of it is about to be replaced). */
const KeptReceiptSchema = z.object({ receipt: StoredRecordSchema.shape.receipt });

/** The fields of a raw row its index key is made of (a row the index holds has them). */
const KeyFieldsSchema = z.object({
  at: z.number(),
  rank: z.number(),
  origin: z.string(),
  record: z.object({ id: z.string() }),
});

/** A row as the exports carry it: the record, and its kept receipt beside it. */
const exported = (row: StoredRecord): ExportRecord =>
  row.receipt === undefined ? row.record : { ...row.record, receipt: row.receipt };

/** Recounts an origin's summary inside the write's own transaction: it can never drift from the rows. */
async function refreshSummary(tx: WriteTx, origin: string): Promise<void> {
  const records = tx.objectStore('records');
  const recordCount = await records.index('byOrigin').count(origin);
  const newest = await records.index('byOriginRecency').openCursor(originRange(origin), 'prev');
  const parsed = newest ? z.safeParse(StoredRecordSchema, newest.value) : null;
  await tx.objectStore('summaries').put({
    schemaVersion: STORE_SCHEMA_VERSION,
    origin,
    recordCount,
    lastRecordAt: parsed?.success ? parsed.data.record.createdAt : null,
    gpc: parsed?.success ? gpcAtSite(parsed.data.record) : null,
  });
}

function createStore(db: IDBPDatabase<ExtensionDb>): ExtensionStore {
  return {
    async getSite(origin) {
      const row = await db.get('sites', origin);
      return row === undefined ? undefined : parseRows(StoredSiteSchema, [row], 'sites')[0];
    },
    async listSites() {
      return parseRows(StoredSiteSchema, await db.getAll('sites'), 'sites');
    },
    async firstSites(limit) {
      const tx = db.transaction(['sites', 'summaries']);
      const sites = tx.objectStore('sites');
      const [total, sharing, raws] = await Promise.all([
        sites.count(),
        sites.index('bySharing').count(1),
        sites.index('byList').getAll(undefined, limit),
      ]);
      const rows = parseRows(StoredSiteSchema, raws, 'sites');
      const summaries = tx.objectStore('summaries');
      const found = await Promise.all(rows.map((site) => summaries.get(site.origin)));
      await tx.done;
      return {
        sites: rows,
        summaries: parseRows(
          StoredSummarySchema,
          found.filter((row) => row !== undefined),
          'summaries',
        ),
        total,
        sharing,
        more: total > raws.length,
      };
    },
    async putSite(site) {
      // With its `sharing` beside it: the summary line counts sites by that index (version 5).
      await db.put('sites', withSharing(site));
    },
    async forgetSite(origin) {
      const tx = db.transaction(
        ['sites', 'records', 'outbox', 'summaries', 'icons', 'exportPages'],
        'readwrite',
      );
      const existed = (await tx.objectStore('sites').getKey(origin)) !== undefined;
      const recordKeys = await tx.objectStore('records').index('byOrigin').getAllKeys(origin);
      // Outbox rows are read raw: a row that no longer parses must go too.
      const queued = (await tx.objectStore('outbox').getAll()).filter(
        (item) => (item as { origin?: unknown }).origin === origin,
      );
      await Promise.all([
        tx.objectStore('sites').delete(origin),
        tx.objectStore('summaries').delete(origin),
        tx.objectStore('icons').delete(origin),
        ...recordKeys.map((key) => tx.objectStore('records').delete(key)),
        ...queued.map((item) => tx.objectStore('outbox').delete(item.id)),
        updateExportPages(tx.objectStore('exportPages'), { removed: recordKeys, written: [] }),
        tx.done,
      ]);
      return existed;
    },
    async putRecords(origin, records, receipts = {}) {
      const tx = db.transaction(['records', 'summaries', 'exportPages'], 'readwrite');
      const store = tx.objectStore('records');
      // One row per record id (the last given wins), as when rows were keyed by origin and id.
      const byId = new Map(records.map((record) => [record.id, record]));
      const removed: RecencyKey[] = [];
      const written: StoredRecord[] = [];
      await Promise.all(
        [...byId.values()].map(async (record) => {
          // A kept receipt stays as first given (see ExtensionStore.putRecords); read raw, parsed.
          const byOriginId = store.index('byOriginId');
          const [raw, oldKey] = await Promise.all([
            byOriginId.get([origin, record.id]),
            byOriginId.getKey([origin, record.id]),
          ]);
          const before = z.safeParse(KeptReceiptSchema, raw);
          const receipt = (before.success ? before.data.receipt : undefined) ?? receipts[record.id];
          // The same id with another time or choices has another key (or a row that no longer
          // parses is in its place): the old row goes.
          const order = recordOrder(record);
          const moved =
            oldKey !== undefined && indexedDB.cmp(oldKey, [order.at, order.rank, record.id, origin]) !== 0;
          if (moved) {
            await store.delete(oldKey);
            removed.push(oldKey);
          }
          const row: StoredRecord = {
            schemaVersion: STORE_SCHEMA_VERSION,
            origin,
            record,
            ...order,
            ...(receipt === undefined ? {} : { receipt }),
          };
          await store.put(row);
          // An announce brings back a whole history: the export's page is rewritten only for a change.
          if (moved || JSON.stringify(raw) !== JSON.stringify(row)) written.push(row);
        }),
      );
      await updateExportPages(tx.objectStore('exportPages'), { removed, written });
      await refreshSummary(tx, origin);
      await tx.done;
    },
    async trimRecords(origin, keep) {
      const tx = db.transaction(['records', 'summaries', 'exportPages'], 'readwrite');
      const index = tx.objectStore('records').index('byOriginRecency');
      let excess = (await index.count(originRange(origin))) - keep;
      if (excess <= 0) {
        await tx.done;
        return null;
      }
      // Oldest first: the recency index is in compareRecency order.
      const dates: string[] = [];
      const removed: RecencyKey[] = [];
      let cursor = await index.openCursor(originRange(origin));
      while (cursor && excess > 0) {
        const parsed = z.safeParse(StoredRecordSchema, cursor.value);
        if (parsed.success) dates.push(parsed.data.record.createdAt);
        removed.push(cursor.primaryKey);
        await cursor.delete();
        excess--;
        cursor = await cursor.continue();
      }
      await updateExportPages(tx.objectStore('exportPages'), { removed, written: [] });
      await refreshSummary(tx, origin);
      await tx.done;
      dates.sort();
      return { count: dates.length, from: dates[0] ?? '', to: dates.at(-1) ?? '' };
    },
    async pageHistory(origin, { before, limit }): Promise<HistoryPage> {
      const tx = db.transaction('records');
      const index = tx.store.index('byOriginRecency');
      let range = originRange(origin);
      if (before !== undefined) {
        const raw = await tx.store.index('byOriginId').get([origin, before]);
        const key = raw === undefined ? undefined : z.safeParse(KeyFieldsSchema, raw);
        if (!key?.success) throw new Error(`no stored record ${before} of ${origin}`);
        range = IDBKeyRange.bound(
          [origin],
          [origin, key.data.at, key.data.rank, key.data.record.id],
          false,
          true,
        );
      }
      const raws: unknown[] = [];
      let cursor = await index.openCursor(range, 'prev');
      while (cursor && raws.length <= limit) {
        raws.push(cursor.value);
        cursor = await cursor.continue();
      }
      const more = raws.length > limit;
      const rows = parseRows(StoredRecordSchema, raws.slice(0, limit), 'records');
      const receipts: Record<string, string> = {};
      for (const row of rows) if (row.receipt !== undefined) receipts[row.record.id] = row.receipt;
      return { records: rows.map((row) => row.record), more, receipts };
    },
    async countAllRecords() {
      return db.count('records');
    },
    async exportPage(after, limit) {
      const range = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      // The store itself, in key order (recency since version 4): no index lookups per row.
      const raws: unknown[] = await db.getAll('records', range, limit);
      const last = raws.length === 0 ? null : z.safeParse(KeyFieldsSchema, raws.at(-1));
      const lastKey: RecencyKey | null = last?.success
        ? [last.data.at, last.data.rank, last.data.record.id, last.data.origin]
        : null;
      // Every row checked before use: the cheap check when it can vouch for the row (check-row.ts),
      // else the zod parse, which skips a bad row as every other read does.
      const records: ExportRecord[] = [];
      for (const raw of raws) {
        const plain = plainExportRow(raw);
        if (plain !== null) records.push(plain);
        else for (const row of parseRows(StoredRecordSchema, [raw], 'records')) records.push(exported(row));
      }
      return { records, lastKey, read: raws.length };
    },
    async readExport(visit: ExportVisitor) {
      // One read-only transaction: writers wait (about a second at 100,000 records) and the file is
      // one consistent snapshot. `visit` is synchronous, so the transaction stays open between reads.
      const tx = db.transaction(['records', 'exportPages']);
      const count = await tx.objectStore('records').count();
      visit.begin(count);
      const pages = tx.objectStore('exportPages');
      let written = 0;
      let last: RecencyKey | null = null;
      let inOrder = true;
      let after: IDBKeyRange | undefined;
      for (;;) {
        const [values, keys] = await Promise.all([
          pages.getAll(after, EXPORT_BATCH_PAGES),
          pages.getAllKeys(after, EXPORT_BATCH_PAGES),
        ]);
        const records: ExportRecord[] = [];
        for (const value of values) {
          const rows = pageRows(value);
          if (rows === null) {
            inOrder = false; // not a page: its rows are unknown, so the file would lack them
            continue;
          }
          for (const raw of rows) {
            // The rows' own check (as exportPage), and the keys strictly rising: a page out of step
            // with the rows is noticed, not written.
            const key = rowKey(raw);
            // Times almost always differ: the full key comparison only for a tie.
            if (key === null || (last !== null && !(key[0] > last[0] || indexedDB.cmp(last, key) < 0)))
              inOrder = false;
            else last = key;
            const plain = plainExportRow(raw);
            if (plain !== null) records.push(plain);
            else
              for (const row of parseRows(StoredRecordSchema, [raw], 'exportPages'))
                records.push(exported(row));
          }
        }
        written += records.length;
        if (records.length > 0) visit.records(records);
        const lastPage = keys.at(-1);
        if (values.length < EXPORT_BATCH_PAGES || lastPage === undefined) break;
        after = IDBKeyRange.lowerBound(lastPage, true);
      }
      await tx.done;
      return inOrder && written === count;
    },
    async listSummaries() {
      return parseRows(StoredSummarySchema, await db.getAll('summaries'), 'summaries');
    },
    async listRecords(origin) {
      const rows =
        origin === undefined
          ? await db.getAll('records')
          : await db.getAllFromIndex('records', 'byOrigin', origin);
      return parseRows(StoredRecordSchema, rows, 'records').map((row): AnyConsentRecord => row.record);
    },
    async countRecordsByOrigin(origins) {
      const index = db.transaction('records').store.index('byOrigin');
      const counts = await Promise.all(origins.map((origin) => index.count(origin)));
      return new Map(origins.map((origin, i) => [origin, counts[i] ?? 0]));
    },
    async listOutbox() {
      return parseRows(OutboxItemSchema, await db.getAll('outbox'), 'outbox');
    },
    async putOutbox(item) {
      await db.put('outbox', item);
    },
    async deleteOutbox(id) {
      await db.delete('outbox', id);
    },
    async listRights() {
      return parseRows(StoredRightsRequestSchema, await db.getAll('rights'), 'rights');
    },
    async putRights(entry) {
      await db.put('rights', entry);
    },
    async getKeySet(api) {
      const row = await db.get('keysets', api);
      return row === undefined ? undefined : parseRows(StoredKeySetSchema, [row], 'keysets')[0];
    },
    async putKeySet(keySet) {
      await db.put('keysets', keySet);
    },
    async getIcon(origin) {
      const row = await db.get('icons', origin);
      return row === undefined ? undefined : parseRows(StoredIconSchema, [row], 'icons')[0];
    },
    async putIcon(icon) {
      await db.put('icons', icon);
    },
    async listIcons(origins) {
      const store = db.transaction('icons').store;
      const rows = await Promise.all(origins.map((origin) => store.get(origin)));
      return parseRows(
        StoredIconSchema,
        rows.filter((row) => row !== undefined),
        'icons',
      );
    },
    async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
      const row = await db.get('settings', key);
      if (row === undefined) return SETTING_DEFAULTS[key];
      const parsed = z.safeParse(SettingSchemas[key], row.value);
      if (parsed.success) return parsed.data as Settings[K];
      console.warn(
        `[coreitsm] setting "${key}" is malformed, using the default: ${formatIssues(parsed.error)}`,
      );
      return SETTING_DEFAULTS[key];
    },
    async setSetting(key, value) {
      await db.put('settings', { key, value });
    },
  };
}
