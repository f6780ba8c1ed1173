import type { AnyConsentRecord, ExportRecord } from '@coreitsm/protocol';
import type { RecencyKey } from './idb-schema.js';
import type {
  OutboxItem,
  Settings,
  StoredIcon,
  StoredKeySet,
  StoredRightsRequest,
  StoredSite,
  StoredSummary,
  TrimmedHistory,
} from './schemas.js';

/** One page of a site's history, newest first; `more`: older records follow. */
export interface HistoryPage {
  records: AnyConsentRecord[];
  more: boolean;
  /** The kept receipts of these records, by record id (issue 11). */
  receipts: Record<string, string>;
}

/** One page of every record in export order; `lastKey` continues after it (null: nothing was read). */
export interface ExportPage {
  /** Each with its kept receipt beside it, as the exports carry it (issue 11). */
  records: ExportRecord[];
  lastKey: RecencyKey | null;
  /** Rows read (a row that does not parse is skipped, so `records` may be shorter). */
  read: number;
}

/**
 * Receives the export's records as they are read (`readExport`): `begin` with how many records the
 * store holds, then batches in export order. Synchronous, so the read's transaction stays open.
 */
export interface ExportVisitor {
  begin(count: number): void;
  records(batch: readonly ExportRecord[]): void;
}

/**
 * The background's storage, as the handlers see it. One implementation over IndexedDB
 * (idb-store.ts); handlers take it as a parameter, so unit tests pass fake-indexeddb or a map.
 */
/** The popup list's first window of sites, and counts over every site (`firstSites`). */
export interface SitesWindow {
  /** Up to `limit` sites in list order (site id, then origin; a row that does not parse is skipped). */
  sites: StoredSite[];
  /** The summaries of those sites' origins. */
  summaries: StoredSummary[];
  /** Every site row, and those whose site may use data for marketing or sell/share it. */
  total: number;
  sharing: number;
  /** Rows follow the window. */
  more: boolean;
}

export interface ExtensionStore {
  getSite(origin: string): Promise<StoredSite | undefined>;
  listSites(): Promise<StoredSite[]>;
  /**
   * The first `limit` sites in list order with their summaries, and the summary line's counts, in
   * one transaction and without reading the other rows (the indexes of database version 5).
   */
  firstSites(limit: number): Promise<SitesWindow>;
  putSite(site: StoredSite): Promise<void>;
  /**
   * Forgets an origin (issue 10, finding 12): its site row (with its pending revocations), its
   * history and its queued server calls, in one transaction. Answers whether a row existed.
   */
  forgetSite(origin: string): Promise<boolean>;
  /**
   * Adds or replaces records of one site (keyed by origin and record id), with the receipts given
   * for them by record id. A record's kept receipt is never replaced or dropped: the site that
   * hands receipts over is the party they hold to account, so only a record without one takes one.
   */
  putRecords(
    origin: string,
    records: readonly AnyConsentRecord[],
    receipts?: Readonly<Record<string, string>>,
  ): Promise<void>;
  /**
   * Keeps the newest `keep` records of an origin and deletes the rest; answers what was dropped
   * (count and date range), or null when nothing was.
   */
  trimRecords(origin: string, keep: number): Promise<TrimmedHistory | null>;
  /** Records of one origin, or of every site when `origin` is undefined. */
  listRecords(origin?: string): Promise<AnyConsentRecord[]>;
  /** Record counts of many origins in one transaction (the popup lists up to thousands of sites). */
  countRecordsByOrigin(origins: readonly string[]): Promise<Map<string, number>>;
  /**
   * Up to `limit` records of one origin, newest first, older than the record `before` (by id)
   * when given: a history is read a page at a time through the recency index.
   */
  pageHistory(origin: string, page: { before?: string | undefined; limit: number }): Promise<HistoryPage>;
  /** How many records the export will hold. */
  countAllRecords(): Promise<number>;
  /** Up to `limit` records of every site, oldest first, after `after` (null: from the start). */
  exportPage(after: RecencyKey | null, limit: number): Promise<ExportPage>;
  /**
   * Every record in export order from the packed pages (database version 6), each row checked as
   * `exportPage` checks it, in one transaction. Answers whether the pages held exactly the store's
   * records in strictly rising key order; when not, what was visited must be dropped and the export
   * read with `exportPage` (the rows themselves).
   */
  readExport(visit: ExportVisitor): Promise<boolean>;
  /** Per-origin summaries (record count, newest record), kept current by every write. */
  listSummaries(): Promise<StoredSummary[]>;
  listOutbox(): Promise<OutboxItem[]>;
  putOutbox(item: OutboxItem): Promise<void>;
  deleteOutbox(id: string): Promise<void>;
  listRights(): Promise<StoredRightsRequest[]>;
  putRights(entry: StoredRightsRequest): Promise<void>;
  /** The receipt keys pinned for a server (by its base URL), if any. */
  getKeySet(api: string): Promise<StoredKeySet | undefined>;
  putKeySet(keySet: StoredKeySet): Promise<void>;
  /** The kept icon of an origin, if any. */
  getIcon(origin: string): Promise<StoredIcon | undefined>;
  putIcon(icon: StoredIcon): Promise<void>;
  /** The kept icons of these origins (the popup asks for the rows it shows). */
  listIcons(origins: readonly string[]): Promise<StoredIcon[]>;
  getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]>;
  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>;
}
