import type { Kysely, Migration } from 'kysely';

/**
 * Proof of notice (issue 9): the notices people were shown, by their hash. A notice is immutable
 * and names itself (its hash is the SHA-256 of its canonical JSON), so a row can be checked by
 * anyone against its key; it holds no personal data and outlives erasures.
 */
export const noticesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notices')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notices_site').on('notices').columns(['site_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('notices').ifExists().execute();
  },
};
