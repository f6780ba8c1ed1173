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

/**
 * Texts that end their transaction (the last write of a write transaction, db/pg-write.ts): sent
 * with a marker (`withCommit`), they run and then COMMIT in one round trip once the connection has
 * the statement prepared: `EXECUTE name(literals); COMMIT` as one simple-protocol text. The first
 * time on a connection they are prepared and run by name, then COMMIT follows (two round trips).
 * Either way the answer is COMMIT's (command `COMMIT`), so the caller can see that it committed.
 */
const committing = new Map<string, string>();
const THEN_COMMIT = '\n-- then commit (named-statements.ts)';

/** Registers `sql` to run by name and commit after; returns the text that asks for that. */
export function registerCommittingStatement(sql: string): string {
  registerNamedStatement(sql);
  committing.set(`${sql}${THEN_COMMIT}`, sql);
  return `${sql}${THEN_COMMIT}`;
}

/** A parameter as an SQL literal: an E'' string (the same under any standard_conforming_strings). */
export function literal(value: unknown): string {
  const text = (s: string) => `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (value === null) return 'NULL';
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number' && Number.isFinite(value)) return text(String(value));
  if (Array.isArray(value)) {
    // PostgreSQL's array text form, as pg writes a bound array: every element quoted, \ and " escaped.
    const element = (item: unknown) => {
      if (item === null || item === undefined) return 'NULL';
      if (typeof item !== 'string' && !(typeof item === 'number' && Number.isFinite(item)))
        throw new Error(`literal: unsupported array element ${typeof item}`);
      return `"${String(item).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    };
    return text(`{${value.map(element).join(',')}}`);
  }
  throw new Error(`literal: unsupported parameter ${typeof value}`);
}

type QueryResult = { command?: string };

/** `name` with `values`, then COMMIT; one round trip when this connection has `name` prepared. */
async function runThenCommit(
  client: pg.PoolClient,
  prepared: Set<string>,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<unknown> {
  if (prepared.has(name)) {
    const results = (await client.query(
      `execute ${name}(${values.map(literal).join(', ')}); commit`,
    )) as unknown as QueryResult[];
    return results[results.length - 1];
  }
  await client.query({ name, text, values: [...values] });
  prepared.add(name);
  return client.query('commit');
}

/** The pool Kysely's PostgresDialect gets: `pool`, with registered texts sent as named statements. */
export function namingPool(pool: pg.Pool): PostgresPool {
  // One wrapper per client, so Kysely (which keys its connections by client) keeps reusing its own.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  // The committing statements each connection has prepared (a connection keeps them until it closes).
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
            const base = typeof sqlOrCursor === 'string' ? committing.get(sqlOrCursor) : undefined;
            const baseName = base === undefined ? undefined : names.get(base);
            if (base !== undefined && baseName !== undefined && parameters) {
              let prepared = preparedOn.get(client);
              if (!prepared) {
                prepared = new Set();
                preparedOn.set(client, prepared);
              }
              return runThenCommit(client, prepared, baseName, base, parameters);
            }
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
