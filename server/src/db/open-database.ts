import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { namingPool } from './named-statements.js';
import { type SnapshotReader, sqliteReader, transactionSnapshot } from './read-snapshot.js';
import type { Database, Db, Dialect } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { walSyncer } from './wal-sync.js';

export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  /** Where it is, for messages: the SQLite file path or the PostgreSQL URL without its password. */
  location: string;
  /**
   * Resolves once every transaction committed before the call is on disk. SQLite: an fsync of the
   * WAL (see wal-sync.ts). PostgreSQL: nothing to do, its COMMIT already waited for its WAL flush.
   */
  sync(): Promise<void>;
  /** Runs reads on one consistent snapshot without holding up writes (read-snapshot.ts). */
  readSnapshot: SnapshotReader;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: work inside this schema (created if missing). Tests use one per run. */
  pgSchema?: string;
  /** PostgreSQL only: connections in the pool (default DEFAULT_PG_POOL_MAX). */
  poolMax?: number;
}

/**
 * (config.ts repeats the value for PG_POOL_MAX.) A process runs one write transaction at a time (group commit, see group-commit.ts) and reads
 * (token checks, pages) beside it: 10 connections serve 10 concurrent requests without queueing
 * for a connection, and several processes on one PostgreSQL (default max_connections 100) fit.
 * Size it to the concurrent requests one process takes (PG_POOL_MAX).
 */
export const DEFAULT_PG_POOL_MAX = 10;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Opens the store: a `postgres://` URL selects PostgreSQL, anything else is a SQLite file path
 * (relative to the current directory; its folder is created). Checks the connection before returning.
 *
 * @example
 * const { db, close } = await openDatabase('./data/consent.db');
 */
export async function openDatabase(target: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  return isPostgresUrl(target) ? openPostgres(target, options) : openSqlite(target);
}

function openSqlite(path: string): OpenedDatabase {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers run beside the writer. synchronous=NORMAL: a commit write()s the WAL without
  // fsync, and `sync()` fsyncs it off the main thread before any write is acknowledged — together
  // as durable as synchronous=FULL (a 200 survives kill -9 and power loss), without blocking the
  // event loop for each fsync. See wal-sync.ts.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // Another process (the CLI's purge, a second server) may hold the write lock briefly.
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const wal =
    file === ':memory:' ? { sync: async () => {}, close: async () => {} } : walSyncer(`${file}-wal`);
  // ':memory:' is private to its connection: a second one would see another, empty database.
  const reader = file === ':memory:' ? undefined : sqliteReader(file);
  const close = async () => {
    await reader?.close();
    await wal.close();
    await db.destroy();
  };
  return {
    db,
    dialect: 'sqlite',
    location: file,
    sync: wal.sync,
    readSnapshot: reader?.read ?? transactionSnapshot(db, 'sqlite'),
    close,
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<OpenedDatabase> {
  const { pgSchema } = options;
  if (pgSchema !== undefined && !SCHEMA_NAME.test(pgSchema))
    throw new Error(`invalid schema name "${pgSchema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? DEFAULT_PG_POOL_MAX,
    connectionTimeoutMillis: 5000,
    ...(pgSchema ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) });
  try {
    if (pgSchema) await sql`create schema if not exists ${sql.id(pgSchema)}`.execute(db);
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect: 'postgres',
    location: redact(url),
    sync: async () => {},
    readSnapshot: transactionSnapshot(db, 'postgres'),
    close: () => db.destroy(),
  };
}
