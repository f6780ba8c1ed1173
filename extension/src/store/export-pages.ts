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
 *
 * A page's size is kept under `PAGE_BYTES` as Chrome serializes it: Chrome stores a value of
 * 64 KiB or more apart from its database (as a blob file) and reads it back by another way.
 */

/**
 * A page's serialized text may grow to this many bytes (`pageBytes`), then it splits in halves:
 * under Chrome's 64 KiB for a value stored in the database itself, with room for the wrapper.
 * A single row bigger than this is a page of its own.
 */
export const PAGE_BYTES = 60 * 1024;
/** And to at most this many rows, whatever their size: a write rewrites at most one page's worth. */
export const PAGE_ROWS = 512;
/** Bytes per page when packing existing rows (the upgrade): room left for inserts before a split. */
export const PACKED_BYTES = PAGE_BYTES / 2;
/** Rows per page when packing existing rows, at most. */
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

/** Any character V8 cannot write in one byte (a string with one is written two bytes a character). */
const TWO_BYTE = /[\u0100-\uffff]/;

/** The bytes a text takes in a serialized value: one a character when all are Latin-1, else two. */
export const textBytes = (text: string): number => (TWO_BYTE.test(text) ? text.length * 2 : text.length);

/** A page's size as it counts against `PAGE_BYTES`: the bytes of its text. */
export const pageBytes = (page: StoredExportPage): number => textBytes(page.rows);

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
  await writeParts(pages, page.key, page.rows);
}

/**
 * Writes rows as one page at `key`, or, over `PAGE_ROWS` rows or `PAGE_BYTES`, as two halves (each
 * split again while too big): the first keeps `key` (its range starts there), the second starts at
 * its first row. Written in key order.
 */
async function writeParts(pages: PagesStore, key: PageKey, rows: LoadedPage['rows']): Promise<void> {
  const packed = packPage(rows.map((entry) => entry.row));
  if (rows.length > 1 && (rows.length > PAGE_ROWS || pageBytes(packed) > PAGE_BYTES)) {
    const half = rows.length >> 1;
    await writeParts(pages, key, rows.slice(0, half));
    await writeParts(pages, (rows[half] as LoadedPage['rows'][number]).key, rows.slice(half));
    return;
  }
  await pages.put(packed, key);
}

/**
 * Packs rows already in key order into fresh pages (the upgrade to version 6): each filled up to
 * `PACKED_BYTES` or `PACKED_ROWS` (at least one row), so inserts have room before a split.
 */
export async function packExportPages(pages: PagesStore, rows: readonly StoredRecord[]): Promise<void> {
  await pages.clear();
  const parts: StoredRecord[][] = [];
  let part: StoredRecord[] = [];
  let chars = 2; // the brackets
  let twoByte = false;
  for (const row of rows) {
    const text = JSON.stringify(row);
    const rowTwoByte = TWO_BYTE.test(text);
    const after = chars + (part.length > 0 ? 1 : 0) + text.length;
    const bytes = twoByte || rowTwoByte ? after * 2 : after;
    if (part.length > 0 && (part.length >= PACKED_ROWS || bytes > PACKED_BYTES)) {
      parts.push(part);
      part = [];
      chars = 2 + text.length;
      twoByte = rowTwoByte;
    } else {
      chars = after;
      twoByte ||= rowTwoByte;
    }
    part.push(row);
  }
  parts.push(part); // the first page exists even when there is no row
  for (const [i, rowsOfPage] of parts.entries()) {
    const key = i === 0 ? FIRST_PAGE : rowKey(rowsOfPage[0]);
    if (key !== null) await pages.put(packPage(rowsOfPage), key);
  }
}
