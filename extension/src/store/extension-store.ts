import type { AnyConsentRecord } from '@coreitsm/protocol';
import type { OutboxItem, Settings, StoredRightsRequest, StoredSite, TrimmedHistory } from './schemas.js';

/**
 * The background's storage, as the handlers see it. One implementation over IndexedDB
 * (idb-store.ts); handlers take it as a parameter, so unit tests pass fake-indexeddb or a map.
 */
export interface ExtensionStore {
  getSite(origin: string): Promise<StoredSite | undefined>;
  listSites(): Promise<StoredSite[]>;
  putSite(site: StoredSite): Promise<void>;
  /**
   * Forgets an origin (issue 10, finding 12): its site row (with its pending revocations), its
   * history and its queued server calls, in one transaction. Answers whether a row existed.
   */
  forgetSite(origin: string): Promise<boolean>;
  /** Adds or replaces records of one site (keyed by origin and record id). */
  putRecords(origin: string, records: readonly AnyConsentRecord[]): Promise<void>;
  /**
   * Keeps the newest `keep` records of an origin and deletes the rest; answers what was dropped
   * (count and date range), or null when nothing was.
   */
  trimRecords(origin: string, keep: number): Promise<TrimmedHistory | null>;
  /** Records of one origin, or of every site when `origin` is undefined. */
  listRecords(origin?: string): Promise<AnyConsentRecord[]>;
  /** Record counts of many origins in one transaction (the popup lists up to thousands of sites). */
  countRecordsByOrigin(origins: readonly string[]): Promise<Map<string, number>>;
  listOutbox(): Promise<OutboxItem[]>;
  putOutbox(item: OutboxItem): Promise<void>;
  deleteOutbox(id: string): Promise<void>;
  listRights(): Promise<StoredRightsRequest[]>;
  putRights(entry: StoredRightsRequest): Promise<void>;
  getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]>;
  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>;
}
