import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../config.js';
import { BACKENDS, type TestStore } from '../testing/backends.js';
import { preparedQuery } from './prepared-query.js';

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
