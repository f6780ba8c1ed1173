import { type IDBPDatabase, wrap } from 'idb';
import type { ConsentStore } from './consent-store.js';
import type { ConsentDb } from './db-schema.js';
import { idbStore, openConsentDb } from './idb-store.js';
import { lateStore } from './late-store.js';
import { memoryStore } from './memory-store.js';

export interface OpenStoreOptions {
  /** How long the page waits for IndexedDB before it goes on in memory (3 s). */
  timeoutMs?: number;
  /** The database is new (first visit): the caller starts fetching the banner early. */
  onCreate?: () => void;
  /** A slow open completed after the timeout and the store moved to IndexedDB. */
  onLateOpen?: () => void;
  /** A database the script tag's critical path is already opening (the page opens it once). */
  opening?: Promise<IDBDatabase>;
}

/**
 * IndexedDB when it works, else memory for this page with one console warning. Opening is raced
 * against a timeout because a blocked upgrade (an old tab holding the database) may never settle;
 * if it does settle later, the store moves to IndexedDB then (see `lateStore`), so nothing decided
 * meanwhile is lost.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<ConsentStore> {
  let warnedCorrupt = false;
  const onCorrupt = () => {
    if (warnedCorrupt) return;
    warnedCorrupt = true;
    console.warn('CoreConsent: ignored stored consent data that failed validation');
  };
  const db = options.opening
    ? options.opening.then((raw) => wrap(raw) as IDBPDatabase<ConsentDb>)
    : openConsentDb(undefined, options.onCreate);
  const opening = db.then((database) => idbStore(database, onCorrupt));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 3000);
  });
  try {
    const result = await Promise.race([opening, timedOut]);
    clearTimeout(timer);
    if (result !== 'timeout') return result;
    console.warn('CoreConsent: IndexedDB is slow to open; consent is kept in memory until it is ready');
    return lateStore(memoryStore(), opening, options.onLateOpen ?? (() => undefined));
  } catch (error) {
    clearTimeout(timer);
    console.warn(
      `CoreConsent: IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); consent is kept in memory for this page only`,
    );
    return memoryStore();
  }
}
