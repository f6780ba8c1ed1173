import type { IDBPObjectStore, StoreNames } from 'idb';
import type { ExtensionDb, RecencyKey } from './idb-schema.js';
import type { StoredRecord } from './schemas.js';

/**
 * The export's packed stored form (database version 6, issue 11): the record rows again, a few
 * hundred to a value, in key order. IndexedDB's cost is per value read (100,000 rows: ~2.5 s even
 * when each is one string; 400 packed values: ~0.1 s), so the export reads these instead of the
 * rows. Each page holds the rows of one range of keys: from its own key (the first page's is
 * `FIRST_PAGE`, below every record key) up to the next page's. Every write to `records` changes
 * the page of each key it writes or deletes in the same transaction (`updateExportPages`). The
 * rows inside are the rows exactly as written, so the export checks them as it checks rows.
 */

/** A page grows to this many rows, then splits in halves: a write rewrites at most ~0.35 MB. */
export const PAGE_ROWS = 512;
/** Rows per page when packing existing rows (the upgrade): room left for inserts before a split. */
export const PACKED_ROWS = 256;
/** The first page's key: below every `RecencyKey`, so each key has a page at or before it. */
export const FIRST_PAGE: [number] = [Number.NEGATIVE_INFINITY];

export type PageKey = RecencyKey | [number];

/** A page as stored: the JSON text of its rows (one string is the cheapest value to read). */
export interface StoredExportPage {
  schemaVersion: 1;
  rows: string;
}

/** The pages store in a write transaction, or in the upgrade's. */
type PagesStore = IDBPObjectStore<
  ExtensionDb,
  ArrayLike<StoreNames<ExtensionDb>>,
  'exportPages',
  'readwrite' | 'versionchange'
>;

/** The key a record row has in `records` (its keyPath), or null when it has none. */
export function rowKey(row: unknown): RecencyKey | null {
  if (typeof row !== 'object' || row === null) return null;
  const r = row as { at?: unknown; rank?: unknown; origin?: unknown; record?: unknown };
  const id =
    typeof r.record === 'object' && r.record !== null ? (r.record as { id?: unknown }).id : undefined;
  if (!Number.isFinite(r.at) || !Number.isFinite(r.rank)) return null;
  if (typeof id !== 'string' || typeof r.origin !== 'string') return null;
  return [r.at as number, r.rank as number, id, r.origin];
}

/** A page's rows, or null when the value is not a page (the export then reads the rows store). */
export function pageRows(value: unknown): unknown[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const { schemaVersion, rows } = value as { schemaVersion?: unknown; rows?: unknown };
  if (schemaVersion !== 1 || typeof rows !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(rows);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export const packPage = (rows: readonly unknown[]): StoredExportPage => ({
  schemaVersion: 1,
  rows: JSON.stringify(rows),
});

/** The rows that change in one write transaction of `records`. */
export interface RowChanges {
  /** Keys deleted from `records`. */
  removed: readonly RecencyKey[];
  /** Rows put into `records` (replacing any row of the same key). */
  written: readonly StoredRecord[];
}

interface LoadedPage {
  key: PageKey;
  rows: { key: RecencyKey; row: unknown }[];
}

/** Index of the first row whose key is ≥ `key` (rows are in key order). */
function lowerBound(rows: LoadedPage['rows'], key: RecencyKey): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (indexedDB.cmp((rows[mid] as LoadedPage['rows'][number]).key, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies one transaction's row changes to the pages, inside that transaction. Pages are read and
 * written one after the other (not in parallel): two changes to one page must not race.
 */
export async function updateExportPages(pages: PagesStore, changes: RowChanges): Promise<void> {
  if (changes.removed.length === 0 && changes.written.length === 0) return;
  const loaded = new Map<string, LoadedPage>();
  const pageOf = async (key: RecencyKey): Promise<LoadedPage> => {
    const cursor = await pages.openCursor(IDBKeyRange.upperBound(key), 'prev');
    const pageKey: PageKey = cursor ? (cursor.key as PageKey) : FIRST_PAGE;
    const id = JSON.stringify(pageKey);
    let page = loaded.get(id);
    if (page === undefined) {
      // A row without a key cannot be placed: it is dropped here (the export skipped it anyway).
      const rows = (cursor ? (pageRows(cursor.value) ?? []) : []).flatMap((row) => {
        const k = rowKey(row);
        return k === null ? [] : [{ key: k, row }];
      });
      page = { key: pageKey, rows };
      loaded.set(id, page);
    }
    return page;
  };
  for (const key of changes.removed) {
    const page = await pageOf(key);
    const at = lowerBound(page.rows, key);
    const found = page.rows[at];
    if (found && indexedDB.cmp(found.key, key) === 0) page.rows.splice(at, 1);
  }
  for (const row of changes.written) {
    const key = rowKey(row);
    if (key === null) continue;
    const page = await pageOf(key);
    const at = lowerBound(page.rows, key);
    const found = page.rows[at];
    page.rows.splice(at, found && indexedDB.cmp(found.key, key) === 0 ? 1 : 0, { key, row });
  }
  for (const page of loaded.values()) await writePage(pages, page);
}

/** Writes a changed page: split in halves while too big, deleted when empty (but the first). */
async function writePage(pages: PagesStore, page: LoadedPage): Promise<void> {
  const isFirst = indexedDB.cmp(page.key, FIRST_PAGE) === 0;
  if (page.rows.length === 0) {
    if (isFirst) await pages.put(packPage([]), page.key);
    else await pages.delete(page.key);
    return;
  }
  let parts = [page.rows];
  while (parts.some((part) => part.length > PAGE_ROWS))
    parts = parts.flatMap((part) =>
      part.length > PAGE_ROWS ? [part.slice(0, part.length >> 1), part.slice(part.length >> 1)] : [part],
    );
  for (const [i, part] of parts.entries()) {
    // The first part keeps the page's key (its range starts there); the others start at their first row.
    const key = i === 0 ? page.key : (part[0] as LoadedPage['rows'][number]).key;
    await pages.put(packPage(part.map((entry) => entry.row)), key);
  }
}

/** Packs rows already in key order into fresh pages (the upgrade to version 6). */
export async function packExportPages(pages: PagesStore, rows: readonly StoredRecord[]): Promise<void> {
  await pages.clear();
  await pages.put(packPage(rows.slice(0, PACKED_ROWS)), FIRST_PAGE);
  for (let from = PACKED_ROWS; from < rows.length; from += PACKED_ROWS) {
    const part = rows.slice(from, from + PACKED_ROWS);
    const key = rowKey(part[0]);
    if (key !== null) await pages.put(packPage(part), key);
  }
}
