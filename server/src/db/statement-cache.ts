import type SQLite from 'better-sqlite3';

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running our
 * small queries. This adapter keeps the most recent prepared statements (LRU), keyed by SQL text.
 * Safe because better-sqlite3 runs each statement to completion synchronously (no interleaving).
 */
export function withStatementCache(database: SQLite.Database, size = 256) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SQLite.Statement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-insert: most recently used last
      } else {
        statement = database.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
    close(): void {
      database.close();
    },
  };
}
