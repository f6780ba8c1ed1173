import type { ConsentStore } from './consent-store.js';
import { idbStore, openConsentDb } from './idb-store.js';
import { memoryStore } from './memory-store.js';

/**
 * IndexedDB when it works, else memory for this page with one console warning. Opening is raced
 * against a timeout because a blocked upgrade (an old tab holding the database) never settles.
 * `onCreate`: the database is new (first visit) — the caller starts fetching the banner early.
 */
export async function openStore(timeoutMs = 3000, onCreate?: () => void): Promise<ConsentStore> {
  let warnedCorrupt = false;
  const onCorrupt = () => {
    if (warnedCorrupt) return;
    warnedCorrupt = true;
    console.warn('CoreConsent: ignored stored consent data that failed validation');
  };
  try {
    const db = await Promise.race([
      openConsentDb(undefined, onCreate),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs)),
    ]);
    return idbStore(db, onCorrupt);
  } catch (error) {
    console.warn(
      `CoreConsent: IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); consent is kept in memory for this page only`,
    );
    return memoryStore();
  }
}
