import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { registerCommittingStatement, registerNamedStatement } from './named-statements.js';
import type { Database } from './schema.js';

/** Stands for a parameter while the query is built: `param('id')`. Typed `never` so any column accepts it. */
export type Param = (name: string) => never;

interface Compiled {
  sql: string;
  /** For each parameter of the SQL text, in order: the name of the value to bind. */
  names: string[];
}

const SENTINEL = '\u0000param:';

/**
 * A hot-path query that Kysely builds and compiles once per dialect (and per `size`, for lists of
 * varying length), then runs with fresh values as a pre-compiled query. Building and compiling a
 * Kysely query cost more CPU than running our small statements (profiles of the ingest path);
 * this keeps the typed builder and both dialects' SQL, and still runs through the same connection
 * (so the transaction, the connection lock and the prepared-statement cache all stay in force).
 *
 * Each value is bound by name: the query is built with sentinel values and the order in which
 * Kysely emitted them is recorded, so a reordering by Kysely cannot bind a value to the wrong column.
 *
 * @example
 * const subjectById = preparedQuery((db, p) => db.selectFrom('subjects').select('erased_at').where('id', '=', p('id')));
 * const { rows } = await subjectById.run(trx, { id: 'sub_…' });
 */
export function preparedQuery<Row>(
  build: (db: Kysely<Database>, param: Param, size: number) => Compilable<Row>,
) {
  // Keyed by the dialect's adapter: every connection and transaction of one database shares it.
  const cache = new WeakMap<object, Map<number, Compiled>>();
  const compile = (db: Kysely<Database>, size: number): Compiled => {
    const adapter = db.getExecutor().adapter;
    let bySize = cache.get(adapter);
    if (!bySize) {
      bySize = new Map();
      cache.set(adapter, bySize);
    }
    let compiled = bySize.get(size);
    if (!compiled) {
      const query = build(db, ((name: string) => `${SENTINEL}${name}`) as Param, size).compile();
      const names = query.parameters.map((value) => {
        if (typeof value !== 'string' || !value.startsWith(SENTINEL)) {
          throw new Error(`preparedQuery: parameter ${String(value)} is not a param() of the query`);
        }
        return value.slice(SENTINEL.length);
      });
      compiled = { sql: query.sql, names };
      // PostgreSQL parses and plans it once per connection from now on (named-statements.ts).
      registerNamedStatement(query.sql);
      bySize.set(size, compiled);
    }
    return compiled;
  };
  return {
    /** Runs the query on `db` (a database, connection or transaction) with `values` bound by name. */
    async run(db: Kysely<Database>, values: Readonly<Record<string, unknown>>, size = 1) {
      const { sql, names } = compile(db, size);
      const parameters = names.map((name) => {
        const value = values[name];
        if (value === undefined) throw new Error(`preparedQuery: no value for param "${name}"`);
        return value;
      });
      return db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>);
    },
  };
}

/**
 * A hot-path statement written as SQL text, for what Kysely's builder cannot say (PostgreSQL's
 * `unnest` of array parameters, db/pg-write.ts); sent as a named statement like preparedQuery's.
 * Positional parameters (`$1`…) in the order of `parameters`.
 */
export function sqlStatement<Row>(text: string) {
  registerNamedStatement(text);
  const query = (parameters: readonly unknown[]) =>
    CompiledQuery.raw(text, [...parameters]) as CompiledQuery<Row>;
  return (db: Kysely<Database>, parameters: readonly unknown[]) => db.executeQuery(query(parameters));
}

/**
 * sqlStatement's text as the last statement of a PostgreSQL transaction: it runs, then COMMIT, in
 * one round trip (named-statements.ts). The answer's first row is `{command: "COMMIT"}` when it
 * committed; anything else (another pool) means it did not, and the caller must commit.
 */
export function sqlStatementThenCommit(text: string) {
  const marked = registerCommittingStatement(text);
  return (db: Kysely<Database>, parameters: readonly unknown[]) =>
    db.executeQuery(CompiledQuery.raw(marked, [...parameters]));
}

/** A statement without parameters or builder (BEGIN, SAVEPOINT…), compiled once. */
export function rawStatement(text: string) {
  const query = CompiledQuery.raw(text, []);
  return (db: Kysely<Database>) => db.executeQuery(query);
}
