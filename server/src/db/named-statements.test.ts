import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../config.js';
import { BACKENDS, type TestStore } from '../testing/backends.js';
import { preparedQuery, sqlStatementThenCommit } from './prepared-query.js';

const postgres = BACKENDS.find((b) => b.dialect === 'postgres');
const skip = postgres?.skipReason;

const byId = preparedQuery((db, p) => db.selectFrom('subjects').select('id').where('id', '=', p('id')));

describe.skipIf(skip !== undefined)(`named statements [postgres]${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await (postgres as NonNullable<typeof postgres>).open();
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('prepares a hot-path query once per connection and leaves ad-hoc queries unnamed', async () => {
    const names = await store.db.connection().execute(async (conn) => {
      const before = await sql<{ n: string }>`select count(*) as n from pg_prepared_statements`.execute(conn);
      await byId.run(conn, { id: 'sub_a' });
      await byId.run(conn, { id: 'sub_b' });
      // Ad hoc, with a parameter: must not be prepared by name.
      await conn.selectFrom('subjects').select('id').where('created_at', '=', 'x').execute();
      const after = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(conn);
      return { before: Number(before.rows[0]?.n), after: after.rows };
    });
    const added = names.after.length - names.before;
    expect(added).toBe(1);
    const named = names.after.find(
      (row) => row.statement.includes('"subjects"') && row.name.startsWith('cc_'),
    );
    expect(named?.statement).toContain('"id" = $1');
  });

  it('runs a last statement and its COMMIT together, every text intact', async () => {
    await sql`create table literal_check (a text, b int)`.execute(store.db);
    const insert = sqlStatementThenCommit(
      'insert into literal_check (a, b) select * from unnest($1::text[], $2::int[])',
    );
    // What an E'' literal of an array's text form must carry through unchanged.
    const texts = [
      "it's",
      'back\\slash \\',
      'quo"te',
      '{brace},comma',
      'NULL',
      '',
      ' lead and trail ',
      'ünïcode 😀',
      "E'x'",
      '\\"\'',
      'new\nline\ttab',
      null,
    ];
    await store.db.connection().execute(async (conn) => {
      // The first run prepares the statement (then COMMIT); later ones send EXECUTE …; COMMIT.
      for (let round = 0; round < 3; round++) {
        await sql`begin`.execute(conn);
        const { rows } = await insert(conn, [texts, texts.map((_, i) => round * 100 + i)]);
        expect(rows[0]).toEqual({ command: 'COMMIT' });
      }
    });
    // Committed: another connection sees every row, byte for byte.
    const { rows } = await sql<{
      a: string | null;
      b: number;
    }>`select a, b from literal_check order by b`.execute(store.db);
    expect(rows.map((row) => row.a)).toEqual([...texts, ...texts, ...texts]);
  });
});

describe('PG_POOL_MAX', () => {
  it('defaults to 10 and takes a number of connections', () => {
    expect(configFromEnv({}).pgPoolMax).toBe(10);
    expect(configFromEnv({ PG_POOL_MAX: '24' }).pgPoolMax).toBe(24);
  });
  it('refuses 0, words and huge pools with a message naming it', () => {
    for (const bad of ['0', 'ten', '5000']) {
      expect(() => configFromEnv({ PG_POOL_MAX: bad })).toThrow(ConfigError);
      expect(() => configFromEnv({ PG_POOL_MAX: bad })).toThrow(/PG_POOL_MAX/);
    }
  });
});
