import { DB_NAME, DB_VERSION, MIGRATIONS } from '../storage/db-schema.js';

/**
 * Opens (and migrates) the consent database with the raw IndexedDB API: idb stays out of the
 * critical path. The same connection is handed to the rest of the SDK (wrapped by idb there), so
 * the database is opened once per page. Rejects when IndexedDB is missing, blocked or broken.
 * `onCreate` fires when the database did not exist: a first visit.
 */
export function openDb(onCreate: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      // A microtask (it runs as soon as this handler returns): an exception thrown in here would
      // abort the upgrade, one thrown there does not. Not a timer: at 4× CPU the page's own tasks
      // queued first delayed it ~100 ms, and the banner waits for what it starts.
      if (event.oldVersion === 0) queueMicrotask(onCreate);
      for (let v = event.oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]?.(request.result);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab wants a newer version: step aside so its upgrade can run.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
}

/** The stored values of one site's history, unparsed (the caller checks each). */
export function readSiteValues(db: IDBDatabase, siteId: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction('records').objectStore('records').index('by-site').getAll(siteId);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
