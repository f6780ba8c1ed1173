import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * PostgreSQL named (server-side prepared) statements for the hot path. An unnamed statement is
 * parsed and planned by PostgreSQL on every run; a named one once per connection. Only the SQL
 * texts registered here (by preparedQuery, a bounded set: a few queries times batch sizes up to
 * 100) are named, so ad-hoc queries (admin, exports) never pile up statements on a connection.
 */
const names = new Map<string, string>();

/** Marks `sql` as worth preparing; its name follows from its text, so every process agrees. */
export function registerNamedStatement(sql: string): void {
  if (!names.has(sql)) names.set(sql, `cc_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`);
}

/** The pool Kysely's PostgresDialect gets: `pool`, with registered texts sent as named statements. */
export function namingPool(pool: pg.Pool): PostgresPool {
  // One wrapper per client, so Kysely (which keys its connections by client) keeps reusing its own.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
            const name = typeof sqlOrCursor === 'string' ? names.get(sqlOrCursor) : undefined;
            if (name === undefined || !parameters || parameters.length === 0) {
              const result = (client.query as (...args: unknown[]) => unknown)(sqlOrCursor, parameters);
              // A text of several statements without parameters (BEGIN; SELECT … FOR UPDATE, one
              // round trip) answers with one result per statement; Kysely reads one: the last.
              return typeof sqlOrCursor === 'string' && result instanceof Promise
                ? result.then((value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value))
                : result;
            }
            return client.query({ name, text: sqlOrCursor as string, values: [...parameters] });
          }) as PostgresPoolClient['query'],
          // pg-pool sets a new `release` on every checkout: call the current one.
          release: () => client.release(),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
