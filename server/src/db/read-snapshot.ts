import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database, Db, Dialect } from './schema.js';
import { withStatementCache } from './statement-cache.js';

/**
 * Runs `read` on one consistent snapshot: every query in it sees the database as one moment left
 * it, whatever commits meanwhile. For checks that read many tables one after the other (audit
 * verification), where a write landing between two reads would look like damage.
 */
export type SnapshotReader = <T>(read: (db: Db) => Promise<T>) => Promise<T>;

/**
 * One read transaction on `db` itself. PostgreSQL: REPEATABLE READ, READ ONLY (the snapshot of its
 * first query; never blocks writers). SQLite: a deferred BEGIN (the snapshot of its first read),
 * but it holds the handle's only connection, so this handle's writes wait until it ends: fine for
 * the CLI, while a serving process wants sqliteReader's connection of its own.
 */
export function transactionSnapshot(db: Db, dialect: Dialect): SnapshotReader {
  return (read) =>
    dialect === 'postgres'
      ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read)
      : db.transaction().execute(read);
}

/**
 * SQLite file: a second, read-only connection (opened at the first read) whose reads each run in
 * a deferred transaction. In WAL mode a reader keeps the snapshot of its first read until it ends
 * and never blocks the writer, so the server's writes go on while a long check reads.
 */
export function sqliteReader(file: string): { read: SnapshotReader; close(): Promise<void> } {
  let reader: Kysely<Database> | undefined;
  const open = () => {
    const database = new SQLite(file, { readonly: true, fileMustExist: true });
    // A checkpoint resetting the WAL may hold its lock for a moment.
    database.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  };
  return {
    read: (read) => {
      reader ??= open();
      return reader.transaction().execute(read);
    },
    async close() {
      await reader?.destroy();
      reader = undefined;
    },
  };
}
