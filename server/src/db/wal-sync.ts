import { type FileHandle, open } from 'node:fs/promises';

/**
 * An fsync of the SQLite WAL file, off the main thread (libuv's pool), coalesced: callers that
 * arrive while one runs share the next one (which starts after theirs committed, so it covers them).
 *
 * Why: better-sqlite3 is synchronous, so with `synchronous=FULL` every COMMIT blocks the event loop
 * for a whole fsync and no request can be read meanwhile. With `synchronous=NORMAL` a WAL commit
 * only write()s its frames; we then fsync the WAL ourselves, asynchronously, and answer only after
 * it — the same guarantee as FULL (acknowledged data is on disk), while the loop keeps working.
 * SQLite itself syncs the WAL before a checkpoint, the database after it, and the WAL header when
 * it is reused, so frames we fsync are never lost to a checkpoint or a WAL restart.
 */
export function walSyncer(walPath: string): { sync: () => Promise<void>; close: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  // The WAL file lives as long as the database is open, so one handle serves every fsync; it is
  // reopened if an fsync fails (e.g. the file was replaced).
  let handle: FileHandle | undefined;
  const syncOnce = async () => {
    handle ??= await open(walPath, 'r');
    try {
      await handle.datasync();
    } catch {
      const stale = handle;
      handle = undefined;
      await stale.close().catch(() => {});
      handle = await open(walPath, 'r');
      await handle.datasync();
    }
  };
  const start = (): Promise<void> => {
    const current: Promise<void> = syncOnce().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };

  const sync = () => {
    if (!running) return start();
    // The running fsync may have begun before the caller's commit: wait for one that begins after.
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
  const close = async () => {
    await running?.catch(() => {});
    await handle?.close();
    handle = undefined;
  };
  return { sync, close };
}
