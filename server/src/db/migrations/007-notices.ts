import type { Kysely, Migration } from 'kysely';

/**
 * Proof of notice (issue 9): the notices people were shown, by their hash. A notice is immutable
 * and names itself (its hash is the SHA-256 of its canonical JSON), so a row can be checked by
 * anyone against its key; it holds no personal data and outlives erasures. Records get a
 * `notice_hash` column (from their body) so the admin can count the records made under each notice.
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
    // The notice each record names (its body's `noticeHash`), for the admin's notices-in-use counts.
    await db.schema.alterTable('consent_records').addColumn('notice_hash', 'text').execute();
    await db.schema
      .createIndex('consent_records_site_notice')
      .on('consent_records')
      .columns(['site_id', 'notice_hash'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('consent_records_site_notice').ifExists().execute();
    await db.schema.alterTable('consent_records').dropColumn('notice_hash').execute();
    await db.schema.dropTable('notices').ifExists().execute();
  },
};
