import { type AnyConsentRecord, compareRecency, formatIssues } from '@coreitsm/protocol';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import * as z from 'zod/mini';
import type { ExtensionStore } from './extension-store.js';
import {
  type OutboxItem,
  OutboxItemSchema,
  SETTING_DEFAULTS,
  SettingSchemas,
  type Settings,
  STORE_SCHEMA_VERSION,
  type StoredRecord,
  StoredRecordSchema,
  type StoredRightsRequest,
  StoredRightsRequestSchema,
  type StoredSite,
  StoredSiteSchema,
} from './schemas.js';

/** The database's shape for idb's typed API; values are `unknown` until parsed. */
interface ExtensionDb extends DBSchema {
  sites: { key: string; value: StoredSite };
  records: { key: [string, string]; value: StoredRecord; indexes: { byOrigin: string } };
  outbox: { key: string; value: OutboxItem };
  rights: { key: string; value: StoredRightsRequest };
  settings: { key: string; value: { key: string; value: unknown } };
}

export const DB_NAME = 'coreitsm-extension';
const DB_VERSION = 1;

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
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('sites', { keyPath: 'origin' });
        const records = database.createObjectStore('records', { keyPath: ['origin', 'record.id'] });
        records.createIndex('byOrigin', 'origin');
        database.createObjectStore('outbox', { keyPath: 'id' });
        database.createObjectStore('rights', { keyPath: 'id' });
        database.createObjectStore('settings', { keyPath: 'key' });
      }
    },
  });
  return createStore(db);
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
    async putSite(site) {
      await db.put('sites', site);
    },
    async forgetSite(origin) {
      const tx = db.transaction(['sites', 'records', 'outbox'], 'readwrite');
      const existed = (await tx.objectStore('sites').getKey(origin)) !== undefined;
      const recordKeys = await tx.objectStore('records').index('byOrigin').getAllKeys(origin);
      // Outbox rows are read raw: a row that no longer parses must go too.
      const queued = (await tx.objectStore('outbox').getAll()).filter(
        (item) => (item as { origin?: unknown }).origin === origin,
      );
      await Promise.all([
        tx.objectStore('sites').delete(origin),
        ...recordKeys.map((key) => tx.objectStore('records').delete(key)),
        ...queued.map((item) => tx.objectStore('outbox').delete(item.id)),
        tx.done,
      ]);
      return existed;
    },
    async putRecords(origin, records) {
      const tx = db.transaction('records', 'readwrite');
      await Promise.all([
        ...records.map((record) => tx.store.put({ schemaVersion: STORE_SCHEMA_VERSION, origin, record })),
        tx.done,
      ]);
    },
    async trimRecords(origin, keep) {
      const tx = db.transaction('records', 'readwrite');
      const rows = parseRows(StoredRecordSchema, await tx.store.index('byOrigin').getAll(origin), 'records');
      if (rows.length <= keep) {
        await tx.done;
        return null;
      }
      const dropped = rows
        .map((row) => row.record)
        .sort((a, b) => compareRecency(b, a))
        .slice(keep);
      await Promise.all([...dropped.map((r) => tx.store.delete([origin, r.id])), tx.done]);
      const dates = dropped.map((r) => r.createdAt).sort();
      return { count: dropped.length, from: dates[0] ?? '', to: dates.at(-1) ?? '' };
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
